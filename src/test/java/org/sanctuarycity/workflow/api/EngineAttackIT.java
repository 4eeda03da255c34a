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
// The test profile runs as behind the city's reverse proxy (server.forward-headers-strategy: native): the caller's
// address comes from X-Forwarded-For sent from loopback, so this test can speak from two addresses. (A context of
// its own would register a second engine named "default", which the REST API of the shared one would then use.)
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

  // ---------------------------------------------------------------------------------------------
  // Finding 3: personal data through extra variables

  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;

  static final String SECRET_NAME = "Maria Attacker-Extra";
  static final List<String> EXTRA_NAMES = List.of("subjectName", "dob", "payload", "pii_subjectFullName");

  long rowsWithExtras() {
    long count = 0;
    for (String table : List.of("act_ru_variable", "act_hi_varinst", "act_hi_detail")) {
      count += jdbc.queryForObject("SELECT count(*) FROM " + table + " WHERE name_ IN (?, ?, ?, ?) OR text_ LIKE ?",
          Long.class, EXTRA_NAMES.get(0), EXTRA_NAMES.get(1), EXTRA_NAMES.get(2), EXTRA_NAMES.get(3), "%Attacker-Extra%");
    }
    return count;
  }

  static Map<String, Object> typed(Object value) {
    return Map.of("value", value);
  }

  @Test
  void extraVariablesAreRefusedOnEveryPathAndNothingOfThemIsStored() throws Exception {
    HttpApi api = new HttpApi(port);
    HttpApi.Answer created = api.post("desk", "/api/requests", FederalRequestApiIT.request("Extra Subject", "1991-02-03",
        true, "DETAINER"), Map.of("Idempotency-Key", java.util.UUID.randomUUID().toString()));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String reference = created.json().get("reference").asText();
    String taskId = api.openTask("verifier", reference).get("id").asText();
    String instanceId = api.openTask("verifier", reference).get("processInstanceId").asText();

    Map<String, Object> checks = new LinkedHashMap<>(FederalRequestApiIT.administrativeDetainerChecks("Called back."));
    Map<String, Object> withExtras = new LinkedHashMap<>(checks);
    withExtras.put("subjectName", SECRET_NAME);
    withExtras.put("dob", "1991-02-03");
    Map<String, Object> asVariables = new LinkedHashMap<>();
    withExtras.forEach((k, v) -> asVariables.put(k, typed(v)));
    Map<String, Object> objectVariable = Map.of("value", "{\"name\":\"" + SECRET_NAME + "\"}", "type", "Object",
        "valueInfo", Map.of("objectTypeName", "java.util.HashMap", "serializationDataFormat", "application/json"));

    List<String> wrong = new ArrayList<>();
    List<Object[]> attempts = List.of(
        new Object[] {"verifier", "POST", "/engine-rest/task/" + taskId + "/complete", Map.of("variables", asVariables)},
        new Object[] {"verifier", "POST", "/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", asVariables)},
        new Object[] {"verifier", "PUT", "/engine-rest/task/" + taskId + "/variables/dob", typed("1991-02-03")},
        new Object[] {"verifier", "PUT", "/engine-rest/task/" + taskId + "/localVariables/subjectName", typed(SECRET_NAME)},
        new Object[] {"verifier", "POST", "/engine-rest/task/" + taskId + "/variables",
            Map.of("modifications", Map.of("payload", objectVariable))},
        new Object[] {"admin", "PUT", "/engine-rest/process-instance/" + instanceId + "/variables/subjectName", typed(SECRET_NAME)},
        // A personal field on a running request, where no step would take it out again.
        new Object[] {"admin", "PUT", "/engine-rest/process-instance/" + instanceId + "/variables/pii_subjectFullName",
            typed(SECRET_NAME)},
        new Object[] {"admin", "POST", "/engine-rest/execution/" + instanceId + "/localVariables",
            Map.of("modifications", Map.of("dob", typed("1991-02-03")))},
        new Object[] {"desk", "POST", "/engine-rest/process-definition/key/federal-request/start",
            Map.of("variables", Map.of("subjectName", typed(SECRET_NAME)))},
        new Object[] {"desk", "POST", "/engine-rest/message", Map.of("messageName", "AgencyReply",
            "processInstanceId", instanceId, "processVariables", Map.of("dob", typed("1991-02-03")))});
    for (Object[] a : attempts) {
      HttpResponse<String> answer = call((String) a[0], "demo", (String) a[1], (String) a[2], a[3]);
      if (answer.statusCode() < 400 || answer.statusCode() >= 500) {
        wrong.add(a[0] + " " + a[1] + " " + a[2] + " -> " + answer.statusCode() + " " + answer.body());
      } else if (answer.statusCode() == 400 && !answer.body().contains("\"field\"")
          && !((String) a[2]).endsWith("/message")) {
        // (The message is refused for matching nothing, before any variable is set.)
        wrong.add(a[0] + " " + a[1] + " " + a[2] + " -> 400 without naming the field: " + answer.body());
      }
      if (answer.body().contains("Attacker-Extra") || answer.body().contains("1991-02-03")) {
        wrong.add(a[2] + " echoed the value: " + answer.body());
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(rowsWithExtras()).as("rows holding the extra variables").isZero();

    // The completion names the field it refused, as a problem; the task is still open and still works.
    HttpResponse<String> refused = call("verifier", "demo", "POST", "/engine-rest/task/" + taskId + "/complete",
        Map.of("variables", asVariables));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(HttpApi.JSON.readTree(refused.body()).path("errors").get(0).path("field").asText()).isIn("subjectName", "dob");
    assertThat(api.complete("verifier", taskId, checks).status()).isEqualTo(204);
    assertThat(rowsWithExtras()).isZero();
  }

  // ---------------------------------------------------------------------------------------------
  // Finding 6: the low-severity findings

  @Test
  void theEvidencePackOfAComplaintThatNamesARequestIsServed() throws Exception {
    HttpApi api = new HttpApi(port);
    HttpApi.Answer created = api.post("desk", "/api/requests", FederalRequestApiIT.request("Evidence Subject", "1985-05-06",
        true, "DETAINER"), Map.of("Idempotency-Key", java.util.UUID.randomUUID().toString()));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String request = created.json().get("reference").asText();
    Map<String, Object> form = new LinkedHashMap<>();
    form.put("anonymous", typed(false));
    form.put("filedByAttorney", typed(true));
    form.put("pii_complainantName", typed("Complainant Evidence"));
    form.put("pii_complainantContact", typed("+1 323 555 0199"));
    form.put("language", typed("en"));
    form.put("pii_incidentDate", typed(java.time.LocalDate.now().minusDays(3).toString()));
    form.put("pii_incidentLocation", typed("Pacific Blvd"));
    form.put("pii_description", typed("The desk told the agency when he would be released."));
    form.put("references", typed(request));
    HttpResponse<String> filed = call("attorney", "demo", "POST",
        "/engine-rest/process-definition/key/complaint/submit-form", Map.of("variables", form));
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(200);
    String complaint = HttpApi.JSON.readTree(filed.body()).get("businessKey").asText();
    HttpResponse<byte[]> pack = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/api/complaints/" + complaint + "/evidence-pack")).header("Authorization", "Basic "
        + Base64.getEncoder().encodeToString("attorney:demo".getBytes(StandardCharsets.UTF_8))).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(pack.statusCode()).as(new String(pack.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    List<String> entries = new ArrayList<>();
    try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(pack.body()))) {
      for (java.util.zip.ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        entries.add(e.getName());
      }
    }
    assertThat(entries).contains(complaint + "/records/" + request + ".json", complaint + "/MANIFEST.txt");
    // Reading the request's personal data for the pack is in the data-access log.
    assertThat(jdbc.queryForObject("SELECT count(*) FROM data_access_log WHERE reference = ? AND user_id = 'attorney'",
        Long.class, request)).isPositive();
  }

  @Test
  void aPasswordThePolicyRefusesIsA400NamingThePassword() throws Exception {
    HttpResponse<String> answer = call("admin", "demo", "POST", "/engine-rest/user/create",
        Map.of("profile", Map.of("id", "weakling", "firstName", "W", "lastName", "L", "email", "w@example.org"),
            "credentials", Map.of("password", "demo")));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(HttpApi.JSON.readTree(answer.body()).path("errors").get(0).path("field").asText()).isEqualTo("password");
    assertThat(identityService.createUserQuery().userId("weakling").count()).isZero();
  }

  @Test
  void objectVariablesDeserializeOnlyIntoTheListedClassesAndPackages() {
    var validator = ((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl) org.camunda.bpm.engine.ProcessEngines
        .getDefaultProcessEngine().getProcessEngineConfiguration()).getDeserializationTypeValidator();
    assertThat(validator.validate("java.lang.String")).isTrue();
    assertThat(validator.validate("java.util.ArrayList")).isTrue();
    assertThat(validator.validate("org.sanctuarycity.workflow.policy.LegalBasis")).isTrue();
    for (String gadget : List.of("java.lang.ProcessBuilder", "java.lang.Runtime", "java.lang.Thread",
        "java.lang.ClassLoader", "java.lang.reflect.Method", "org.sanctuarycity.workflowEvil.Payload",
        "java.util.Properties")) {
      assertThat(validator.validate(gadget)).as(gadget).isFalse();
    }
  }

  @Test
  void oversizedBodiesGet413AtEveryEntranceTheEngineUploadIncluded() throws Exception {
    String big = "x".repeat(20 * 1024 * 1024);
    HttpResponse<String> api = call("desk", "demo", "POST", "/api/requests", Map.of("summary", big));
    assertThat(api.statusCode()).isEqualTo(413);
    assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    HttpApi.Answer deployment = new HttpApi(port).deploy("admin", Map.of("huge.bpmn", big.getBytes(StandardCharsets.UTF_8)));
    assertThat(deployment.status()).isEqualTo(413);
    // Without a declared length (chunked), counted as it is read.
    byte[] chunked = ("{\"name\":\"" + "y".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> streamed = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/engine-rest/task/count")).header("Content-Type", "application/json").header("Authorization", "Basic "
        + Base64.getEncoder().encodeToString("desk:demo".getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(chunked))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(streamed.statusCode()).isEqualTo(413);
  }

  @Test
  void theSessionCookieSaysSameSiteOnce() throws Exception {
    HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/camunda/app/tasklist/default/")).GET().build(), HttpResponse.BodyHandlers.ofString());
    String session = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
        .findFirst().orElseThrow();
    assertThat(session.split("(?i)SameSite", -1)).as(session).hasSize(2);
    assertThat(session).containsIgnoringCase("SameSite=Lax").contains("HttpOnly");
  }
}
