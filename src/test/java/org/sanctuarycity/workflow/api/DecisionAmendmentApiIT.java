package org.sanctuarycity.workflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * The attorney declines an administrative detainer citing the wrong clause, sees it in the draft, and amends the
 * decision over HTTP before the desk sends it; the correction is logged beside the original, the desk sends the
 * corrected response, and nothing can be amended after that.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DecisionAmendmentApiIT {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aMistakenDeclineIsAmendedBeforeSendingAndTheCorrectionIsPublishedBesideTheOriginal() {
    HttpApi api = new HttpApi(port);
    Map<String, Object> body = FederalRequestApiIT.request("Amend Subject-" + UUID.randomUUID().toString()
        .substring(0, 6), "1984-05-06", true, "DETAINER");
    HttpApi.Answer created = api.post("desk", "/api/requests", body, Map.of("Idempotency-Key",
        UUID.randomUUID().toString()));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String reference = created.json().get("reference").asText();
    String path = "/api/requests/" + reference + "/decision-amendments";
    Map<String, Object> checks = FederalRequestApiIT.administrativeDetainerChecks("Called the field office back.");
    assertThat(api.complete("verifier", api.openTask("verifier", reference).get("id").asText(), checks).status())
        .isEqualTo(204);

    // Nothing decided yet: nothing to amend.
    assertThat(api.post("attorney", path, Map.of("reason", "WRONG_LEGAL_BASIS")).status()).isEqualTo(409);
    assertThat(decide(api, api.openTask("attorney", reference).get("id").asText(), "SB54_7284_6_A1E").status())
        .isEqualTo(204);
    JsonNode send = api.openTask("desk", reference);
    assertThat(send.get("taskDefinitionKey").asText()).isEqualTo("UserTask_SendResponse");

    // Bad input and the wrong role change nothing.
    FederalRequestApiIT.assertProblem(api.post("attorney", path, Map.of("reason", "CHANGED_MY_MIND")), 400, "reason");
    FederalRequestApiIT.assertProblem(api.post("attorney", path, Map.of()), 400, "reason");
    assertThat(api.post("desk", path, Map.of("reason", "WRONG_LEGAL_BASIS")).status()).isEqualTo(403);
    assertThat(api.post(null, path, Map.of("reason", "WRONG_LEGAL_BASIS")).status()).isEqualTo(401);
    assertThat(api.openTask("desk", reference).get("id").asText()).isEqualTo(send.get("id").asText());

    HttpApi.Answer amended = api.post("attorney", path, Map.of("reason", "WRONG_LEGAL_BASIS"));
    assertThat(amended.status()).as(amended.body()).isEqualTo(202);
    assertThat(amended.json().get("reason").asText()).isEqualTo("WRONG_LEGAL_BASIS");
    assertThat(api.post("attorney", path, Map.of("reason", "WRONG_DECISION")).status())
        .as("one amendment at a time").isEqualTo(409);
    assertThat(api.get("desk", "/engine-rest/task?processInstanceBusinessKey=" + reference
        + "&maxResults=10").json())
        .as("the send task is withdrawn").isEmpty();
    JsonNode review = api.openTask("attorney", reference);
    assertThat(review.get("taskDefinitionKey").asText()).isEqualTo("UserTask_LegalReview");
    assertThat(api.get("attorney", "/engine-rest/task/" + review.get("id").asText() + "/variables/amendmentReason")
        .json().get("value").asText()).isEqualTo("WRONG_LEGAL_BASIS");

    assertThat(decide(api, review.get("id").asText(), "SB54_7284_6_A1B").status()).isEqualTo(204);
    JsonNode view = api.get("desk", "/api/requests/" + reference).json();
    assertThat(view.get("legalBasis").asText()).isEqualTo("SB54_7284_6_A1B");
    assertThat(view.get("responseText").asText()).contains("SB54_7284_6_A1B").doesNotContain("SB54_7284_6_A1E");
    List<String> events = new ArrayList<>();
    view.get("logEntries").forEach(e -> events.add(e.get("eventType").asText() + ":" + e.path("legalBasis").asText()));
    assertThat(events).containsSubsequence("DECIDED:SB54_7284_6_A1E", "DECISION_AMENDED:SB54_7284_6_A1B");
    // The public log shows both, in order.
    List<String> published = new ArrayList<>();
    api.get(null, "/api/transparency/entries?reference=" + reference).json().path("entries")
        .forEach(e -> published.add(e.get("eventType").asText() + ":" + e.path("legalBasis").asText()));
    assertThat(published).containsSubsequence("DECIDED:SB54_7284_6_A1E", "DECISION_AMENDED:SB54_7284_6_A1B");

    JsonNode sendAgain = api.openTask("desk", reference);
    Map<String, Object> sent = new LinkedHashMap<>();
    sent.put("responseMethod", "FAX");
    assertThat(api.complete("desk", sendAgain.get("id").asText(), sent).status()).isEqualTo(204);
    HttpApi.Answer late = api.post("attorney", path, Map.of("reason", "WRONG_DECISION"));
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.json().get("detail").asText()).contains("was sent");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM decision_amendment a JOIN federal_request r"
        + " ON r.id = a.request_id WHERE r.reference = ?", Long.class, reference)).isEqualTo(1);
  }

  @Test
  void tasklistsAmendADecisionStartFormIsForTheCityAttorneyOnlyAndNamesTheFieldItRefuses() {
    HttpApi api = new HttpApi(port);
    Map<String, Object> body = FederalRequestApiIT.request("Amend Form-" + UUID.randomUUID().toString()
        .substring(0, 6), "1990-07-08", false, "ADMINISTRATIVE_WARRANT");
    String reference = api.post("desk", "/api/requests", body, Map.of("Idempotency-Key", UUID.randomUUID().toString()))
        .json().get("reference").asText();
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("reference", Map.of("value", reference));
    vars.put("amendmentReason", Map.of("value", "WRONG_DECISION"));
    String start = "/engine-rest/process-definition/key/decision-amendment/submit-form";
    // Tasklist offers the form to the attorney groups only.
    assertThat(api.get("attorney", "/engine-rest/process-definition?key=decision-amendment&startableInTasklist=true"
        + "&startablePermissionCheck=true&latestVersion=true&maxResults=10").json()).hasSize(1);
    assertThat(api.get("desk", "/engine-rest/process-definition?key=decision-amendment&startableInTasklist=true"
        + "&startablePermissionCheck=true&latestVersion=true&maxResults=10").json()).isEmpty();
    // The desk may not even read the definition: the engine answers as if it did not exist.
    assertThat(api.post("desk", start, Map.of("variables", vars)).status()).isIn(403, 404);
    // Still in verification: a 400 naming the reference field, as Tasklist shows it.
    FederalRequestApiIT.assertProblem(api.post("attorney", start, Map.of("variables", vars)), 400, "reference");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM decision_amendment a JOIN federal_request r"
        + " ON r.id = a.request_id WHERE r.reference = ?", Long.class, reference)).isZero();
  }

  private static HttpApi.Answer decide(HttpApi api, String taskId, String basis) {
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put("decision", Map.of("value", "DECLINE"));
    vars.put("legalBasis", Map.of("value", basis));
    vars.put("releasedItems", Map.of("value", "[]", "type", "Json"));
    vars.put("trustCriterion", Map.of("value", "NOT_ASSESSED"));
    vars.put("pii_rationale", Map.of("value", "Administrative detainer; no judicial warrant."));
    return api.post("attorney", "/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", vars));
  }
}
