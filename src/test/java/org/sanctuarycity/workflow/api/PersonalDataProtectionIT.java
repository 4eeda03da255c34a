package org.sanctuarycity.workflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sanctuarycity.workflow.crypto.CryptoProperties;
import org.sanctuarycity.workflow.crypto.FieldCipher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Personal data at rest and in use: encrypted columns, key rotation, the data-access log, and no
 * personal data in logs or error responses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataProtectionIT {

  static final List<String> PERSONAL_COLUMNS = List.of("requester_name", "requester_badge", "requester_phone",
      "requester_email", "subject_full_name", "subject_date_of_birth", "subject_booking_number", "summary");

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired CryptoProperties crypto;

  private String submit(HttpApi api, String name, String dob) {
    HttpApi.Answer created = api.post("desk", "/api/requests",
        FederalRequestApiIT.request(name, dob, true, "RECORDS_REQUEST"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("reference").asText();
  }

  @Test
  void personalColumnsHoldOnlyCiphertextUnderTheActiveKey() {
    HttpApi api = new HttpApi(port);
    String name = "Evangelina Stroud-" + UUID.randomUUID().toString().substring(0, 6);
    String reference = submit(api, name, "1979-11-02");

    Map<String, Object> row = jdbc.queryForMap("SELECT * FROM federal_request WHERE reference = ?", reference);
    for (String column : PERSONAL_COLUMNS) {
      assertThat((String) row.get(column)).as(column).startsWith("v1:test-2026:");
    }
    String raw = jdbc.queryForObject("SELECT t::text FROM federal_request t WHERE reference = ?", String.class, reference);
    assertThat(raw).doesNotContain(name).doesNotContain("1979-11-02").doesNotContain("HP-2026-4411")
        .doesNotContain("agent@example.gov").doesNotContain("B-991").doesNotContain("Agent Requester");
    String documents = jdbc.queryForObject("SELECT string_agg(d::text, ' ') FROM request_document d"
        + " JOIN federal_request f ON f.id = d.request_id WHERE f.reference = ?", String.class, reference);
    assertThat(documents).contains("I-247A").doesNotContain("DHS ICE Los Angeles").doesNotContain("Officer Example")
        .doesNotContain("Immigration Officer");

    // Read back through the API, the values are the plaintext as typed.
    JsonNode subject = api.get("desk", "/api/requests/" + reference).json().get("personal").get("subject");
    assertThat(subject.get("fullName").asText()).isEqualTo(name);
    assertThat(subject.get("dateOfBirth").asText()).isEqualTo("1979-11-02");
  }

  @Test
  void afterAKeyRotationRowsWrittenWithTheOldKeyStayReadable() {
    HttpApi api = new HttpApi(port);
    String reference = submit(api, "Rotation Subject", "1990-05-05");
    // The row as an installation that still ran on the old key would have written it.
    FieldCipher oldKey = new FieldCipher(new CryptoProperties(crypto.keys(), "test-old"));
    jdbc.update("UPDATE federal_request SET subject_full_name = ?, subject_date_of_birth = ? WHERE reference = ?",
        oldKey.encrypt("Written Under Old Key"), oldKey.encrypt("1960-01-31"), reference);
    assertThat(jdbc.queryForObject("SELECT subject_full_name FROM federal_request WHERE reference = ?", String.class,
        reference)).startsWith("v1:test-old:");

    JsonNode subject = api.get("desk", "/api/requests/" + reference).json().get("personal").get("subject");
    assertThat(subject.get("fullName").asText()).isEqualTo("Written Under Old Key");
    assertThat(subject.get("dateOfBirth").asText()).isEqualTo("1960-01-31");

    // New rows use the active key.
    String fresh = submit(api, "After Rotation", "1991-06-06");
    assertThat(jdbc.queryForObject("SELECT subject_full_name FROM federal_request WHERE reference = ?", String.class,
        fresh)).startsWith("v1:test-2026:");
  }

  @Test
  void everyReadOfPersonalDataIsLoggedAndOnlyAuditorsAndAdministratorsReadTheLog() {
    HttpApi api = new HttpApi(port);
    String reference = submit(api, "Logged Reader Subject", "1985-08-08");
    assertThat(entries(api, "auditor", reference)).isEmpty();

    assertThat(api.get("desk", "/api/requests/" + reference).status()).isEqualTo(200);
    assertThat(api.send("attorney", HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/requests/" + reference))
        .GET(), Map.of()).status()).isEqualTo(200);
    // Auditors see the request without personal data: nothing to record.
    assertThat(api.get("auditor", "/api/requests/" + reference).status()).isEqualTo(200);

    JsonNode entries = entries(api, "auditor", reference);
    assertThat(entries).hasSize(2);
    JsonNode page = entries.get(0);
    assertThat(page.get("userId").asText()).isEqualTo("attorney");
    assertThat(page.get("channel").asText()).isEqualTo("PAGE");
    JsonNode apiRead = entries.get(1);
    assertThat(apiRead.get("userId").asText()).isEqualTo("desk");
    assertThat(apiRead.get("channel").asText()).isEqualTo("API");
    assertThat(apiRead.get("userGroups").toString()).contains("police-desk");
    assertThat(apiRead.get("accessedAt").asText()).isNotBlank();
    assertThat(apiRead.get("fields").toString()).contains("subject.fullName", "subject.dateOfBirth",
        "subject.bookingNumber", "requester.name", "summary", "documents.issuedBy");
    // The log itself holds no personal data.
    HttpApi.Answer asAuditor = api.get("auditor", "/api/data-access-log?reference=" + reference);
    assertThat(asAuditor.body()).doesNotContain("Logged Reader Subject").doesNotContain("1985-08-08");
    assertThat(entries(api, "admin", reference)).hasSize(2);

    assertThat(api.get("desk", "/api/data-access-log").status()).isEqualTo(403);
    assertThat(api.get("attorney", "/api/data-access-log").status()).isEqualTo(403);
    assertThat(api.get(null, "/api/data-access-log").status()).isEqualTo(401);
    HttpApi.Answer badSize = api.get("auditor", "/api/data-access-log?size=100000");
    assertThat(badSize.status()).isEqualTo(400);
    assertThat(badSize.body()).contains("size");

    HttpApi.Answer paged = api.get("auditor", "/api/data-access-log?size=1&page=0&reference=" + reference);
    assertThat(paged.json().get("entries")).hasSize(1);
    assertThat(paged.json().get("total").asLong()).isEqualTo(2);

    // Append-only: an access record cannot be changed or removed.
    assertThatThrownBy(() -> jdbc.update("UPDATE data_access_log SET user_id = 'nobody' WHERE reference = ?", reference))
        .rootCause().hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.update("DELETE FROM data_access_log WHERE reference = ?", reference))
        .rootCause().hasMessageContaining("append-only");
  }

  @Test
  void personalDataReachesNeitherTheLogsNorErrorResponses(CapturedOutput output) {
    HttpApi api = new HttpApi(port);
    String name = "Philippa Oyelaran-" + UUID.randomUUID().toString().substring(0, 6);
    String reference = submit(api, name, "1966-02-27");
    api.get("desk", "/api/requests/" + reference);
    api.send("desk", HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/requests/" + reference)).GET(),
        Map.of());

    // Errors with personal data in the input: the problem names the field, never the value.
    Map<String, Object> badDate = FederalRequestApiIT.request(name, "1966-02-27", false, "DETAINER");
    badDate.put("subject", Map.of("fullName", name, "dateOfBirth", "Secret-" + name, "inCustody", false));
    FederalRequestApiIT.assertProblem(api.post("desk", "/api/requests", badDate), 400, "subject.dateOfBirth");
    assertThat(api.post("desk", "/api/requests", badDate).body()).doesNotContain(name);

    Map<String, Object> badContact = FederalRequestApiIT.request(name, "1966-02-27", false, "DETAINER");
    badContact.put("requester", Map.of("name", name, "badgeNumber", "B-1", "phone", "Secret " + name,
        "email", "Secret " + name));
    HttpApi.Answer contact = api.post("desk", "/api/requests", badContact);
    FederalRequestApiIT.assertProblem(contact, 400, "requester.email");
    assertThat(contact.body()).doesNotContain(name);

    Map<String, Object> tooLong = FederalRequestApiIT.request(name, "1966-02-27", false, "DETAINER");
    tooLong.put("summary", name + " ".repeat(1) + "y".repeat(6000));
    HttpApi.Answer longAnswer = api.post("desk", "/api/requests", tooLong);
    assertThat(longAnswer.status()).isEqualTo(413);
    assertThat(longAnswer.body()).doesNotContain(name);

    HttpApi.Answer reply = api.post("desk", "/api/requests/" + reference + "/replies",
        Map.of("receivedAt", "not a date " + name, "summary", name));
    assertThat(reply.status()).isEqualTo(400);
    assertThat(reply.body()).doesNotContain(name);

    // The capture works: a line logged here is seen.
    org.slf4j.LoggerFactory.getLogger(PersonalDataProtectionIT.class).info("log capture check {}", reference);
    assertThat(output.getAll()).contains("log capture check " + reference);
    assertThat(output.getAll()).doesNotContain(name).doesNotContain("1966-02-27").doesNotContain("HP-2026-4411")
        .doesNotContain("agent@example.gov");
  }

  private static JsonNode entries(HttpApi api, String user, String reference) {
    HttpApi.Answer answer = api.get(user, "/api/data-access-log?reference=" + reference);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.json().get("entries");
  }
}
