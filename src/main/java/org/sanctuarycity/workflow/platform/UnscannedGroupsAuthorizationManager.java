package org.sanctuarycity.workflow.platform;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;

/**
 * The engine's authorization manager without its per-command scan of every authorization row.
 *
 * <p>Before its first check in a command, Camunda's manager reads {@code SELECT distinct(GROUP_ID_) FROM
 * ACT_RU_AUTHORIZATION} to drop the user's groups that have no authorization at all from the checks' IN lists
 * (meant for directories that put a user in hundreds of groups). The table holds a row per candidate group of every
 * open task, so that read grows with the open tasks: 4.8 ms of database time per intake with a few thousand open
 * (issue 6, statements-intake.tsv). Here users have a handful of groups, so the checks take them all. The answers
 * are the same: a group without authorization rows matches none in {@code GROUP_ID_ IN (...)}, grants nothing and
 * revokes nothing.
 */
public class UnscannedGroupsAuthorizationManager extends AuthorizationManager {

  @Override
  public List<String> filterAuthenticatedGroupIds(List<String> authenticatedGroupIds) {
    if (authenticatedGroupIds == null || authenticatedGroupIds.isEmpty()) {
      return new ArrayList<>();
    }
    return new ArrayList<>(new LinkedHashSet<>(authenticatedGroupIds));
  }

  /** Registered as the engine's session factory for {@link AuthorizationManager}, replacing the default one. */
  static final class Factory implements SessionFactory {

    @Override
    public Class<?> getSessionType() {
      return AuthorizationManager.class;
    }

    @Override
    public Session openSession() {
      return new UnscannedGroupsAuthorizationManager();
    }
  }
}
