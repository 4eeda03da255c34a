package org.sanctuarycity.workflow.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The guard on its own, without the engine. The first test is the build-time check: every file in
 * bpmn/ must pass, so a non-compliant process committed to the repository fails {@code mvn verify}.
 */
class ComplianceGuardTest {

  final ComplianceGuard guard = new ComplianceGuard(ShippedRules.rules());

  static List<ComplianceGuard.Resource> shipped() throws IOException {
    List<ComplianceGuard.Resource> resources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("bpmn"))) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String name = "bpmn/" + Path.of("bpmn").relativize(file).toString().replace('\\', '/');
        if (ComplianceGuard.isBpmn(name) || ComplianceGuard.isDmn(name)) {
          resources.add(new ComplianceGuard.Resource(name, Files.readAllBytes(file)));
        }
      }
    }
    return resources;
  }

  static ComplianceGuard.Resource resource(String name) {
    try (InputStream in = ComplianceGuardTest.class.getResourceAsStream("/compliance/" + name)) {
      return new ComplianceGuard.Resource(name, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Violation> check(String... names) {
    return guard.check(Stream.of(names).map(ComplianceGuardTest::resource).toList(),
        ComplianceGuard.DeployedProcesses.none());
  }

  static String messages(List<Violation> violations) {
    return String.join("\n", violations.stream().map(Violation::message).toList());
  }

  @Test
  void everyFileInTheBpmnFolderIsCompliant() throws IOException {
    List<ComplianceGuard.Resource> files = shipped();
    assertThat(files).extracting(ComplianceGuard.Resource::name).contains("bpmn/federal-request.bpmn");
    assertThat(guard.check(files, ComplianceGuard.DeployedProcesses.none())).isEmpty();
  }

  @Test
  void thePublishedBeansIncludeTheClassifyDelegateAndTheListeners() {
    assertThat(ShippedRules.PUBLISHED_BEANS).contains("classifyRequestDelegate", "recordResponseDelegate",
        "intakeFormCaptureListener", "prepareLegalReviewListener");
  }

  @Test
  void aFlowWithoutLegalReviewIsRefused() {
    List<Violation> v = check("refused-legal-review-removed.bpmn");
    assertThat(messages(v)).contains("Missing step: legal-review", "compliance-legal-review-removed",
        "StartEvent_Received \"Federal request received\" -> ServiceTask_Register",
        "ServiceTask_LogDecision \"Log decision\"", "UserTask_SendResponse \"Send response\"");
    assertThat(v.get(0).elementIds()).startsWith("StartEvent_Received").contains("UserTask_VerifyWarrant");
  }

  @Test
  void aGatewayPathThatBypassesTheReviewIsRefused() {
    List<Violation> v = check("refused-gateway-bypass.bpmn");
    assertThat(v).isNotEmpty();
    assertThat(messages(v)).contains("Missing step: legal-review", "Gateway_Urgent \"Urgent request?\" -> "
        + "ServiceTask_LogDecision");
  }

  @Test
  void loggingAfterTheResponseIsRefused() {
    assertThat(messages(check("refused-log-after-response.bpmn")))
        .contains("Missing step: decision-log", "UserTask_LegalReview \"Legal review\" -> ServiceTask_DraftResponse");
  }

  @Test
  void aResponseFromAnEventSubprocessIsRefused() {
    assertThat(messages(check("refused-event-subprocess-response.bpmn")))
        .contains("Missing step: warrant-verification",
            "StartEvent_AgencyEscalation \"Agency demands an answer\" -> ServiceTask_DraftQuickAnswer");
  }

  @Test
  void aResponseFromABoundaryEventIsRefused() {
    assertThat(messages(check("refused-boundary-event-response.bpmn")))
        .contains("Missing step: warrant-verification", "UserTask_VerifyWarrant \"Verify warrant and requester\" -> "
            + "BoundaryEvent_VerificationOverdue \"Verification overdue\" -> UserTask_SendHoldingAnswer");
  }

  @Test
  void aCallActivityWhoseTargetSkipsTheReviewIsRefused() {
    List<Violation> v = check("refused-call-activity-caller.bpmn", "refused-call-activity-target.bpmn");
    assertThat(messages(v)).contains("Missing step: legal-review", "CallActivity_Decide \"Decide on the request\" -> "
        + "[compliance-decide-without-review] StartEvent_Decide");
    // The target on its own sends no response, so only the caller is at fault.
    assertThat(v).allMatch(x -> x.resource().equals("refused-call-activity-caller.bpmn"));
  }

  @Test
  void aCallActivityWhoseTargetReviewsAndLogsIsAccepted() {
    assertThat(check("refused-call-activity-caller.bpmn", "accepted-call-activity-target.bpmn")).isEmpty();
  }

  @Test
  void aCallActivityToAnUnknownProcessIsRefused() {
    assertThat(messages(check("refused-call-activity-caller.bpmn")))
        .contains("calls the process \"compliance-decide-without-review\", which is neither in this deployment");
  }

  @Test
  void aScriptTaskIsRefused() {
    assertThat(messages(check("refused-script-task.bpmn")))
        .contains("script task ScriptTask_ComputeDeadline \"Compute deadline\" is not allowed");
  }

  @Test
  void anExtraSupervisorApprovalIsAccepted() {
    assertThat(check("accepted-supervisor-approval.bpmn")).isEmpty();
  }

  @Test
  void aNewRequestTypeBranchThatKeepsEveryStepIsAccepted() {
    assertThat(check("accepted-new-request-type.bpmn")).isEmpty();
  }

  // Variants of the shipped process, changed the way an administrator might change it in Modeler.

  static String shippedProcess() {
    try {
      return Files.readString(Path.of("bpmn/federal-request.bpmn"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Violation> checkText(String xml) {
    return guard.check("bpmn/federal-request.bpmn", xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void aLegalReviewOfferedToAnUnknownGroupIsRefusedAndDoesNotCountAsReview() {
    String messages = messages(checkText(shippedProcess().replace("camunda:candidateGroups=\"city-attorney\"",
        "camunda:candidateGroups=\"everyone\"")));
    assertThat(messages).contains("is offered to the group \"everyone\"", "is marked compliance-step=legal-review but",
        "Missing step: legal-review");
  }

  @Test
  void aJavaClassImplementationIsRefused() {
    assertThat(messages(checkText(shippedProcess().replace("camunda:delegateExpression=\"${draftResponseDelegate}\"",
        "camunda:class=\"com.example.Anything\""))))
        .contains("ServiceTask_DraftResponse \"Draft response\" uses a Java class (camunda:class)");
  }

  @Test
  void anUnpublishedDelegateIsRefused() {
    assertThat(messages(checkText(shippedProcess().replace("${draftResponseDelegate}", "${dataSource}"))))
        .contains("uses \"dataSource\", which is not a delegate the application publishes");
  }

  @Test
  void aMissingHistoryTimeToLiveIsRefused() {
    assertThat(messages(checkText(shippedProcess().replace("camunda:historyTimeToLive=\"1826\"", ""))))
        .contains("has no history time to live");
  }

  @Test
  void aScriptInAListenerIsRefused() {
    String xml = shippedProcess().replace("<camunda:taskListener delegateExpression=\"${prepareLegalReviewListener}\" event=\"create\" />",
        "<camunda:taskListener event=\"create\"><camunda:script scriptFormat=\"groovy\">1</camunda:script></camunda:taskListener>");
    assertThat(messages(checkText(xml))).contains("UserTask_LegalReview \"Legal review\" contains a script");
  }

  @Test
  void aScriptConditionIsRefused() {
    String xml = shippedProcess().replace("<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">${notifyPerson}",
        "<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\" language=\"javascript\">notifyPerson");
    assertThat(messages(checkText(xml))).contains("the condition of Flow_NotifyYes \"yes\" is a script");
  }

  @Test
  void theGraphComesFromSourceAndTargetReferencesNotFromTheOptionalIncomingElements() {
    // Without bpmn:incoming/outgoing the engine still runs the flows; the guard must see them too.
    String stripped = shippedProcess().replaceAll("<bpmn:(incoming|outgoing)>[^<]*</bpmn:(incoming|outgoing)>", "");
    assertThat(checkText(stripped)).isEmpty();
    String bypass = stripped.replace("sourceRef=\"Gateway_AfterInterviewConsent\" targetRef=\"UserTask_LegalReview\"",
        "sourceRef=\"Gateway_AfterInterviewConsent\" targetRef=\"ServiceTask_LogDecision\"");
    assertThat(bypass).as("the flow into the legal review was found").isNotEqualTo(stripped);
    assertThat(messages(checkText(bypass))).contains("Missing step: legal-review");
  }

  @Test
  void aRefusalReadsAsPlainInstructions() {
    String message = messages(check("refused-legal-review-removed.bpmn"));
    assertThat(message).startsWith("Process compliance-legal-review-removed \"Federal request without legal review\" "
        + "can reach the response step UserTask_SendResponse \"Send response\" without the legal review after the "
        + "warrant verification. Missing step: legal-review. Path: StartEvent_Received");
    assertThat(message).contains("Put a \"Legal review\" task (element template) on this path");
  }
}
