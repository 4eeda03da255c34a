package org.sanctuarycity.workflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The staff request page as a clerk, a verifier, an attorney and an auditor meet it, along one detainer from the
 * desk to CLOSED with a corrected decision on the way: words instead of codes, city time instead of UTC, the log
 * as a timeline in order with the role that acted, the open task with who holds it and the links each role may
 * follow, personal data and documents only for the roles that may see them, and each such view in the
 * data-access log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RequestPageIT {

  /** The city's zone in the test profile (app.city.zone's default), and CaseSummary's format. */
  static final ZoneId CITY = ZoneId.of("America/Los_Angeles");
  static final DateTimeFormatter CITY_TIME = DateTimeFormatter.ofPattern("EEE, MMM d, uuuu, HH:mm zzz", Locale.US);
  static final Pattern ISO_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");
  /** Codes of this request that must never show outside the drafted letter's text. */
  static final List<String> CODES = List.of("ICE_ERO", "DETAINER", "FAX", "HOLD_NOTIFICATION_TRANSFER", "ADMINISTRATIVE",
      "DECLINE", "SB54_7284_6", "IN_VERIFICATION", "IN_LEGAL_REVIEW", "CLOSED", "RECEIVED", "WARRANT_VERIFIED",
      "DECISION_AMENDED", "police-desk", "warrant-verifiers", "city-attorney", ">true<", ">false<", "UserTask_");

  @LocalServerPort int port;

  @Test
  void aDetainersPageShowsWordsCityTimeTheTimelineTheCurrentTaskAndOnlyWhatEachRoleMaySee() {
    HttpApi api = new HttpApi(port);
    String name = "Marisol Etxeberria-" + UUID.randomUUID().toString().substring(0, 6);
    Map<String, Object> body = FederalRequestApiIT.request(name, "1987-03-14", true, "DETAINER");
    // A fax entered as 22:30 on Dec 6 in the city, and a release in January (standard time).
    body.put("receivedAt", "2026-12-07T06:30:00Z");
    body.put("subject", Map.of("fullName", name, "dateOfBirth", "1987-03-14", "bookingNumber", "HP-2026-7781",
        "inCustody", true, "scheduledRelease", "2027-01-15T18:00:00Z"));
    HttpApi.Answer created = api.post("desk", "/api/requests", body, Map.of("Idempotency-Key",
        UUID.randomUUID().toString()));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String reference = created.json().get("reference").asText();
    // Read as the auditor: no personal data, so no data-access record.
    String instance = api.get("auditor", "/api/requests/" + reference).json().get("processInstanceId").asText();
    int personalViews = 0;

    // The desk, right after intake: the case in words and city time; the verification is not the desk's task.
    String desk = page(api, "desk", reference);
    personalViews++;
    assertThat(desk).contains("<h1>Request " + reference + "</h1>", "Warrant and requester being verified",
        "ICE Enforcement and Removal Operations", "Detainer (I-247A, I-247D/N/X)", "<dd>Fax</dd>",
        "Response to a hold, notification or transfer request", "<dt>Immigration-related</dt><dd>Yes</dd>",
        "<dt>Received</dt><dd>Sun, Dec 6, 2026, 22:30 PST</dd>",
        "<dt>Scheduled release</dt><dd>Fri, Jan 15, 2027, 10:00 PST</dd>",
        "<dt>Date of birth</dt><dd>Mar 14, 1987</dd>", name);
    assertThat(desk).contains("<h2>Documents presented</h2>", "<td>I-247A</td>", "<td>DHS ICE Los Angeles</td>",
        "<td>Officer Example</td>", "<td>Immigration Officer</td>", "<td>Jan 5, 2026</td>");
    assertThat(desk).contains("<td>Verify warrant and requester</td><td>Warrant verifiers</td><td>Not claimed</td>",
        "Not in your task list").doesNotContain("/camunda/app/tasklist/default/#/?task=", "/camunda/app/cockpit/");
    assertWordsAndCityTime(desk, api, reference);

    // The verifier claims the task: the page names the holder and links the task in Tasklist.
    JsonNode verify = api.openTask("verifier", reference);
    String verifyId = verify.get("id").asText();
    assertThat(api.post("verifier", "/engine-rest/task/" + verifyId + "/claim", Map.of("userId", "verifier")).status())
        .isEqualTo(204);
    String verifier = page(api, "verifier", reference);
    personalViews++;
    assertThat(verifier).contains("<td>Verify warrant and requester</td><td>Warrant verifiers</td><td>verifier</td>",
        "<a class=\"task-link\" href=\"/camunda/app/tasklist/default/#/?task=" + verifyId + "\">Open in Tasklist</a>")
        .doesNotContain("Not claimed", "/camunda/app/cockpit/");

    // The auditor: no personal data and no documents, no Tasklist, but the running process in Cockpit.
    String auditor = page(api, "auditor", reference);
    assertNoPersonalData(auditor, name);
    assertThat(auditor).contains("<td>verifier</td>", "Not in your task list",
        "<a class=\"cockpit-link\" href=\"/camunda/app/cockpit/default/#/process-instance/" + instance + "\">")
        .doesNotContain("/camunda/app/tasklist/default/#/?task=");
    assertWordsAndCityTime(auditor, api, reference);
    // The administrator may follow both links.
    String admin = page(api, "admin", reference);
    personalViews++;
    assertThat(admin).contains("/camunda/app/tasklist/default/#/?task=" + verifyId,
        "/camunda/app/cockpit/default/#/process-instance/" + instance);

    // Verified; declined citing the wrong clause; corrected before sending; sent; the person notified.
    assertThat(api.complete("verifier", verifyId, FederalRequestApiIT.administrativeDetainerChecks("Called back."))
        .status()).isEqualTo(204);
    assertThat(api.complete("attorney", api.openTask("attorney", reference).get("id").asText(), decline("SB54_7284_6_A1E"))
        .status()).isEqualTo(204);
    String awaitingSend = page(api, "attorney", reference);
    personalViews++;
    assertThat(awaitingSend).contains("<td>Send response</td><td>Police desk</td><td>Not claimed</td>",
        "<dt>Decision</dt><dd>Decline</dd>", "Gov. Code 7284.6(a)(1)(E): civil immigration warrants",
        "<dt>Released items</dt><dd>None</dd>");
    assertThat(api.post("attorney", "/api/requests/" + reference + "/decision-amendments",
        Map.of("reason", "WRONG_LEGAL_BASIS")).status()).isEqualTo(202);
    JsonNode review = api.openTask("attorney", reference);
    String reopened = page(api, "attorney", reference);
    personalViews++;
    assertThat(reopened).contains("<td>Legal review</td><td>City attorney</td><td>Not claimed</td>",
        "/camunda/app/tasklist/default/#/?task=" + review.get("id").asText());
    assertThat(api.complete("attorney", review.get("id").asText(), decline("SB54_7284_6_A1B")).status()).isEqualTo(204);
    assertThat(api.complete("desk", api.openTask("desk", reference).get("id").asText(),
        Map.of("responseMethod", "FAX")).status()).isEqualTo(204);
    assertThat(api.complete("desk", api.openTask("desk", reference).get("id").asText(),
        Map.of("notificationMethod", "IN_PERSON", "copyGiven", true)).status()).isEqualTo(204);

    // Closed: the timeline in the log's order, in words, city time and roles; no task; Cockpit no longer offered.
    String closed = page(api, "attorney", reference);
    personalViews++;
    assertThat(closed).contains("<p class=\"lead\">Closed</p>", "No open task.", "<dt>Decision</dt><dd>Decline</dd>",
        "<dt>Legal basis</dt><dd>Gov. Code 7284.6(a)(1)(B): no holds on detainers</dd>", "<dt>Sent by</dt><dd>Fax</dd>");
    List<String> rows = timelineRows(closed);
    assertThat(rows).hasSize(8);
    assertThat(rows.get(0)).contains("Received from the agency", "Police desk");
    assertThat(rows.get(1)).contains("Classified: TRUTH Act access and deadlines set");
    assertThat(rows.get(2)).contains("Warrant and requester verified", "Warrant verifiers");
    assertThat(rows.get(3)).contains("Decision recorded", "<td>Decline</td>",
        "Gov. Code 7284.6(a)(1)(E): civil immigration warrants", "City attorney");
    assertThat(rows.get(4)).contains("Decision corrected (the earlier decision stays on record)", "<td>Decline</td>",
        "Gov. Code 7284.6(a)(1)(B): no holds on detainers", "City attorney");
    assertThat(rows.get(5)).contains("Response sent to the agency", "Police desk");
    assertThat(rows.get(6)).contains("Person notified and given a copy", "Police desk");
    assertThat(rows.get(7)).contains("<td>Closed</td>");
    assertWordsAndCityTime(closed, api, reference);
    String auditorClosed = page(api, "auditor", reference);
    assertNoPersonalData(auditorClosed, name);
    assertThat(auditorClosed).contains("Decision corrected").doesNotContain("/camunda/app/cockpit/");
    assertWordsAndCityTime(auditorClosed, api, reference);

    // Every page view with personal data is in the data-access log; the auditor's are not (nothing disclosed).
    JsonNode accesses = api.get("auditor", "/api/data-access-log?size=100&reference=" + reference).json().get("entries");
    List<String> pageReaders = new ArrayList<>();
    accesses.forEach(a -> {
      if (a.get("channel").asText().equals("PAGE")) {
        pageReaders.add(a.get("userId").asText());
      }
    });
    assertThat(accesses).hasSize(personalViews);
    assertThat(pageReaders).hasSize(personalViews).doesNotContain("auditor")
        .contains("desk", "verifier", "attorney", "admin");
  }

  /** No code of the request and no UTC time, outside the drafted letter (its text cites the clause by code). */
  private static void assertWordsAndCityTime(String page, HttpApi api, String reference) {
    String shown = page.replaceAll("(?s)<pre class=\"response\">.*?</pre>", "");
    for (String code : CODES) {
      assertThat(shown).as("code %s on the page", code).doesNotContain(code);
    }
    assertThat(ISO_TIME.matcher(shown).find()).as("an ISO time on the page").isFalse();
    assertThat(shown).doesNotContain("UTC");
    // Each log entry's time, as the city reads it.
    for (JsonNode e : api.get("auditor", "/api/requests/" + reference).json().get("logEntries")) {
      assertThat(shown).contains("<td>" + CITY_TIME.format(Instant.parse(e.get("recordedAt").asText()).atZone(CITY))
          + "</td>");
    }
  }

  private static void assertNoPersonalData(String page, String name) {
    assertThat(page).contains("Personal data and the documents presented are not shown to your role.")
        .doesNotContain(name, "Mar 14, 1987", "HP-2026-7781", "Agent Requester", "B-991", "555 0100",
            "agent@example.gov", "<td>I-247A</td>", "DHS ICE Los Angeles", "Officer Example", "Asks the city", "Jan 15, 2027",
            "Documents presented");
  }

  private static List<String> timelineRows(String page) {
    String table = page.substring(page.indexOf("<table class=\"timeline\">"));
    table = table.substring(table.indexOf("<tbody>") + 7, table.indexOf("</tbody>"));
    List<String> rows = new ArrayList<>();
    for (String row : table.split("</tr>")) {
      if (!row.isBlank()) {
        rows.add(row);
      }
    }
    return rows;
  }

  private static Map<String, Object> decline(String basis) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("decision", "DECLINE");
    v.put("legalBasis", basis);
    v.put("pii_rationale", "Administrative detainer; no judicial warrant.");
    return v;
  }

  private String page(HttpApi api, String user, String reference) {
    HttpApi.Answer page = api.send(user, HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/requests/"
        + reference)).GET(), Map.of());
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
    assertThat(page.body()).doesNotContain("<script", "style=");
    return page.body();
  }
}
