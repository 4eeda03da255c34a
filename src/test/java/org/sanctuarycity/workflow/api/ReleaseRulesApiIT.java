package org.sanctuarycity.workflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The release rules as the attorney meets them: an ICE administrative subpoena for a home address, decided through
 * the engine's REST API with the legal-review form's own fields (the checklist arrives as JSON, as Tasklist sends
 * it). The refusal is a 400 problem naming the item, the rule and the clause, and nothing changes. The catalog
 * says which items a basis can authorize.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ReleaseRulesApiIT {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  @Test
  void anAdministrativeSubpoenaForAHomeAddressIsRefusedOverHttpNamingTheItemAndTheRule() {
    HttpApi api = new HttpApi(port);
    Map<String, Object> body = FederalRequestApiIT.request("Subpoena Subject-" + UUID.randomUUID().toString()
        .substring(0, 6), "1979-02-02", false, "ADMINISTRATIVE_SUBPOENA");
    body.put("documents", List.of(Map.of("formNumber", "I-138", "issuedBy", "DHS ICE Los Angeles",
        "signedBy", "Agent Example", "signerTitle", "Special Agent", "issuedOn", "2026-11-30")));
    body.put("summary", "Asks for the home address and booking records of a resident.");
    HttpApi.Answer created = api.post("desk", "/api/requests", body, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String reference = created.json().get("reference").asText();
    Map<String, Object> checks = FederalRequestApiIT.administrativeDetainerChecks("Called the field office back.");
    assertThat(api.complete("verifier", api.openTask("verifier", reference).get("id").asText(), checks).status())
        .isEqualTo(204);
    JsonNode review = api.openTask("attorney", reference);
    long entriesBefore = jdbc.queryForObject("SELECT count(*) FROM transparency_entry", Long.class);

    HttpApi.Answer refused = decide(api, review.get("id").asText(), "COMPLY", "USC_8_1373",
        "[\"HOME_OR_WORK_ADDRESS\",\"BOOKING_RECORD\"]");

    FederalRequestApiIT.assertProblem(refused, 400, "releasedItems");
    List<String> reasons = new ArrayList<>();
    refused.json().get("errors").forEach(e -> reasons.add(e.get("reason").asText()));
    assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("HOME_OR_WORK_ADDRESS may not be released")
        .contains("Rule_release_rules_basis_does_not_authorize"));
    assertThat(reasons).anySatisfy(r -> assertThat(r).startsWith("BOOKING_RECORD may not be released"));
    // Nothing changed: the same task is open, no decision is stored or logged.
    assertThat(api.openTask("attorney", reference).get("id").asText()).isEqualTo(review.get("id").asText());
    assertThat(jdbc.queryForObject("SELECT count(*) FROM legal_review r JOIN federal_request f ON f.id = r.request_id"
        + " WHERE f.reference = ?", Long.class, reference)).isZero();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM transparency_entry", Long.class)).isEqualTo(entriesBefore);

    // The lawful answer goes through.
    assertThat(decide(api, review.get("id").asText(), "DECLINE", "SB54_7284_6_A1D", "[]").status()).isEqualTo(204);
  }

  /** TRUTH Act, Gov. Code 7283.1(a): no interview without the person's consent, over HTTP as the users drive it. */
  @Test
  void anInterviewThePersonDeclinedOnTheConsentFormIsRefusedOverHttpAndChangesNothing() {
    HttpApi api = new HttpApi(port);
    String reference = created(api, InterviewConsentApiIT.interviewRequest("Interview Subject-"
        + UUID.randomUUID().toString().substring(0, 6)));
    assertThat(api.complete("verifier", api.openTask("verifier", reference).get("id").asText(),
        InterviewConsentApiIT.noDocumentChecks()).status()).isEqualTo(204);
    JsonNode consent = api.openTask("desk", reference);
    assertThat(consent.get("taskDefinitionKey").asText()).isEqualTo("UserTask_InterviewConsent");
    assertThat(api.complete("desk", consent.get("id").asText(), Map.of("interviewConsent", "DECLINED",
        "consentLanguage", "ES")).status()).isEqualTo(204);
    JsonNode review = api.openTask("attorney", reference);
    assertThat(review.get("taskDefinitionKey").asText()).isEqualTo("UserTask_LegalReview");
    long entriesBefore = jdbc.queryForObject("SELECT count(*) FROM transparency_entry", Long.class);

    HttpApi.Answer granted = decide(api, review.get("id").asText(), "COMPLY_LIMITED", "TRUTH_ACT_7283_1",
        "[\"INTERVIEW_WITH_CONSENT\"]");
    FederalRequestApiIT.assertProblem(granted, 400, "releasedItems");
    assertThat(reasons(granted)).anySatisfy(r -> assertThat(r).startsWith("INTERVIEW_WITH_CONSENT may not be released")
        .contains("Rule_release_rules_interview_refused").contains("Gov. Code 7283.1(a)"));
    assertNothingChanged(api, reference, review, entriesBefore);

    assertThat(decide(api, review.get("id").asText(), "DECLINE", "ORDINANCE_2025_06", "[]").status()).isEqualTo(204);
  }

  @Test
  void aTransferOnAnImmigrationJudgesRemovalOrderIsRefusedOverHttpAndChangesNothing() {
    HttpApi api = new HttpApi(port);
    Map<String, Object> body = FederalRequestApiIT.request("Transfer Subject-" + UUID.randomUUID().toString()
        .substring(0, 6), "1981-04-04", true, "TRANSFER_REQUEST");
    body.put("documents", List.of(Map.of("formNumber", "EOIR removal order", "issuedBy",
        "Executive Office for Immigration Review", "signedBy", "Hon. I. Judge", "signerTitle", "Immigration Judge",
        "issuedOn", "2026-01-05")));
    body.put("summary", "Asks the city to transfer the person to ICE on an immigration judge's removal order.");
    String reference = created(api, body);
    Map<String, Object> checks = FederalRequestApiIT.administrativeDetainerChecks("Called the field office back.");
    checks.put("signer", "IMMIGRATION_JUDGE");
    assertThat(api.complete("verifier", api.openTask("verifier", reference).get("id").asText(), checks).status())
        .isEqualTo(204);
    JsonNode review = api.openTask("attorney", reference);
    long entriesBefore = jdbc.queryForObject("SELECT count(*) FROM transparency_entry", Long.class);

    // As the issue found it: COMPLY_LIMITED, "transfer of custody", citing 1373.
    HttpApi.Answer on1373 = decide(api, review.get("id").asText(), "COMPLY_LIMITED", "USC_8_1373",
        "[\"TRANSFER_OF_CUSTODY\"]", "NOT_ASSESSED");
    FederalRequestApiIT.assertProblem(on1373, 400, "releasedItems");
    assertThat(reasons(on1373)).anySatisfy(r -> assertThat(r).startsWith("TRANSFER_OF_CUSTODY may not be released"));
    // Under the TRUST Act with no criterion: refused naming the criterion and the transfer row.
    HttpApi.Answer underTrust = decide(api, review.get("id").asText(), "COMPLY_LIMITED", "GOV_7282_5",
        "[\"TRANSFER_OF_CUSTODY\"]", "NONE_APPLIES");
    FederalRequestApiIT.assertProblem(underTrust, 400, "releasedItems");
    assertThat(underTrust.body()).contains("trustCriterion");
    assertThat(reasons(underTrust)).anySatisfy(r -> assertThat(r).startsWith("TRANSFER_OF_CUSTODY may not be released")
        .contains("Rule_release_rules_transfer_refused").contains("Gov. Code 7284.6(a)(4)"));
    assertNothingChanged(api, reference, review, entriesBefore);

    assertThat(decide(api, review.get("id").asText(), "DECLINE", "SB54_7284_6_A4", "[]", "NOT_ASSESSED").status())
        .isEqualTo(204);
  }

  @Test
  void aRequestForAPersonsCitizenshipIsAnsweredNoResponsiveRecordsInItsOwnWordsAndReportCategory() {
    HttpApi api = new HttpApi(port);
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    String q = "?from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
    long before = reported(api, q, "NO_RESPONSIVE_RECORDS");
    Map<String, Object> body = FederalRequestApiIT.request("Records Subject-" + UUID.randomUUID().toString()
        .substring(0, 6), "1992-06-06", false, "RECORDS_REQUEST");
    body.put("documents", List.of());
    body.put("summary", "Asks whether the person is a United States citizen.");
    String reference = created(api, body);
    Map<String, Object> checks = new LinkedHashMap<>();
    checks.put("issuingBody", "NONE");
    checks.put("signer", "NONE");
    checks.put("formNumberCheck", "NONE");
    checks.put("legalBasisCheck", "NONE");
    checks.put("callbackDone", true);
    checks.put("warrantFinding", "NONE");
    checks.put("requesterVerified", true);
    assertThat(api.complete("verifier", api.openTask("verifier", reference).get("id").asText(), checks).status())
        .isEqualTo(204);
    JsonNode review = api.openTask("attorney", reference);
    assertThat(review.get("taskDefinitionKey").asText()).isEqualTo("UserTask_LegalReview");

    HttpApi.Answer decided = decide(api, review.get("id").asText(), "NO_RESPONSIVE_RECORDS", "NO_RECORDS_HELD", "[]",
        "NOT_ASSESSED");
    assertThat(decided.status()).as(decided.body()).isEqualTo(204);
    JsonNode view = api.get("attorney", "/api/requests/" + reference).json();
    assertThat(view.get("decision").asText()).isEqualTo("NO_RESPONSIVE_RECORDS");
    assertThat(view.get("responseText").asText()).contains("holds no records responsive to this request")
        .doesNotContain("declines");
    JsonNode send = api.openTask("desk", reference);
    assertThat(send.get("taskDefinitionKey").asText()).isEqualTo("UserTask_SendResponse");
    assertThat(api.complete("desk", send.get("id").asText(), Map.of("responseMethod", "EMAIL")).status())
        .isEqualTo(204);

    assertThat(reported(api, q, "NO_RESPONSIVE_RECORDS")).isEqualTo(before + 1);
    assertThat(api.get(null, "/transparency/report.csv" + q).body())
        .contains("\"NO_RESPONSIVE_RECORDS\",\"No responsive records\"");
  }

  @Test
  void theCatalogSaysWhichItemsABasisCanAuthorize() {
    HttpApi api = new HttpApi(port);
    JsonNode catalog = api.get("attorney", "/api/legal-bases").json();
    assertThat(basis(catalog, "USC_8_1373").get("authorizesItems").toString()).isEqualTo("[\"CITIZENSHIP_OR_STATUS_INFO\"]");
    assertThat(basis(catalog, "SB54_7284_6_A1B").get("forbidsCooperation").asBoolean()).isTrue();
    assertThat(basis(catalog, "SB54_7284_6_A1B").get("authorizesItems")).isEmpty();

    String code = "LOCAL_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase().replace('-', '_');
    Map<String, Object> unknown = newBasis(code, false, List.of("CUSTODY_STATUS", "IMMIGRATION_FILE"));
    FederalRequestApiIT.assertProblem(api.post("attorney", "/api/legal-bases", unknown), 400, "authorizesItems[1]");
    Map<String, Object> contradictory = newBasis(code, true, List.of("CUSTODY_STATUS"));
    FederalRequestApiIT.assertProblem(api.post("attorney", "/api/legal-bases", contradictory), 400, "authorizesItems");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM legal_basis WHERE code = ?", Long.class, code)).isZero();

    HttpApi.Answer added = api.post("attorney", "/api/legal-bases", newBasis(code, false, List.of("PUBLIC_RECORDS")));
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    assertThat(added.json().get("authorizesItems").toString()).isEqualTo("[\"PUBLIC_RECORDS\"]");
  }

  /** As Tasklist submits the legal-review form: the checklist is a JSON array. */
  private static HttpApi.Answer decide(HttpApi api, String taskId, String decision, String basis, String items) {
    return decide(api, taskId, decision, basis, items, "NOT_ASSESSED");
  }

  private static HttpApi.Answer decide(HttpApi api, String taskId, String decision, String basis, String items,
      String trustCriterion) {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("decision", Map.of("value", decision));
    vars.put("legalBasis", Map.of("value", basis));
    vars.put("releasedItems", Map.of("value", items, "type", "Json"));
    vars.put("trustCriterion", Map.of("value", trustCriterion));
    vars.put("pii_rationale", Map.of("value", "Subpoena is administrative; 1373 covers status only."));
    return api.post("attorney", "/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", vars));
  }

  private static String created(HttpApi api, Map<String, Object> body) {
    HttpApi.Answer created = api.post("desk", "/api/requests", body, Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("reference").asText();
  }

  private static List<String> reasons(HttpApi.Answer refused) {
    List<String> reasons = new ArrayList<>();
    refused.json().get("errors").forEach(e -> reasons.add(e.get("reason").asText()));
    return reasons;
  }

  /** The refusal changed nothing: the same task is open, no decision is stored, nothing is logged. */
  private void assertNothingChanged(HttpApi api, String reference, JsonNode review, long entriesBefore) {
    assertThat(api.openTask("attorney", reference).get("id").asText()).isEqualTo(review.get("id").asText());
    assertThat(jdbc.queryForObject("SELECT count(*) FROM legal_review r JOIN federal_request f ON f.id = r.request_id"
        + " WHERE f.reference = ?", Long.class, reference)).isZero();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM transparency_entry", Long.class)).isEqualTo(entriesBefore);
  }

  private static long reported(HttpApi api, String q, String decision) {
    JsonNode report = api.get(null, "/transparency/report.json" + q).json();
    for (JsonNode s : report.get("sections")) {
      if (s.get("key").asText().equals("decision")) {
        for (JsonNode r : s.get("rows")) {
          if (r.get("code").asText().equals(decision)) {
            return r.get("count").asLong();
          }
        }
        return 0;
      }
    }
    throw new AssertionError("no decision section in " + report);
  }

  private static Map<String, Object> newBasis(String code, boolean forbids, List<String> items) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("code", code);
    b.put("label", "Local rule " + code);
    b.put("description", "Added by the city attorney in a test.");
    b.put("warrant", false);
    b.put("forbidsCooperation", forbids);
    b.put("authorizesItems", items);
    return b;
  }

  private static JsonNode basis(JsonNode catalog, String code) {
    for (JsonNode b : catalog) {
      if (b.get("code").asText().equals(code)) {
        return b;
      }
    }
    throw new AssertionError(code + " not in " + catalog);
  }
}
