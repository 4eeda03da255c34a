package org.sanctuarycity.workflow.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sanctuarycity.workflow.compliance.ComplianceStep.DECISION_LOG;
import static org.sanctuarycity.workflow.compliance.ComplianceStep.LEGAL_REVIEW;
import static org.sanctuarycity.workflow.compliance.ComplianceStep.WARRANT_VERIFICATION;

import java.io.File;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.Test;

/** Which mandatory steps a migration must find completed before it may put a request at an activity. */
class MandatoryStepsTest {

  private final MandatorySteps mandatory = new MandatorySteps(ShippedRules.rules());
  private final BpmnModelInstance shipped = Bpmn.readModelFromFile(new File("bpmn/federal-request.bpmn"));

  @Test
  void theShippedFlowRequiresTheStepsBeforeEachPlace() {
    assertThat(mandatory.requiredBefore(shipped, "UserTask_VerifyWarrant")).isEmpty();
    assertThat(mandatory.requiredBefore(shipped, "UserTask_LegalReview")).containsExactly(WARRANT_VERIFICATION);
    assertThat(mandatory.requiredBefore(shipped, "ServiceTask_LogDecision"))
        .containsExactly(WARRANT_VERIFICATION, LEGAL_REVIEW);
    assertThat(mandatory.requiredBefore(shipped, "CatchEvent_AgencyReply"))
        .containsExactly(WARRANT_VERIFICATION, LEGAL_REVIEW, DECISION_LOG);
    assertThat(mandatory.requiredBefore(shipped, "UserTask_SendResponse"))
        .containsExactly(WARRANT_VERIFICATION, LEGAL_REVIEW, DECISION_LOG);
    assertThat(mandatory.requiredBefore(shipped, "UserTask_SendResponse#multiInstanceBody"))
        .containsExactly(WARRANT_VERIFICATION, LEGAL_REVIEW, DECISION_LOG);
  }

  @Test
  void theStepsAreClassifiedAsTheGuardClassifiesThem() {
    assertThat(mandatory.stepOf(shipped, "UserTask_VerifyWarrant")).contains(WARRANT_VERIFICATION);
    assertThat(mandatory.stepOf(shipped, "UserTask_LegalReview")).contains(LEGAL_REVIEW);
    assertThat(mandatory.stepOf(shipped, "ServiceTask_LogDecision")).contains(DECISION_LOG);
    assertThat(mandatory.stepOf(shipped, "ServiceTask_RegisterRequest")).isEmpty();
    assertThat(mandatory.stepOf(shipped, "NoSuchElement")).isEmpty();
  }

  @Test
  void aStepOnlyOnSomePathsIsNotRequired() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("p").startEvent("start")
        .exclusiveGateway("split")
        .userTask("review").camundaCandidateGroups("city-attorney")
        .exclusiveGateway("join")
        .userTask("after")
        .moveToNode("split").connectTo("join")
        .done();
    mark(model, "review", "legal-review");
    assertThat(mandatory.requiredBefore(model, "after")).isEmpty();
    assertThat(mandatory.requiredBefore(model, "review")).isEmpty();
  }

  @Test
  void aStepBeforeASubprocessIsRequiredInsideIt() {
    BpmnModelInstance model = Bpmn.createExecutableProcess("p").startEvent("start")
        .userTask("verify").camundaCandidateGroups("warrant-verifiers")
        .subProcess("sub").embeddedSubProcess().startEvent("innerStart").userTask("inner").endEvent("innerEnd")
        .subProcessDone()
        .userTask("after")
        .endEvent()
        .done();
    mark(model, "verify", "warrant-verification");
    assertThat(mandatory.stepOf(model, "verify")).contains(WARRANT_VERIFICATION);
    assertThat(mandatory.requiredBefore(model, "inner")).containsExactly(WARRANT_VERIFICATION);
    assertThat(mandatory.requiredBefore(model, "after")).containsExactly(WARRANT_VERIFICATION);
    assertThat(mandatory.requiredBefore(model, "verify")).isEmpty();
  }

  private static void mark(BpmnModelInstance model, String id, String step) {
    BaseElement element = model.getModelElementById(id);
    ExtensionElements ext = element.getExtensionElements();
    if (ext == null) {
      ext = model.newInstance(ExtensionElements.class);
      element.setExtensionElements(ext);
    }
    CamundaProperties properties = ext.addExtensionElement(CamundaProperties.class);
    CamundaProperty property = model.newInstance(CamundaProperty.class);
    property.setCamundaName("compliance-step");
    property.setCamundaValue(step);
    properties.getCamundaProperties().add(property);
  }
}
