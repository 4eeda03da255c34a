package org.sanctuarycity.workflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.IdentityServiceImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.sanctuarycity.workflow.security.AdminAccount;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.context.ActiveProfiles;

/**
 * Camunda hardening by configuration: password policy, login throttling, deserialization allow-list,
 * security headers and CSRF, and the city's branding in place of the "migrate to Camunda 8" banner.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class EngineHardeningIT {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired IdentityService identityService;

  @Test
  void theEngineRunsWithTheHardenedSettings() {
    ProcessEngineConfigurationImpl c = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(c.isAuthorizationEnabled()).isTrue();
    assertThat(c.isEnablePasswordPolicy()).isTrue();
    // No account lock an outsider could trigger: failed logins are throttled per client (LoginThrottle).
    assertThat(c.getLoginMaxAttempts()).isEqualTo(Integer.MAX_VALUE);
    assertThat(c.getLoginDelayBase()).isZero();
    assertThat(c.getLoginDelayMaxTime()).isZero();
    assertThat(c.isDeserializationTypeValidationEnabled()).isTrue();
    assertThat(c.getDeserializationAllowedPackages()).isEqualTo("org.sanctuarycity.workflow");
    assertThat(c.getDeserializationAllowedClasses()).contains("java.util.ArrayList").doesNotContain("java.lang.Object");
    assertThat(c.isJavaSerializationFormatEnabled()).isFalse();
    assertThat(c.isEnableExpressionsInAdhocQueries()).isFalse();
    assertThat(c.isEnableExpressionsInStoredQueries()).isFalse();
    assertThat(c.isEnableXxeProcessing()).isFalse();
    assertThat(c.getQueryMaxResultsLimit()).isEqualTo(2000);
  }

  @Test
  void aRememberedLoginAcceptsOnlyItsOwnPasswordAndAFailureForgetsIt() {
    User user = identityService.newUser("cachecheck");
    user.setPassword("C0rrect-Horse-Battery!");
    identityService.saveUser(user);
    identityService.createMembership("cachecheck", "auditors");
    try {
      assertThat(basic("cachecheck", "C0rrect-Horse-Battery!").status()).isEqualTo(200);
      // Remembered: a second call with another password is still checked, and refused.
      assertThat(basic("cachecheck", "Wr0ng-Horse-Battery!").status()).isEqualTo(401);
      // The failure forgot the remembered login: the next call checks the password again, and no lock holds it.
      assertThat(basic("cachecheck", "C0rrect-Horse-Battery!").status()).isEqualTo(200);
    } finally {
      identityService.deleteUser("cachecheck");
    }
  }

  HttpApi.Answer basic(String user, String password) {
    return new HttpApi(port).send(null, HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/legal-bases"))
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes()))
        .GET(), Map.of());
  }

  @Test
  void weakPasswordsAreRefusedAndAFailedLoginLocksNobodyOut() {
    User weak = identityService.newUser("policycheck");
    weak.setPassword("demo");
    assertThatThrownBy(() -> identityService.saveUser(weak)).isInstanceOf(ProcessEngineException.class)
        .message().containsIgnoringCase("polic");
    assertThat(identityService.createUserQuery().userId("policycheck").count()).isZero();

    User strong = identityService.newUser("throttlecheck");
    strong.setPassword("C0rrect-Horse-Battery!");
    identityService.saveUser(strong);
    try {
      for (int i = 0; i < 15; i++) {
        assertThat(identityService.checkPassword("throttlecheck", "wrong-password")).isFalse();
      }
      // The engine locks no account, however many failures: the throttle per client is in front of it.
      assertThat(identityService.checkPassword("throttlecheck", "C0rrect-Horse-Battery!")).isTrue();
    } finally {
      identityService.deleteUser("throttlecheck");
    }
    // The demo setup (and only it) saved its users past the policy.
    assertThat(identityService.checkPassword("auditor", "demo")).isTrue();
  }

  @Test
  void theAdministratorAccountIsCreatedFromConfigurationUnderThePasswordPolicy() {
    List<String> demoAdminGroups = identityService.createGroupQuery().groupMember("admin").list().stream()
        .map(org.camunda.bpm.engine.identity.Group::getId).toList();
    identityService.deleteUser("admin");
    try {
      assertThatThrownBy(() -> new AdminAccount(identityService, new MockEnvironment()
          .withProperty("app.admin.password", "admin")).run(null))
          .hasMessageContaining("app.admin.password was refused by the password policy")
          .hasMessageContaining("PASSWORD_POLICY_LENGTH");
      assertThat(identityService.createUserQuery().userId("admin").count()).isZero();

      new AdminAccount(identityService, new MockEnvironment()
          .withProperty("app.admin.password", "Sanctuary-2026!x")).run(null);
      assertThat(identityService.createUserQuery().userId("admin").memberOfGroup("camunda-admin").count()).isOne();
      assertThat(identityService.checkPassword("admin", "Sanctuary-2026!x")).isTrue();
      // A restart leaves the existing account and its password alone.
      new AdminAccount(identityService, new MockEnvironment()
          .withProperty("app.admin.password", "Other-Passw0rd-2027!")).run(null);
      assertThat(identityService.checkPassword("admin", "Sanctuary-2026!x")).isTrue();
    } finally {
      // Restore the demo administrator the other tests of this shared context log in with.
      identityService.deleteUser("admin");
      User admin = identityService.newUser("admin");
      admin.setPassword("demo");
      ((IdentityServiceImpl) identityService).saveUser(admin, true);
      demoAdminGroups.forEach(g -> identityService.createMembership("admin", g));
    }
  }

  @Test
  void appPagesAndWebAppsSendSecurityHeadersAndRefuseCrossSiteWrites() {
    HttpApi api = new HttpApi(port);
    HttpApi.Answer page = api.send("desk", HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/requests/FR-2026-99999")).GET(), Map.of());
    assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'")
        .contains("object-src 'none'");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(page.headers().firstValue("X-Frame-Options")).isPresent();

    // A form post to the application pages without a CSRF token is refused, even with valid credentials.
    HttpApi.Answer post = api.send("desk", HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/requests/FR-2026-99999")).POST(HttpRequest.BodyPublishers.ofString("x=1"))
        .header("Content-Type", "application/x-www-form-urlencoded"), Map.of());
    assertThat(post.status()).isEqualTo(403);

    // Tasklist sets its own CSP, and its session and CSRF cookies are HttpOnly / SameSite.
    HttpApi.Answer tasklist = api.get(null, "/camunda/app/tasklist/default/");
    assertThat(tasklist.status()).isEqualTo(200);
    assertThat(tasklist.headers().firstValue("Content-Security-Policy").orElse("")).contains("object-src 'none'");
    List<String> cookies = tasklist.headers().allValues("Set-Cookie");
    assertThat(cookies).anySatisfy(c -> assertThat(c).startsWith("XSRF-TOKEN=").contains("SameSite=Strict"));
    // Camunda's CSRF filter stays on: a write to the web apps' API without the token is refused.
    HttpApi.Answer write = api.post(null, "/camunda/api/admin/auth/user/default/logout", Map.of());
    assertThat(write.status()).isEqualTo(403);
    assertThat(write.headers().firstValue("X-XSRF-TOKEN")).hasValue("Required");
  }

  @Test
  void theWebAppsShowTheCityInsteadOfTheMigrationBanner() {
    HttpApi api = new HttpApi(port);
    for (String app : List.of("tasklist", "cockpit", "admin")) {
      HttpApi.Answer config = api.get(null, "/camunda/app/" + app + "/scripts/config.js");
      assertThat(config.status()).isEqualTo(200);
      assertThat(config.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
      assertThat(config.body()).contains("export default").contains("vendor: \"City of Huntington Park\"");
      HttpApi.Answer css = api.get(null, "/camunda/app/" + app + "/styles/user-styles.css");
      assertThat(css.status()).isEqualTo(200);
      assertThat(css.body()).contains(".ce-eol-banner { display: none !important; }").contains("Huntington Park");
    }
    assertThat(api.get(null, "/camunda/app/tasklist/scripts/config.js").body()).contains("claimTask");
    // Tasks come from the flows only: Tasklist's "Create task" is not offered.
    assertThat(api.get(null, "/camunda/app/tasklist/styles/user-styles.css").body())
        .contains(".create-task-action { display: none !important; }");
    assertThat(api.get(null, "/camunda/app/cockpit/styles/user-styles.css").body()).doesNotContain("create-task");
  }
}
