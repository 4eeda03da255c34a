package org.sanctuarycity.workflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The security test's findings 3 to 6 (issue 23), each tried over HTTP as every role and as a user in no group,
 * the way the attacker did. Findings 1 and 2 have their own suites (QueryExpressionAttackIT,
 * ModelExpressionAttackIT).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    // As behind the city's reverse proxy: the caller's address comes from X-Forwarded-For, set by a proxy on
    // loopback. This lets the test speak as an outsider and as the administrator from two addresses.
    properties = "server.forward-headers-strategy=native")
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineAttackIT {

  static final String NO_GROUP_USER = "nogroupattack";
  static final String NO_GROUP_PASSWORD = "N0-Group-At-All!";
  /** Everyone but the administrator, with their passwords. */
  static final Map<String, String> NON_ADMINS = new LinkedHashMap<>();

  static {
    for (String user : List.of("desk", "verifier", "attorney", "supervisor", "officer", "auditor")) {
      NON_ADMINS.put(user, "demo");
    }
    NON_ADMINS.put(NO_GROUP_USER, NO_GROUP_PASSWORD);
  }

  @LocalServerPort int port;
  @Autowired IdentityService identityService;
  @Autowired HistoryService historyService;
  @Autowired ManagementService managementService;

  final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  void userInNoGroup() {
    User user = identityService.newUser(NO_GROUP_USER);
    user.setPassword(NO_GROUP_PASSWORD);
    identityService.saveUser(user);
  }

  @AfterAll
  void removeUser() {
    identityService.deleteUser(NO_GROUP_USER);
  }

  HttpResponse<String> call(String user, String password, String method, String path, Object body) throws Exception {
    return call(user, password, method, path, body, null);
  }

  HttpResponse<String> call(String user, String password, String method, String path, Object body, String from)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(HttpApi.JSON.writeValueAsString(body), StandardCharsets.UTF_8));
    if (from != null) {
      request.header("X-Forwarded-For", from);
    }
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
          .getBytes(StandardCharsets.UTF_8)));
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  // ---------------------------------------------------------------------------------------------
  // Finding 4: the history cleanup job

  Job historyCleanupJob() {
    List<Job> jobs = historyService.findHistoryCleanupJobs();
    if (jobs.isEmpty()) {
      historyService.cleanUpHistoryAsync();
      jobs = historyService.findHistoryCleanupJobs();
    }
    assertThat(jobs).isNotEmpty();
    return jobs.get(0);
  }

  @Test
  void onlyAnAdministratorMayChangeTheHistoryCleanupJob() throws Exception {
    Job before = historyCleanupJob();
    String job = "/engine-rest/job/" + before.getId();
    List<Object[]> actions = List.of(
        new Object[] {"PUT", job + "/suspended", Map.of("suspended", true)},
        new Object[] {"PUT", job + "/duedate", Map.of("duedate", "2099-01-01T00:00:00.000+0000")},
        new Object[] {"PUT", job + "/retries", Map.of("retries", 0)},
        new Object[] {"PUT", job + "/priority", Map.of("priority", 99)},
        new Object[] {"POST", job + "/duedate/recalculate", null},
        new Object[] {"POST", job + "/execute", null},
        new Object[] {"DELETE", job, null});
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String> user : NON_ADMINS.entrySet()) {
      for (Object[] action : actions) {
        HttpResponse<String> answer = call(user.getKey(), user.getValue(), (String) action[0], (String) action[1], action[2]);
        if (answer.statusCode() != 403) {
          wrong.add(user.getKey() + " " + action[0] + " " + action[1] + " -> " + answer.statusCode() + " " + answer.body());
        }
      }
    }
    for (Object[] action : actions) {
      assertThat(call(null, null, (String) action[0], (String) action[1], action[2]).statusCode()).isEqualTo(401);
    }
    assertThat(wrong).isEmpty();
    Job after = managementService.createJobQuery().jobId(before.getId()).singleResult();
    assertThat(after).as("the cleanup job still exists").isNotNull();
    assertThat(after.isSuspended()).isFalse();
    assertThat(after.getRetries()).isEqualTo(before.getRetries());
    assertThat(after.getDuedate()).isEqualTo(before.getDuedate());
    assertThat(after.getPriority()).isEqualTo(before.getPriority());

    // The administrator still may, and the job can be put back.
    assertThat(call("admin", "demo", "PUT", job + "/retries", Map.of("retries", before.getRetries())).statusCode())
        .isEqualTo(204);
  }

  // ---------------------------------------------------------------------------------------------
  // Finding 5: locking other people's accounts

  @Test
  void anOutsiderCannotLockTheAdministratorOutAndIsSlowedDownItself() throws Exception {
    String outsider = "203.0.113.9";
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      statuses.add(call("admin", "wrong-" + i, "GET", "/api/legal-bases", null, outsider).statusCode());
    }
    // Five free tries, then the outsider waits, told when it may try again, and its passwords are not checked.
    assertThat(statuses.subList(0, 5)).containsOnly(401);
    assertThat(statuses.subList(5, 12)).containsOnly(429);
    HttpResponse<String> throttled = call("admin", "wrong", "GET", "/api/legal-bases", null, outsider);
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
    assertThat(throttled.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

    // The web apps' login form is throttled the same way for that client.
    HttpResponse<String> form = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/camunda/api/admin/auth/user/default/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-Forwarded-For", outsider)
        .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=guess")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(form.statusCode()).isEqualTo(429);

    // The administrator, at their own address, signs in at once, through HTTP Basic and the login form.
    assertThat(call("admin", "demo", "GET", "/api/legal-bases", null, "198.51.100.7").statusCode()).isEqualTo(200);
    QueryExpressionAttackIT.WebappSession session = QueryExpressionAttackIT.WebappSession.login(port, "admin", "demo");
    assertThat(session).as("admin's Tasklist login").isNotNull();
    // And no lock was written to the account.
    assertThat(identityService.checkPassword("admin", "demo")).isTrue();
  }

  @Test
  void aClientGuessingManyAccountsIsSlowedDown() throws Exception {
    String guesser = "203.0.113.77";
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      statuses.add(call("user" + i, "guess", "GET", "/api/legal-bases", null, guesser).statusCode());
    }
    assertThat(statuses.subList(0, 20)).containsOnly(401);
    assertThat(statuses.subList(20, 24)).containsOnly(429);
    // Another client is not affected.
    assertThat(call("desk", "demo", "GET", "/api/legal-bases", null, "198.51.100.8").statusCode()).isEqualTo(200);
  }
}
