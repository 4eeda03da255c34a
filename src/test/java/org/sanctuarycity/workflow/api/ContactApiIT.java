package org.sanctuarycity.workflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** An officer reports a contact over HTTP, turning its request into a federal request; a supervisor reviews it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ContactApiIT {

  @LocalServerPort int port;

  static Map<String, Object> contact(String location) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("occurredAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(3).toString());
    body.put("locationBlock", location);
    body.put("contactKind", "ASSISTANCE_AT_SCENE");
    body.put("agencyClaimed", "ICE_ERO");
    body.put("identification", "BADGE_ONLY");
    body.put("identificationDetails", "Agent Brimblecombe, badge 5521");
    body.put("vehiclesMarked", "UNMARKED");
    body.put("agentsIdentified", "AGENCY_AND_NAME_OR_BADGE");
    body.put("facesCovered", "SOME_COVERED");
    body.put("requestMade", true);
    body.put("agentsRequested", "Asked the officer to hold a man until they arrived.");
    body.put("staffAction", "Declined; no hold on an immigration request.");
    body.put("anyoneDetained", false);
    body.put("warrantShown", false);
    body.put("federalRequest", Map.of("requestType", "DETAINER"));
    return body;
  }

  @Test
  void anOfficerReportsAContactThatBecomesAFederalRequestAndASupervisorConfirmsIt() {
    HttpApi api = new HttpApi(port);
    HttpApi.Answer created = api.post("officer", "/api/contacts", contact("3300 block of Florence Ave"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String reference = created.json().get("reference").asText();
    String fr = created.json().get("federalRequest").asText();
    assertThat(fr).matches("FR-\\d{4}-\\d{5}");

    // The federal request is in its own flow, waiting for verification; the contact is waiting for review.
    assertThat(api.openTask("verifier", fr).get("taskDefinitionKey").asText()).isEqualTo("UserTask_VerifyWarrant");
    JsonNode review = api.openTask("supervisor", reference);
    assertThat(review.get("taskDefinitionKey").asText()).isEqualTo("UserTask_SupervisorReview");
    assertThat(api.complete("officer", review.get("id").asText(), Map.of("reviewOutcome", "CONFIRM")).status())
        .isEqualTo(403);
    HttpApi.Answer done = api.complete("supervisor", review.get("id").asText(), Map.of("reviewOutcome", "CONFIRM"));
    assertThat(done.status()).as(done.body()).isEqualTo(204);

    JsonNode view = api.get("supervisor", "/api/contacts/" + reference).json();
    assertThat(view.get("status").asText()).isEqualTo("CONFIRMED");
    assertThat(view.get("linkedRequests").get(0).asText()).isEqualTo(fr);
    assertThat(view.get("personal").get("identificationDetails").asText()).contains("Brimblecombe");
    assertThat(api.get("auditor", "/api/contacts/" + reference).json().get("personal").isNull()).isTrue();

    // The public log shows the contact by agency and kind, never who was involved.
    String log = api.get(null, "/api/transparency/entries?reference=" + reference).body();
    assertThat(log).contains("CONTACT_REPORTED", "CONTACT_REVIEWED", "ASSISTANCE_AT_SCENE").doesNotContain("Brimblecombe");
  }

  @Test
  void aHomeAddressIsRefusedAndNothingIsStored() {
    HttpApi api = new HttpApi(port);
    HttpApi.Answer refused = api.post("officer", "/api/contacts", contact("4417 Gage Ave"));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body()).contains("locationBlock").doesNotContain("4417");
  }
}
