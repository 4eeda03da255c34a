package org.sanctuarycity.workflow.process;

import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;

/** Runs a step as a signed-in user of one group, as Tasklist would, so that the engine's authorizations apply. */
public final class AsUser {

  private AsUser() {
  }

  public static <T> T run(IdentityService identityService, String user, String group, Supplier<T> action) {
    identityService.setAuthentication(user, List.of(group));
    try {
      return action.get();
    } finally {
      identityService.clearAuthentication();
    }
  }
}
