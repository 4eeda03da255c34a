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
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
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
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(HttpApi.JSON.writeValueAsString(body), StandardCharsets.UTF_8));
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
}
