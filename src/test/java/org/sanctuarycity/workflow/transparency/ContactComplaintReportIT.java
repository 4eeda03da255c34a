package org.sanctuarycity.workflow.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.sanctuarycity.workflow.complaint.ComplaintService;
import org.sanctuarycity.workflow.complaint.NewComplaint;
import org.sanctuarycity.workflow.contact.ContactCodes;
import org.sanctuarycity.workflow.contact.ContactService;
import org.sanctuarycity.workflow.contact.NewContact;
import org.sanctuarycity.workflow.policy.Agency;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 7 in the public report: contacts by agency, kind and month, complaints filed, findings and days to
 * finding, on /transparency and in the downloads with no login, under a small-count policy of 3, with no
 * personal data and without touching the federal-request counts. Runs in its own context (own database).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "app.transparency.report.small-count-threshold=3")
@ActiveProfiles("test")
class ContactComplaintReportIT {

  @LocalServerPort int port;
  @Autowired ContactService contacts;
  @Autowired ComplaintService complaints;
  @Autowired TaskService taskService;
  @Autowired JdbcTemplate jdbc;

  HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  void contact(ContactCodes.ContactKind kind, Agency agency, String marker) {
    ContactService.Submission s = contacts.submit(new NewContact(OffsetDateTime.now(ZoneOffset.UTC).minusHours(1),
        "9100 block of Wobbleton Ave", kind, agency, ContactCodes.Identification.CREDENTIALS_SHOWN,
        "Agent Quixotelli " + marker, ContactCodes.VehicleMarking.UNMARKED, "Chartreuse van " + marker, false, null,
        "Officer Brandywine declined to help.", false, null, false, null, null,
        ContactCodes.AgentsIdentified.AGENCY_AND_NAME_OR_BADGE, ContactCodes.FacesCovered.NONE_COVERED), "officer");
    Task review = taskService.createTaskQuery().processInstanceId(s.processInstanceId()).singleResult();
    taskService.complete(review.getId(), Map.of("reviewOutcome", "CONFIRM"));
  }

  void complaintWithFinding(String finding, boolean anonymous) {
    ComplaintService.Filed f = complaints.file(new NewComplaint("en", anonymous, false,
        anonymous ? null : "Zebulon Marchetti-Quill", anonymous ? null : "zq@example.org", LocalDate.now(ZoneOffset.UTC),
        "Corner of Peregrine St and Lark Ave", "Detained outside the Florimel bakery by agents.", List.of()), "WEB");
    if (finding == null) {
      return;
    }
    List<Map<String, Object>> steps = List.of(
        Map.of("linkedReferences", "", "investigator", "attorney"),
        Map.of("pii_investigationNotes", "Interviewed Sgt. Ravenscroft.", "pii_evidenceList", "Bodycam"),
        Map.of("finding", finding, "pii_findingRationale", "Accounts of Ravenscroft differ."));
    for (Map<String, Object> vars : steps) {
      Task t = taskService.createTaskQuery().processInstanceId(f.processInstanceId()).singleResult();
      taskService.complete(t.getId(), vars);
    }
  }

  static JsonNode section(JsonNode report, String key) {
    for (JsonNode s : report.get("sections")) {
      if (s.get("key").asText().equals(key)) {
        return s;
      }
    }
    throw new AssertionError("no section " + key);
  }

  static JsonNode row(JsonNode section, String code) {
    for (JsonNode r : section.get("rows")) {
      if (r.get("code").asText().equals(code)) {
        return r;
      }
    }
    throw new AssertionError("no row " + code + " in " + section);
  }

  @Test
  void contactsAndComplaintsAreCountedMaskedAndAnonymous() throws Exception {
    for (int i = 0; i < 4; i++) {
      contact(ContactCodes.ContactKind.DISPATCH_CALL, Agency.ICE_ERO, "A" + i);
    }
    contact(ContactCodes.ContactKind.FACILITY_VISIT, Agency.CBP, "B");
    for (int i = 0; i < 3; i++) {
      complaintWithFinding("INCONCLUSIVE", i % 2 == 0);
    }
    complaintWithFinding("VIOLATION_FOUND", false);
    complaintWithFinding(null, true);

    // A period of three days around today, so that a run across midnight UTC still holds every entry.
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    String q = "?from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
    String month = jdbc.queryForObject("SELECT to_char(min(recorded_at AT TIME ZONE 'UTC'), 'YYYY-MM') "
        + "FROM transparency_entry WHERE event_type = 'CONTACT_REPORTED'", String.class);
    // The summary tables agree with the log (the contact's review also logs; complaints their holds and triage).
    assertThat(jdbc.queryForObject("SELECT count(*) FROM transparency_entry WHERE process = 'immigration-contact' "
        + "AND event_type = 'CONTACT_REPORTED'", Long.class)).isEqualTo(5);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM transparency_complaint_summary", Long.class)).isEqualTo(5);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM transparency_complaint_summary WHERE finding IS NOT NULL",
        Long.class)).isEqualTo(4);

    JsonNode json = new ObjectMapper().readTree(get("/transparency/report.json" + q).body());
    // Contacts: 4 ICE ERO dispatch calls shown exactly, 1 CBP facility visit masked (threshold 3).
    assertThat(row(section(json, "contactAgency"), "ICE_ERO").get("count").asLong()).isEqualTo(4);
    JsonNode cbp = row(section(json, "contactAgency"), "CBP");
    assertThat(cbp.get("count").isNull()).isTrue();
    assertThat(cbp.get("shown").asText()).isEqualTo("fewer than 3");
    assertThat(row(section(json, "contactKind"), "DISPATCH_CALL").get("count").asLong()).isEqualTo(4);
    assertThat(row(section(json, "contactKind"), "FACILITY_VISIT").get("shown").asText()).isEqualTo("fewer than 3");
    assertThat(row(section(json, "contactMonth"), month).get("count").asLong()).isEqualTo(5);
    JsonNode cell = row(section(json, "contactAgencyKindMonth"), month + "/ICE_ERO/DISPATCH_CALL");
    assertThat(cell.get("count").asLong()).isEqualTo(4);
    assertThat(cell.get("label").asText()).isEqualTo(month + " · ICE ERO · Dispatch call");
    assertThat(row(section(json, "contactAgencyKindMonth"), month + "/CBP/FACILITY_VISIT").get("count").isNull())
        .isTrue();
    assertThat(row(section(json, "contactReview"), "CONFIRM").get("count").asLong()).isEqualTo(5);
    // Complaints: 5 filed, 3 inconclusive, 1 violation (masked); days to finding are durations, not masked.
    assertThat(row(section(json, "complaintsFiled"), "COMPLAINT_FILED").get("count").asLong()).isEqualTo(5);
    assertThat(row(section(json, "complaintFinding"), "INCONCLUSIVE").get("count").asLong()).isEqualTo(3);
    JsonNode violation = row(section(json, "complaintFinding"), "VIOLATION_FOUND");
    assertThat(violation.get("count").isNull()).isTrue();
    assertThat(violation.get("shown").asText()).isEqualTo("fewer than 3");
    assertThat(violation.get("label").asText()).isEqualTo("Violation found");
    JsonNode days = section(json, "timeToFinding");
    assertThat(days.get("unit").asText()).isEqualTo("days");
    assertThat(row(days, "P50").get("count").asLong()).isZero();
    assertThat(row(days, "P90").get("count").asLong()).isZero();
    // Federal-request counts hold none of these entries.
    for (String key : List.of("agency", "requestType", "accessCategory", "decision", "outcome")) {
      assertThat(section(json, key).get("rows")).isEmpty();
    }
    assertThat(row(section(json, "closed"), "CLOSED").get("count").asLong()).isZero();

    HttpResponse<String> page = get("/transparency" + q);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("<h2 id=\"t-contactAgency\">", "<h2 id=\"t-complaintFinding\">", "<h2 id=\"t-timeToFinding\">")
        .contains("<th scope=\"row\">ICE ERO</th><td class=\"num\">4</td>")
        .contains("<th scope=\"row\">CBP</th><td class=\"num\">fewer than 3</td>")
        .contains("<th scope=\"row\">Inconclusive</th><td class=\"num\">3</td>")
        .contains("<th scope=\"row\">Total</th><td class=\"num\">5</td>")
        .contains("<th scope=\"col\" class=\"num\">Days</th>");
    assertThat(page.body().split("<svg class=\"chart\"", -1).length - 1).isGreaterThanOrEqualTo(8);

    HttpResponse<String> csv = get("/transparency/report.csv" + q);
    assertThat(csv.body()).contains(",contactAgency,\"ICE_ERO\",\"ICE ERO\",\"4\"")
        .contains(",complaintFinding,\"VIOLATION_FOUND\",\"Violation found\",\"fewer than 3\"");

    // Nothing personal: no names, places, descriptions, identification or vehicle details, no complaint numbers.
    String jsonText = json.toString();
    for (String body : List.of(page.body(), jsonText, csv.body())) {
      assertThat(body).doesNotContain("Wobbleton", "Quixotelli", "Chartreuse", "Brandywine", "Zebulon", "Marchetti",
          "zq@example.org", "Peregrine", "Florimel", "Ravenscroft", "officer\"", "IC-", "CP-");
    }
  }
}
