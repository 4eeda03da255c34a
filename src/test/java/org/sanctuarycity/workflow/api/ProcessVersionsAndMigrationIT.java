package org.sanctuarycity.workflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * What docs/changing-a-process.md tells an administrator to do: deploy a new version of the shipped
 * process, see it in /api/admin/processes, and migrate a request waiting in legal review to it with
 * POST /api/admin/migrations, which refuses a migration that would skip a mandatory step. The engine's
 * own /engine-rest/migration/execute is closed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ProcessVersionsAndMigrationIT {

  @LocalServerPort int port;

  @Test
  void aRequestWaitingInLegalReviewMovesToTheNewVersion() throws IOException {
    HttpApi api = new HttpApi(port);
    String reference = newRequest(api);
    completeVerification(api, reference);
    JsonNode review = api.openTask("attorney", reference);
    assertThat(review.get("taskDefinitionKey").asText()).isEqualTo("UserTask_LegalReview");
    JsonNode instance = instanceOf(api, reference);
    String source = instance.get("definitionId").asText();
    String target = deployNewVersion(api);
    assertThat(target).isNotEqualTo(source);

    // The listing shows both versions, who deployed the new one, and that both pass the guard.
    JsonNode versions = api.get("admin", "/api/admin/processes").json();
    JsonNode newVersion = find(versions, target);
    assertThat(newVersion.get("deployedBy").asText()).isEqualTo("admin");
    assertThat(newVersion.get("compliant").asBoolean()).isTrue();
    assertThat(find(versions, source).get("runningInstances").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(api.get("attorney", "/api/admin/processes").status()).isEqualTo(403);

    // Migrate: generate the plan from the two versions, then execute it for this request.
    JsonNode plan = api.post("admin", "/engine-rest/migration/generate", Map.of("sourceProcessDefinitionId", source,
        "targetProcessDefinitionId", target, "updateEventTriggers", true)).json();
    assertThat(plan.get("instructions").toString()).contains("UserTask_LegalReview");
    Map<String, Object> body = Map.of("migrationPlan", plan,
        "processInstanceIds", List.of(instance.get("id").asText()), "skipCustomListeners", false);

    // The engine's own execution is closed for everyone, administrators included.
    assertThat(api.post("admin", "/engine-rest/migration/execute", body).status()).isEqualTo(403);
    assertThat(api.post("admin", "/engine-rest/migration/execute/", body).status()).isEqualTo(403);
    assertThat(api.post("admin", "/engine-rest/migration/executeAsync", body).status()).isEqualTo(403);
    assertThat(api.post("admin", "/camunda/api/engine/engine/default/migration/execute", body).status())
        .isEqualTo(403);
    // Only administrators migrate.
    assertThat(api.post("attorney", "/api/admin/migrations", body).status()).isEqualTo(403);
    assertThat(api.post("supervisor", "/api/admin/migrations", body).status()).isEqualTo(403);
    assertThat(api.get("admin", "/engine-rest/process-instance/" + instance.get("id").asText()).json()
        .get("definitionId").asText()).isEqualTo(source);
    // Skipping listeners or mappings is refused.
    HttpApi.Answer skipping = api.post("admin", "/api/admin/migrations", Map.of("migrationPlan", plan,
        "processInstanceIds", List.of(instance.get("id").asText()), "skipCustomListeners", true));
    assertThat(skipping.status()).as(skipping.body()).isEqualTo(400);
    assertThat(skipping.body()).contains("skipCustomListeners");

    HttpApi.Answer executed = api.post("admin", "/api/admin/migrations", body);
    assertThat(executed.status()).as(executed.body()).isEqualTo(200);

    JsonNode migrated = api.get("admin", "/engine-rest/process-instance/" + instance.get("id").asText()).json();
    assertThat(migrated.get("definitionId").asText()).isEqualTo(target);
    JsonNode after = api.openTask("attorney", reference);
    assertThat(after.get("id").asText()).isEqualTo(review.get("id").asText());
    assertThat(after.get("taskDefinitionKey").asText()).isEqualTo("UserTask_LegalReview");
    assertThat(after.get("processDefinitionId").asText()).isEqualTo(target);

    // Decided on the new version under the release rules in force now: a release-date notice for a person no
    // TRUST Act criterion covers is refused, naming the item and its row; the lawful decline goes through.
    Map<String, Object> notice = new java.util.LinkedHashMap<>();
    notice.put("decision", "COMPLY_LIMITED");
    notice.put("legalBasis", "GOV_7282_5");
    notice.put("releasedItems", "RELEASE_NOTIFICATION");
    notice.put("trustCriterion", "NONE_APPLIES");
    notice.put("pii_rationale", "Asked for advance notice of release.");
    HttpApi.Answer refused = api.complete("attorney", after.get("id").asText(), notice);
    FederalRequestApiIT.assertProblem(refused, 400, "releasedItems");
    assertThat(refused.body()).contains("Rule_release_rules_release_notice_refused", "trustCriterion");
    assertThat(api.openTask("attorney", reference).get("id").asText()).isEqualTo(review.get("id").asText());
    Map<String, Object> decline = Map.of("decision", "DECLINE", "legalBasis", "SB54_7284_6_A1B",
        "pii_rationale", "No hold on a detainer; no TRUST Act criterion applies.");
    assertThat(api.complete("attorney", after.get("id").asText(), decline).status()).isEqualTo(204);
  }

  @Test
  void aRequestWaitingInVerificationCannotBeMovedPastIt() throws IOException {
    HttpApi api = new HttpApi(port);
    String reference = newRequest(api);
    assertThat(api.openTask("verifier", reference).get("taskDefinitionKey").asText())
        .isEqualTo("UserTask_VerifyWarrant");
    JsonNode instance = instanceOf(api, reference);
    String id = instance.get("id").asText();
    String source = instance.get("definitionId").asText();
    String target = deployNewVersion(api);

    for (String skipTo : List.of("UserTask_LegalReview", "UserTask_SendResponse")) {
      Map<String, Object> plan = Map.of("sourceProcessDefinitionId", source, "targetProcessDefinitionId", target,
          "instructions", List.of(Map.of("sourceActivityIds", List.of("UserTask_VerifyWarrant"),
              "targetActivityIds", List.of(skipTo), "updateEventTrigger", false)));
      HttpApi.Answer refused = api.post("admin", "/api/admin/migrations",
          Map.of("migrationPlan", plan, "processInstanceIds", List.of(id)));
      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      assertThat(refused.body()).contains(id, "UserTask_VerifyWarrant", skipTo,
          "Missing step: warrant-verification");
      if (skipTo.equals("UserTask_SendResponse")) {
        assertThat(refused.body()).contains("Missing step: legal-review", "Missing step: decision-log");
      }
    }
    // Nothing moved: still on the old version, still waiting in verification.
    assertThat(api.get("admin", "/engine-rest/process-instance/" + id).json().get("definitionId").asText())
        .isEqualTo(source);
    JsonNode task = api.openTask("verifier", reference);
    assertThat(task.get("taskDefinitionKey").asText()).isEqualTo("UserTask_VerifyWarrant");
    assertThat(task.get("processDefinitionId").asText()).isEqualTo(source);

    // Mapped to the same step it waits in, it moves.
    Map<String, Object> same = Map.of("sourceProcessDefinitionId", source, "targetProcessDefinitionId", target,
        "instructions", List.of(Map.of("sourceActivityIds", List.of("UserTask_VerifyWarrant"),
            "targetActivityIds", List.of("UserTask_VerifyWarrant"), "updateEventTrigger", false)));
    HttpApi.Answer moved = api.post("admin", "/api/admin/migrations",
        Map.of("migrationPlan", same, "processInstanceIds", List.of(id), "skipIoMappings", false));
    assertThat(moved.status()).as(moved.body()).isEqualTo(200);
    assertThat(api.openTask("verifier", reference).get("processDefinitionId").asText()).isEqualTo(target);
  }

  private static String newRequest(HttpApi api) {
    String name = "Migration Subject-" + UUID.randomUUID().toString().substring(0, 6);
    HttpApi.Answer created = api.post("desk", "/api/requests",
        FederalRequestApiIT.request(name, "1990-01-01", true, "DETAINER"), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("reference").asText();
  }

  private static void completeVerification(HttpApi api, String reference) {
    Map<String, Object> checks = FederalRequestApiIT.administrativeDetainerChecks("Called back.");
    assertThat(api.complete("verifier", api.openTask("verifier", reference).get("id").asText(), checks).status())
        .isEqualTo(204);
  }

  private static JsonNode instanceOf(HttpApi api, String reference) {
    return api.get("admin", "/engine-rest/process-instance?maxResults=5&businessKey=" + reference).json().get(0);
  }

  /** A new version, as an administrator saves it from Modeler (here: a new version tag). */
  private static String deployNewVersion(HttpApi api) throws IOException {
    String bpmn = Files.readString(Path.of("bpmn/federal-request.bpmn")).replace("camunda:versionTag=\"1.0\"",
        "camunda:versionTag=\"1.1-migration-test-" + UUID.randomUUID().toString().substring(0, 8) + "\"");
    HttpApi.Answer deployed = api.deploy("admin", Map.of("federal-request.bpmn", bpmn.getBytes(StandardCharsets.UTF_8)));
    assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
    return deployed.json().get("deployedProcessDefinitions").fields().next().getKey();
  }

  private static JsonNode find(JsonNode versions, String definitionId) {
    for (JsonNode v : versions) {
      if (v.get("processDefinitionId").asText().equals(definitionId)) {
        return v;
      }
    }
    throw new AssertionError(definitionId + " not listed in " + versions);
  }
}
