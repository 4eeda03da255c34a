package org.sanctuarycity.workflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Deployments through POST /engine-rest/deployment/create, as Camunda Modeler sends them (multipart,
 * one part per file). The compliance guard refuses the non-compliant ones with a 400 whose message
 * names the missing step and the path, and nothing of a refused deployment is left behind.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ComplianceDeploymentIT {

  @LocalServerPort int port;

  HttpApi.Answer deploy(String user, String... files) {
    Map<String, byte[]> parts = new java.util.LinkedHashMap<>();
    for (String file : files) {
      parts.put(file, read(file));
    }
    return new HttpApi(port).deploy(user, parts);
  }

  private static byte[] read(String file) {
    try (InputStream in = ComplianceDeploymentIT.class.getResourceAsStream("/compliance/" + file)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Asserts a refusal as Modeler shows it, and that nothing of it was deployed. */
  JsonNode refused(String processKey, String... files) {
    HttpApi.Answer answer = deploy("admin", files);
    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    JsonNode body = answer.json();
    assertThat(body.get("type").asText()).isEqualTo("ParseException");
    assertThat(body.get("message").asText()).startsWith("Deployment refused by the city's compliance guard");
    assertThat(new HttpApi(port).get("admin", "/engine-rest/process-definition?maxResults=10&key=" + processKey).json()).isEmpty();
    return body;
  }

  @Test
  void aFlowWithTheLegalReviewRemovedIsRefused() {
    JsonNode body = refused("compliance-legal-review-removed", "refused-legal-review-removed.bpmn");
    assertThat(body.get("message").asText()).contains("Missing step: legal-review",
        "Path: StartEvent_Received \"Federal request received\" -> ServiceTask_Register",
        "-> ServiceTask_LogDecision \"Log decision\" -> ServiceTask_DraftResponse \"Draft response\" -> "
            + "UserTask_SendResponse \"Send response\"");
    // Modeler and Cockpit can highlight the elements of the path from the details.
    JsonNode errors = body.get("details").get("refused-legal-review-removed.bpmn").get("errors");
    assertThat(errors.get(0).get("mainElementId").asText()).isEqualTo("UserTask_SendResponse");
    // The engine's DTO spells the path field with a Cyrillic "Е" (getЕlementIds), so match the whole problem.
    assertThat(errors.get(0).toString()).contains("\"StartEvent_Received\"", "\"UserTask_VerifyWarrant\"");
  }

  @Test
  void aGatewayPathThatBypassesTheReviewIsRefused() {
    assertThat(refused("compliance-gateway-bypass", "refused-gateway-bypass.bpmn").get("message").asText())
        .contains("Missing step: legal-review", "Gateway_Urgent \"Urgent request?\" -> ServiceTask_LogDecision");
  }

  @Test
  void loggingTheDecisionAfterTheResponseIsRefused() {
    assertThat(refused("compliance-log-after-response", "refused-log-after-response.bpmn").get("message").asText())
        .contains("Missing step: decision-log",
            "UserTask_LegalReview \"Legal review\" -> ServiceTask_DraftResponse \"Draft response\" -> UserTask_SendResponse");
  }

  @Test
  void aResponseReachableFromAnEventSubprocessIsRefused() {
    assertThat(refused("compliance-event-subprocess-response", "refused-event-subprocess-response.bpmn")
        .get("message").asText()).contains("Missing step: warrant-verification",
            "Path: StartEvent_AgencyEscalation \"Agency demands an answer\" -> ServiceTask_DraftQuickAnswer "
                + "\"Draft quick answer\" -> UserTask_SendQuickAnswer \"Send quick answer\"");
  }

  @Test
  void aResponseReachableFromABoundaryEventIsRefused() {
    assertThat(refused("compliance-boundary-event-response", "refused-boundary-event-response.bpmn")
        .get("message").asText()).contains("Missing step: warrant-verification",
            "UserTask_VerifyWarrant \"Verify warrant and requester\" -> BoundaryEvent_VerificationOverdue "
                + "\"Verification overdue\" -> UserTask_SendHoldingAnswer \"Send holding answer\"");
  }

  @Test
  void aCallActivityWhoseTargetSkipsTheReviewIsRefusedAsAWhole() {
    JsonNode body = refused("compliance-call-activity-caller", "refused-call-activity-caller.bpmn",
        "refused-call-activity-target.bpmn");
    assertThat(body.get("message").asText()).contains("Missing step: legal-review",
        "CallActivity_Decide \"Decide on the request\" -> [compliance-decide-without-review] StartEvent_Decide "
            + "\"Decision needed\" -> [compliance-decide-without-review] ServiceTask_LogDecision");
    // The target alone would have passed; it was part of the refused deployment, so it is not deployed either.
    assertThat(new HttpApi(port).get("admin", "/engine-rest/process-definition?maxResults=10&key=compliance-decide-without-review")
        .json()).isEmpty();
  }

  @Test
  void aScriptTaskIsRefused() {
    assertThat(refused("compliance-script-task", "refused-script-task.bpmn").get("message").asText())
        .contains("script task ScriptTask_ComputeDeadline \"Compute deadline\" is not allowed");
  }

  @Test
  void anExtraSupervisorApprovalIsAccepted() {
    HttpApi.Answer answer = deploy("admin", "accepted-supervisor-approval.bpmn");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().get("deployedProcessDefinitions").toString()).contains("compliance-supervisor-approval");
  }

  @Test
  void aNewRequestTypeBranchThatKeepsEveryStepIsAccepted() {
    HttpApi.Answer answer = deploy("admin", "accepted-new-request-type.bpmn");
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().get("deployedProcessDefinitions").toString()).contains("compliance-new-request-type");
  }

  @Test
  void onlyAdministratorsMayDeploy() {
    HttpApi.Answer answer = deploy("attorney", "accepted-supervisor-approval.bpmn");
    assertThat(answer.status()).as(answer.body()).isEqualTo(403);
    assertThat(deploy(null, "accepted-supervisor-approval.bpmn").status()).isEqualTo(401);
  }
}
