package org.sanctuarycity.workflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on embedded PostgreSQL, driven over HTTP with the demo users: a request goes
 * from POST /api/requests to CLOSED through the API and the engine's REST API.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
public class FederalRequestApiIT {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  /**
   * The verifier's answers for an administrative detainer (ICE form, immigration officer, civil removability,
   * requester called back), with the given notes as the personal field.
   */
  public static Map<String, Object> administrativeDetainerChecks(String notes) {
    Map<String, Object> checks = new LinkedHashMap<>();
    checks.put("issuingBody", "DHS_ICE");
    checks.put("signer", "IMMIGRATION_OFFICER");
    checks.put("formNumberCheck", "ADMINISTRATIVE_FORM");
    checks.put("legalBasisCheck", "CIVIL_REMOVABILITY");
    checks.put("callbackDone", true);
    checks.put("badgeChecked", true);
    checks.put("warrantFinding", "ADMINISTRATIVE");
    checks.put("requesterVerified", true);
    checks.put("pii_verificationNotes", notes);
    return checks;
  }

  static Map<String, Object> request(String subjectName, String dob, boolean inCustody, String type) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("agency", "ICE_ERO");
    body.put("requestType", type);
    body.put("channel", "FAX");
    body.put("receivedAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString());
    body.put("requester", Map.of("name", "Agent Requester", "badgeNumber", "B-991", "phone", "+1 213 555 0100",
        "email", "agent@example.gov"));
    body.put("subject", Map.of("fullName", subjectName, "dateOfBirth", dob, "bookingNumber", "HP-2026-4411",
        "inCustody", inCustody));
    body.put("documents", List.of(Map.of("formNumber", "I-247A", "issuedBy", "DHS ICE Los Angeles",
        "signedBy", "Officer Example", "signerTitle", "Immigration Officer", "issuedOn", "2026-01-05")));
    body.put("summary", "Asks the city to hold " + subjectName + " for 48 hours.");
    return body;
  }

  @Test
  void aDetainerGoesFromIntakeToClosedThroughTheHttpApis(CapturedOutput output) {
    HttpApi api = new HttpApi(port);
    String name = "Zelmira Quintanilla-" + UUID.randomUUID().toString().substring(0, 6);
    String dob = "1987-03-14";
    String key = UUID.randomUUID().toString();

    Map<String, Object> detainer = request(name, dob, true, "DETAINER");
    HttpApi.Answer created = api.post("desk", "/api/requests", detainer, Map.of("Idempotency-Key", key));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String reference = created.json().get("reference").asText();
    assertThat(reference).matches("FR-\\d{4}-\\d{5}");

    // A retried submission with the same key is the same request, not a second one.
    HttpApi.Answer retried = api.post("desk", "/api/requests", detainer, Map.of("Idempotency-Key", key));
    assertThat(retried.status()).isEqualTo(200);
    assertThat(retried.json().get("reference").asText()).isEqualTo(reference);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM federal_request WHERE idempotency_key = ?", Integer.class, key))
        .isEqualTo(1);

    // The desk cannot see or work the verification task; the verifier can.
    assertThat(api.get("desk", "/engine-rest/task?processInstanceBusinessKey=" + reference + "&maxResults=10").json())
        .isEmpty();
    JsonNode verify = api.openTask("verifier", reference);
    assertThat(verify.get("taskDefinitionKey").asText()).isEqualTo("UserTask_VerifyWarrant");
    assertThat(api.complete("desk", verify.get("id").asText(), Map.of()).status()).isEqualTo(403);

    Map<String, Object> checks = administrativeDetainerChecks("Called back; " + name + " is in custody.");
    assertThat(api.complete("verifier", verify.get("id").asText(), checks).status()).isEqualTo(204);

    JsonNode review = api.openTask("attorney", reference);
    assertThat(review.get("taskDefinitionKey").asText()).isEqualTo("UserTask_LegalReview");
    // The desk cannot complete a legal review.
    assertThat(api.complete("desk", review.get("id").asText(),
        Map.of("decision", "COMPLY", "legalBasis", "JUDICIAL_WARRANT")).status()).isEqualTo(403);
    // A compliance on an administrative detainer citing a warrant is refused and changes nothing.
    HttpApi.Answer refused = api.complete("attorney", review.get("id").asText(), Map.of("decision", "COMPLY",
        "legalBasis", "JUDICIAL_WARRANT", "releasedItems", "CUSTODY_STATUS", "pii_rationale", "x"));
    assertThat(refused.status()).isGreaterThanOrEqualTo(400);
    assertThat(refused.body()).contains("legalBasis").doesNotContain(name);
    assertThat(api.openTask("attorney", reference).get("id").asText()).isEqualTo(review.get("id").asText());

    assertThat(api.complete("attorney", review.get("id").asText(), Map.of("decision", "DECLINE",
        "legalBasis", "SB54_7284_6_A1B", "pii_rationale", "Holds on detainers are prohibited; " + name)).status())
        .isEqualTo(204);

    JsonNode send = api.openTask("desk", reference);
    assertThat(send.get("taskDefinitionKey").asText()).isEqualTo("UserTask_SendResponse");
    JsonNode view = api.get("desk", "/api/requests/" + reference).json();
    assertThat(view.get("decision").asText()).isEqualTo("DECLINE");
    assertThat(view.get("responseText").asText()).contains("Ordinance No. 2025-06").contains("SB54_7284_6_A1B")
        .doesNotContain(name);
    assertThat(api.complete("desk", send.get("id").asText(), Map.of("responseMethod", "FAX")).status()).isEqualTo(204);

    JsonNode notify = api.openTask("desk", reference);
    assertThat(notify.get("taskDefinitionKey").asText()).isEqualTo("UserTask_NotifyPerson");
    assertThat(api.complete("desk", notify.get("id").asText(), Map.of("notificationMethod", "IN_PERSON")).status())
        .as("copyGiven is required").isGreaterThanOrEqualTo(400);
    assertThat(api.complete("desk", notify.get("id").asText(),
        Map.of("notificationMethod", "IN_PERSON", "copyGiven", true)).status()).isEqualTo(204);

    JsonNode done = api.get("desk", "/api/requests/" + reference).json();
    assertThat(done.get("status").asText()).isEqualTo("CLOSED");
    assertThat(done.get("personal").get("subject").get("fullName").asText()).isEqualTo(name);
    List<String> events = new ArrayList<>();
    done.get("logEntries").forEach(e -> events.add(e.get("eventType").asText()));
    assertThat(events).containsExactly("RECEIVED", "CLASSIFIED", "WARRANT_VERIFIED", "DECIDED", "RESPONDED",
        "PERSON_NOTIFIED", "CLOSED");

    // The public view of the log: no login, no personal data.
    HttpApi.Answer publicLog = api.get(null, "/api/transparency/entries?reference=" + reference);
    assertThat(publicLog.status()).isEqualTo(200);
    assertThat(publicLog.json().get("entries")).hasSize(7);
    assertThat(publicLog.body()).doesNotContain(name).doesNotContain("\"desk\"").doesNotContain("\"verifier\"");

    // Auditors see the request without personal data.
    JsonNode audited = api.get("auditor", "/api/requests/" + reference).json();
    assertThat(audited.has("personal")).isFalse();
    assertThat(api.get("auditor", "/api/requests/" + reference).body()).doesNotContain(name);

    assertNotInEngineTables(name, dob);
    assertOnlyCiphertextInApplicationTables(name, dob);
    // Nothing of the whole path was logged with personal data.
    assertThat(output.getAll()).doesNotContain(name).doesNotContain(dob).doesNotContain("HP-2026-4411");
  }

  /** The verifier's notes and the attorney's rationale quoted the name; their columns hold ciphertext only. */
  void assertOnlyCiphertextInApplicationTables(String... needles) {
    List<String> tables = jdbc.queryForList("SELECT table_name FROM information_schema.tables"
        + " WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'act\\_%'", String.class);
    assertThat(tables).contains("federal_request", "warrant_verification", "legal_review", "request_document");
    for (String table : tables) {
      for (String needle : needles) {
        Integer hits = jdbc.queryForObject("SELECT count(*) FROM " + table + " t WHERE t::text ILIKE ?", Integer.class,
            "%" + needle + "%");
        assertThat(hits).as("%s found in %s", needle, table).isZero();
      }
    }
    assertThat(jdbc.queryForList("SELECT notes FROM warrant_verification WHERE notes IS NOT NULL", String.class))
        .isNotEmpty().allMatch(v -> v.startsWith("v1:"));
    assertThat(jdbc.queryForList("SELECT rationale FROM legal_review WHERE rationale IS NOT NULL", String.class))
        .isNotEmpty().allMatch(v -> v.startsWith("v1:"));
  }

  @Test
  void agencyReplyOnlyWhenTheRequestWaitsForOne() {
    HttpApi api = new HttpApi(port);
    String reference = api.post("desk", "/api/requests", request("Reply Subject", "1970-01-01", false, "RECORDS_REQUEST"))
        .json().get("reference").asText();
    HttpApi.Answer early = api.post("desk", "/api/requests/" + reference + "/replies",
        Map.of("receivedAt", OffsetDateTime.now(ZoneOffset.UTC).toString(), "summary", "More documents"));
    assertThat(early.status()).isEqualTo(409);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM agency_reply r JOIN federal_request f ON f.id = r.request_id"
        + " WHERE f.reference = ?", Integer.class, reference)).isZero();
  }

  @Test
  void badInputIsRefusedWithTheFieldNamedAndNothingStored() {
    HttpApi api = new HttpApi(port);
    int before = jdbc.queryForObject("SELECT count(*) FROM federal_request", Integer.class);
    int entriesBefore = jdbc.queryForObject("SELECT count(*) FROM transparency_entry", Integer.class);

    Map<String, Object> unknownEnum = request("Secret Person", "1990-01-01", false, "DETAINER");
    unknownEnum.put("agency", "NSA");
    assertProblem(api.post("desk", "/api/requests", unknownEnum), 400, "agency");

    Map<String, Object> missing = request("Secret Person", "1990-01-01", false, "DETAINER");
    missing.remove("channel");
    assertProblem(api.post("desk", "/api/requests", missing), 400, "channel");

    assertProblem(api.post("desk", "/api/requests", "{\"agency\": \"ICE_ERO\", "), 400, "body");

    Map<String, Object> future = request("Secret Person", "1990-01-01", false, "DETAINER");
    future.put("receivedAt", OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).toString());
    assertProblem(api.post("desk", "/api/requests", future), 400, "receivedAt");

    Map<String, Object> longText = request("Secret Person", "1990-01-01", false, "DETAINER");
    longText.put("summary", "x".repeat(5000));
    assertProblem(api.post("desk", "/api/requests", longText), 413, "summary");

    Map<String, Object> control = request("Secret\u0007Person", "1990-01-01", false, "DETAINER");
    HttpApi.Answer a = api.post("desk", "/api/requests", control);
    assertProblem(a, 400, "subject.fullName");

    // A lone surrogate escape in the JSON text is not a character.
    String surrogate = HttpApi.JSON.valueToTree(request("Bad SURROGATE Unicode", "1990-01-01", false, "DETAINER"))
        .toString().replace("SURROGATE", "\\ud800");
    assertProblem(api.post("desk", "/api/requests", surrogate), 400, "subject.fullName");

    Map<String, Object> unknownField = request("Secret Person", "1990-01-01", false, "DETAINER");
    unknownField.put("immigrationStatus", "undocumented");
    assertProblem(api.post("desk", "/api/requests", unknownField), 400, "immigrationStatus");

    assertThat(jdbc.queryForObject("SELECT count(*) FROM federal_request", Integer.class)).isEqualTo(before);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM transparency_entry", Integer.class)).isEqualTo(entriesBefore);
  }

  @Test
  void markupIsStoredAsTypedAndRenderedEscaped() {
    HttpApi api = new HttpApi(port);
    String script = "<script>alert('x')</script> O'Brien; DROP TABLE federal_request;--";
    Map<String, Object> body = request(script, "1990-01-01", false, "RECORDS_REQUEST");
    String reference = api.post("desk", "/api/requests", body).json().get("reference").asText();
    assertThat(api.get("desk", "/api/requests/" + reference).json().get("personal").get("subject").get("fullName").asText())
        .isEqualTo(script);
    HttpApi.Answer page = api.send("desk", java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://localhost:" + port + "/requests/" + reference)).GET(), Map.of());
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).doesNotContain("<script>alert").contains("&lt;script&gt;alert");
    assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
  }

  static void assertProblem(HttpApi.Answer answer, int status, String field) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    JsonNode errors = answer.json().get("errors");
    assertThat(errors).as(answer.body()).isNotNull();
    List<String> fields = new ArrayList<>();
    errors.forEach(e -> fields.add(e.get("field").asText()));
    assertThat(fields).contains(field);
    assertThat(answer.body()).doesNotContain("Secret").doesNotContain("undocumented");
  }

  /** Personal data never reaches any Camunda table, byte arrays included. */
  void assertNotInEngineTables(String... needles) {
    List<String> tables = jdbc.queryForList("SELECT table_name FROM information_schema.tables"
        + " WHERE table_schema = 'public' AND table_name LIKE 'act\\_%'", String.class);
    assertThat(tables).contains("act_hi_varinst", "act_ru_variable", "act_ge_bytearray", "act_hi_detail");
    for (String table : tables) {
      for (String needle : needles) {
        Integer hits = jdbc.queryForObject("SELECT count(*) FROM " + table + " t WHERE t::text ILIKE ?", Integer.class,
            "%" + needle + "%");
        assertThat(hits).as("%s found in %s", needle, table).isZero();
      }
    }
    for (byte[] bytes : jdbc.queryForList("SELECT bytes_ FROM act_ge_bytearray WHERE bytes_ IS NOT NULL", byte[].class)) {
      String text = new String(bytes, StandardCharsets.UTF_8);
      for (String needle : needles) {
        assertThat(text).doesNotContain(needle);
      }
    }
  }
}
