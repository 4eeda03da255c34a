package org.sanctuarycity.workflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The engine checks authorizations with all of a user's groups, without reading the whole table first. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class UnscannedGroupsAuthorizationManagerIT {

  @Autowired ProcessEngine engine;

  @Test
  void theEngineKeepsEveryGroupOfTheUserForItsChecks() {
    var config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    List<String> kept = config.getCommandExecutorTxRequired().execute(context -> {
      AuthorizationManager manager = context.getAuthorizationManager();
      assertThat(manager).isInstanceOf(UnscannedGroupsAuthorizationManager.class);
      return manager.filterAuthenticatedGroupIds(List.of("city-attorney", "group-without-rows", "city-attorney"));
    });
    assertThat(kept).containsExactly("city-attorney", "group-without-rows");
  }

  @Test
  void aGroupWithoutAuthorizationsChangesNoAnswer() {
    AuthorizationService authorizations = engine.getAuthorizationService();
    record Check(Resources resource, Permissions permission) {}
    for (Check c : List.of(new Check(Resources.PROCESS_DEFINITION, Permissions.READ),
        new Check(Resources.PROCESS_DEFINITION, Permissions.CREATE_INSTANCE), new Check(Resources.DEPLOYMENT,
        Permissions.READ), new Check(Resources.DEPLOYMENT, Permissions.DELETE), new Check(Resources.AUTHORIZATION,
        Permissions.READ))) {
      boolean alone = authorizations.isUserAuthorized("attorney", List.of("city-attorney"), c.permission(),
          c.resource(), "federal-request");
      boolean withEmptyGroup = authorizations.isUserAuthorized("attorney",
          List.of("city-attorney", "group-without-rows"), c.permission(), c.resource(), "federal-request");
      assertThat(withEmptyGroup).as("%s", c).isEqualTo(alone);
    }
    // And a grant still counts: the city attorney may read the federal-request definition, nobody else's group may.
    assertThat(authorizations.isUserAuthorized("attorney", List.of("city-attorney", "group-without-rows"),
        Permissions.READ, Resources.PROCESS_DEFINITION, "federal-request")).isTrue();
    assertThat(authorizations.isUserAuthorized("stranger", List.of("group-without-rows"),
        Permissions.READ, Resources.PROCESS_DEFINITION, "federal-request")).isFalse();
  }
}
