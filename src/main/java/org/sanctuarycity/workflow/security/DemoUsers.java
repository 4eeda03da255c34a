package org.sanctuarycity.workflow.security;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Demo users, password "demo". Only in the demo setup (app.demo.enabled, set by the demo profile);
 * the prod profile never creates them, and ProductionSecretsCheck refuses to start prod with it.
 */
@Component
@Order(2)
@ConditionalOnProperty(name = "app.demo.enabled", havingValue = "true")
public class DemoUsers implements ApplicationRunner {

  static final String PASSWORD = "demo";

  /** user id -> groups */
  static final Map<String, List<String>> USERS = Map.of(
      "desk", List.of(Groups.POLICE_DESK),
      "verifier", List.of(Groups.WARRANT_VERIFIERS),
      "attorney", List.of(Groups.CITY_ATTORNEY),
      "supervisor", List.of(Groups.CITY_ATTORNEY_SUPERVISORS, Groups.POLICE_SUPERVISORS),
      "officer", List.of(Groups.POLICE_OFFICERS),
      "auditor", List.of(Groups.AUDITORS),
      "admin", Groups.ALL);

  private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

  private final IdentityService identityService;
  private final Environment environment;

  public DemoUsers(IdentityService identityService, Environment environment) {
    this.identityService = identityService;
    this.environment = environment;
  }

  @Override
  public void run(ApplicationArguments args) {
    USERS.forEach((id, groups) -> {
      if (identityService.createUserQuery().userId(id).count() == 0) {
        User user = identityService.newUser(id);
        user.setFirstName(Character.toUpperCase(id.charAt(0)) + id.substring(1));
        user.setLastName("(demo)");
        user.setEmail(id + "@demo.invalid");
        user.setPassword(PASSWORD);
        saveBypassingPasswordPolicy(user);
      }
      for (String group : groups) {
        if (identityService.createUserQuery().userId(id).memberOfGroup(group).count() == 0) {
          identityService.createMembership(id, group);
        }
      }
    });
  }

  /**
   * The password policy is on for every account (application.yaml), and "demo" fails it on purpose.
   * Only here, in the demo setup, are users saved past the check, through the engine's own
   * implementation method saveUser(user, skipPasswordPolicy); it is not on the IdentityService interface.
   */
  private void saveBypassingPasswordPolicy(User user) {
    if (identityService instanceof IdentityServiceImpl impl) {
      impl.saveUser(user, true);
    } else {
      throw new IllegalStateException("Demo users need the engine's IdentityServiceImpl to bypass the password policy");
    }
  }

  @EventListener(ApplicationReadyEvent.class)
  public void announce() {
    String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
    log.info("""

        ==================================================================
         Tasklist:  http://localhost:{}/camunda/app/tasklist/
         Demo users (password "demo"):
           desk       police-desk                 records requests, sends responses
           verifier   warrant-verifiers           verifies warrants and requesters
           attorney   city-attorney               legal review and decisions
           supervisor city-attorney-supervisors   receives overdue reviews
                      + police-supervisors        reviews immigration-contact reports
           officer    police-officers             files immigration-contact reports
           auditor    auditors                    read-only history
           admin      camunda-admin + all groups  deploys flows, manages users
        ==================================================================""", port);
  }
}
