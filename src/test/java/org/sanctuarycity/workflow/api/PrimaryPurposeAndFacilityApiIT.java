package org.sanctuarycity.workflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 15, items 4 and 5 over HTTP with the demo users: the primary purpose of a joint operation (Gov. Code
 * 7284.6(b)(3)) and the facility of a facility-access request (AB 49, SB 81) through POST /api/requests, the view
 * and the request page; refusals name the field and store nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PrimaryPurposeAndFacilityApiIT {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  static Map<String, Object> request(String agency, String type) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("agency", agency);
    body.put("requestType", type);
    body.put("channel", "IN_PERSON");
    body.put("receivedAt", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString());
    body.put("requester", Map.of("name", "Special Agent Threadgill-Okonkwo", "badgeNumber", "FBI-4410"));
    body.put("summary", "Task force led by the FBI asks for two patrol units to help arrest people with final "
        + "removal orders at an apartment complex.");
    return body;
  }

  @Test
  void anFbiTaskForceWhosePrimaryPurposeIsImmigrationEnforcementIsImmigrationRelatedAndDeclinedAsJointWork() {
    HttpApi api = new HttpApi(port);
    Map<String, Object> body = request("FBI", "JOINT_OPERATION");
    body.put("primaryPurpose", "IMMIGRATION_ENFORCEMENT");
    HttpApi.Answer created = api.post("desk", "/api/requests", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String reference = created.json().get("reference").asText();

    JsonNode view = api.get("auditor", "/api/requests/" + reference).json();
    assertThat(view.get("primaryPurpose").asText()).isEqualTo("IMMIGRATION_ENFORCEMENT");
    assertThat(view.get("immigrationRelated").asBoolean()).isTrue();
    assertThat(view.get("decisionHours").asInt()).isEqualTo(72);
    assertThat(view.has("decisionDueAt")).isTrue();
    assertThat(view.has("facilityKind")).isFalse();

    // No document: the verifier records NONE and the call-back to the FBI field office.
    Map<String, Object> checks = new LinkedHashMap<>();
    checks.put("issuingBody", "NONE");
    checks.put("signer", "NONE");
    checks.put("formNumberCheck", "NONE");
    checks.put("legalBasisCheck", "NONE");
    checks.put("callbackDone", true);
    checks.put("warrantFinding", "NONE");
    checks.put("requesterVerified", true);
    JsonNode verify = api.openTask("verifier", reference);
    HttpApi.Answer verified = api.complete("verifier", verify.get("id").asText(), checks);
    assertThat(verified.status()).as(verified.body()).isEqualTo(204);

    JsonNode review = api.openTask("attorney", reference);
    HttpApi.Answer decided = api.complete("attorney", review.get("id").asText(), Map.of("decision", "DECLINE",
        "legalBasis", "SB54_7284_6_B3", "pii_rationale", "Immigration enforcement is the primary purpose."));
    assertThat(decided.status()).as(decided.body()).isEqualTo(204);
    JsonNode after = api.get("desk", "/api/requests/" + reference).json();
    assertThat(after.get("decision").asText()).isEqualTo("DECLINE");
    assertThat(after.get("responseText").asText()).contains("SB54_7284_6_B3");

    // The request page shows the purpose to staff, in the intake form's words.
    HttpApi.Answer page = api.send("desk", HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/requests/" + reference)).GET(), Map.of());
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("Primary purpose", "Immigration enforcement (arrests, removals, detainers)")
        .doesNotContain("IMMIGRATION_ENFORCEMENT");
  }

  @Test
  void aFacilityAccessRequestRecordsTheKindOfFacilityAndTheAreaAndShowsThemOnTheRequestPage() {
    HttpApi api = new HttpApi(port);
    Map<String, Object> body = request("ICE_ERO", "FACILITY_ACCESS");
    body.put("primaryPurpose", "IMMIGRATION_ENFORCEMENT");
    body.put("facilityKind", "SCHOOL");
    body.put("facilityArea", "NON_PUBLIC");
    HttpApi.Answer created = api.post("desk", "/api/requests", body);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String reference = created.json().get("reference").asText();
    JsonNode view = api.get("verifier", "/api/requests/" + reference).json();
    assertThat(view.get("facilityKind").asText()).isEqualTo("SCHOOL");
    assertThat(view.get("facilityArea").asText()).isEqualTo("NON_PUBLIC");
    assertThat(view.get("immigrationRelated").asBoolean()).isTrue();
    assertThat(view.get("decisionHours").asInt()).isEqualTo(24);
    HttpApi.Answer page = api.send("verifier", HttpRequest.newBuilder(URI.create("http://localhost:" + port
        + "/requests/" + reference)).GET(), Map.of());
    assertThat(page.body()).contains("School (AB 49)", "Non-public area").doesNotContain("SCHOOL", "NON_PUBLIC");
  }

  @Test
  void aFacilityAccessRequestWithoutTheAreaIsRefusedNamingTheField() {
    Map<String, Object> body = request("ICE_ERO", "FACILITY_ACCESS");
    body.put("primaryPurpose", "IMMIGRATION_ENFORCEMENT");
    body.put("facilityKind", "HEALTH_FACILITY");
    assertRefused(body, "facilityArea");
  }

  @Test
  void aJointOperationWithoutAPrimaryPurposeIsRefusedNamingTheField() {
    assertRefused(request("FBI", "JOINT_OPERATION"), "primaryPurpose");
  }

  @Test
  void aFacilityOnADetainerIsRefusedNamingTheField() {
    Map<String, Object> body = request("ICE_ERO", "DETAINER");
    body.put("facilityKind", "SCHOOL");
    assertRefused(body, "facilityKind");
  }

  @Test
  void anUnknownPrimaryPurposeIsRefusedNamingTheField() {
    Map<String, Object> body = request("FBI", "JOINT_OPERATION");
    body.put("primaryPurpose", "REMOVALS_ONLY");
    assertRefused(body, "primaryPurpose");
  }

  @Test
  void aContactWhoseRequestIsAJointOperationWithoutAPrimaryPurposeIsRefusedNamingTheFieldAndNothingIsStored() {
    Map<String, Object> contact = ContactApiIT.contact("2500 block of Slauson Ave");
    contact.put("agencyClaimed", "FBI");
    contact.put("federalRequest", Map.of("requestType", "JOINT_OPERATION"));
    long contacts = jdbc.queryForObject("SELECT count(*) FROM contact_report", Long.class);
    long requests = jdbc.queryForObject("SELECT count(*) FROM federal_request", Long.class);
    HttpApi.Answer refused = new HttpApi(port).post("officer", "/api/contacts", contact);
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    refused.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertThat(fields).containsExactly("federalRequest.primaryPurpose");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM contact_report", Long.class)).isEqualTo(contacts);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM federal_request", Long.class)).isEqualTo(requests);

    contact.put("federalRequest", Map.of("requestType", "JOINT_OPERATION", "primaryPurpose", "IMMIGRATION_ENFORCEMENT"));
    HttpApi.Answer created = new HttpApi(port).post("officer", "/api/contacts", contact);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode request = new HttpApi(port).get("desk", "/api/requests/" + created.json().get("federalRequest").asText())
        .json();
    assertThat(request.get("primaryPurpose").asText()).isEqualTo("IMMIGRATION_ENFORCEMENT");
    assertThat(request.get("immigrationRelated").asBoolean()).isTrue();
  }

  private void assertRefused(Map<String, Object> body, String field) {
    long before = jdbc.queryForObject("SELECT count(*) FROM federal_request", Long.class);
    HttpApi.Answer refused = new HttpApi(port).post("desk", "/api/requests", body);
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
    List<String> fields = new ArrayList<>();
    refused.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
    assertThat(fields).contains(field);
    assertThat(refused.body()).doesNotContain("Threadgill");
    assertThat(jdbc.queryForObject("SELECT count(*) FROM federal_request", Long.class)).isEqualTo(before);
  }
}
