package org.sanctuarycity.workflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 15, item 5 over HTTP: a contact report records, as codes, whether the agents identified themselves and
 * their agency (SB 805) and whether their faces were covered (SB 627); the public log carries the codes and the
 * public report counts them. Only codes: the names as given never reach the public side.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AgentIdentificationApiIT {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  static Map<String, Object> masked(String location) {
    Map<String, Object> body = ContactApiIT.contact(location);
    body.put("identification", "REFUSED");
    body.put("identificationDetails", "Agent said his name was Ormsby-Vantongeren");
    body.put("agentsIdentified", "NOT_IDENTIFIED");
    body.put("facesCovered", "ALL_COVERED");
    body.remove("federalRequest");
    body.put("requestMade", false);
    body.remove("agentsRequested");
    return body;
  }

  @Test
  void aContactReportRecordsWhetherAgentsIdentifiedThemselves() {
    HttpApi api = new HttpApi(port);
    HttpApi.Answer created = api.post("officer", "/api/contacts", masked("6500 block of Pacific Blvd"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String reference = created.json().get("reference").asText();

    // Codes, not personal data: every staff role sees them, the auditor included.
    JsonNode view = api.get("auditor", "/api/contacts/" + reference).json();
    assertThat(view.get("agentsIdentified").asText()).isEqualTo("NOT_IDENTIFIED");
    assertThat(view.get("facesCovered").asText()).isEqualTo("ALL_COVERED");
    assertThat(jdbc.queryForObject("SELECT agents_identified || '/' || faces_covered FROM contact_report "
        + "WHERE reference = ?", String.class, reference)).isEqualTo("NOT_IDENTIFIED/ALL_COVERED");

    // The public log entry carries both codes, and nothing the officer typed.
    String log = api.get(null, "/api/transparency/entries?reference=" + reference).body();
    assertThat(log).contains("CONTACT_REPORTED", "NOT_IDENTIFIED/ALL_COVERED").doesNotContain("Ormsby");
  }

  @Test
  void aContactReportWithoutTheFaceCoveringsIsRefusedNamingTheField() {
    Map<String, Object> body = masked("6500 block of Pacific Blvd");
    body.remove("facesCovered");
    assertRefused(body, "facesCovered");
  }

  @Test
  void aContactReportWithoutTheAgentsIdentificationIsRefusedNamingTheField() {
    Map<String, Object> body = masked("6500 block of Pacific Blvd");
    body.remove("agentsIdentified");
    assertRefused(body, "agentsIdentified");
  }

  @Test
  void anUnknownFaceCoveringCodeIsRefusedNamingTheField() {
    Map<String, Object> body = masked("6500 block of Pacific Blvd");
    body.put("facesCovered", "BALACLAVAS");
    assertRefused(body, "facesCovered");
  }

  @Test
  void thePublicReportCountsContactsWithCoveredFaces() throws Exception {
    HttpApi api = new HttpApi(port);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    String q = "?from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
    long coveredBefore = count(api, q, "contactFacesCovered", "ALL_COVERED");
    long hiddenBefore = count(api, q, "contactAgentsIdentified", "NOT_IDENTIFIED");
    long identifiedBefore = count(api, q, "contactAgentsIdentified", "AGENCY_AND_NAME_OR_BADGE");
    for (int i = 0; i < 2; i++) {
      assertThat(api.post("officer", "/api/contacts", masked("7100 block of Seville Ave")).status()).isEqualTo(201);
    }
    Map<String, Object> open = ContactApiIT.contact("7100 block of Seville Ave");
    open.put("facesCovered", "NONE_COVERED");
    assertThat(api.post("officer", "/api/contacts", open).status()).isEqualTo(201);

    assertThat(count(api, q, "contactFacesCovered", "ALL_COVERED")).isEqualTo(coveredBefore + 2);
    assertThat(count(api, q, "contactAgentsIdentified", "NOT_IDENTIFIED")).isEqualTo(hiddenBefore + 2);
    assertThat(count(api, q, "contactAgentsIdentified", "AGENCY_AND_NAME_OR_BADGE")).isEqualTo(identifiedBefore + 1);

    // The same figures on the page and in the CSV, with their plain labels, and no free text.
    String csv = api.get(null, "/transparency/report.csv" + q).body();
    assertThat(csv).contains("contactFacesCovered,\"ALL_COVERED\",\"All faces covered\",")
        .contains("contactAgentsIdentified,\"NOT_IDENTIFIED\",\"Did not identify themselves\",")
        .doesNotContain("Ormsby", "Seville");
    String page = api.get(null, "/transparency" + q).body();
    assertThat(page).contains("SB 627", "SB 805", "All faces covered").doesNotContain("Ormsby", "Seville");
  }

  private static long count(HttpApi api, String q, String section, String code) {
    JsonNode report = api.get(null, "/transparency/report.json" + q).json();
    for (JsonNode s : report.get("sections")) {
      if (s.get("key").asText().equals(section)) {
        for (JsonNode r : s.get("rows")) {
          if (r.get("code").asText().equals(code)) {
            return r.get("count").asLong();
          }
        }
        return 0;
      }
    }
    throw new AssertionError("no section " + section + " in " + report);
  }

  private void assertRefused(Map<String, Object> body, String field) {
    long before = jdbc.queryForObject("SELECT count(*) FROM contact_report", Long.class);
    HttpApi.Answer refused = new HttpApi(port).post("officer", "/api/contacts", body);
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    refused.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertThat(fields).contains(field);
    assertThat(refused.body()).doesNotContain("Ormsby");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM contact_report", Long.class)).isEqualTo(before);
  }
}
