package org.sanctuarycity.workflow.security;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.PasswordPolicyResult;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Creates the administrator account {@code admin} in camunda-admin from {@code app.admin.password}
 * when it does not exist yet. The password policy applies: a weak password stops the start. An
 * existing account is left alone, so a password changed in Admin is not reset by a restart.
 */
@Component
@Order(3)
@ConditionalOnProperty(name = "app.admin.password")
public class AdminAccount implements ApplicationRunner {

  static final String ADMIN = "admin";
  private static final Logger log = LoggerFactory.getLogger(AdminAccount.class);

  private final IdentityService identityService;
  private final Environment environment;

  public AdminAccount(IdentityService identityService, Environment environment) {
    this.identityService = identityService;
    this.environment = environment;
  }

  @Override
  public void run(ApplicationArguments args) {
    String password = environment.getProperty("app.admin.password");
    if (password == null || password.isBlank()) {
      return;
    }
    if (identityService.createUserQuery().userId(ADMIN).count() == 0) {
      User user = identityService.newUser(ADMIN);
      user.setFirstName("Workflow");
      user.setLastName("Administrator");
      PasswordPolicyResult policy = identityService.checkPasswordAgainstPolicy(password, user);
      if (!policy.isValid()) {
        // Rule names only (e.g. PASSWORD_POLICY_LENGTH); the password itself is never printed.
        throw new IllegalStateException("app.admin.password was refused by the password policy: "
            + policy.getViolatedRules().stream().map(PasswordPolicyRule::getPlaceholder).toList());
      }
      user.setPassword(password);
      try {
        identityService.saveUser(user);
      } catch (ProcessEngineException e) {
        throw new IllegalStateException("the administrator account could not be created: " + e.getClass().getSimpleName());
      }
      log.info("Administrator account '{}' created", ADMIN);
    }
    if (identityService.createUserQuery().userId(ADMIN).memberOfGroup(Groups.ADMINISTRATORS).count() == 0) {
      identityService.createMembership(ADMIN, Groups.ADMINISTRATORS);
    }
  }
}
