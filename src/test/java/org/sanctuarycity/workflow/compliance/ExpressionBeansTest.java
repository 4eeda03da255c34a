package org.sanctuarycity.workflow.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** A deployed model can reach the published step beans through expressions, and nothing else. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@ActiveProfiles("test")
class ExpressionBeansTest {

  @Autowired RepositoryService repositoryService;
  @Autowired RuntimeService runtimeService;
  @Autowired IdentityService identityService;
  Deployment deployment;

  BpmnModelInstance probe(String key, String condition) {
    return Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(30)
        .startEvent().exclusiveGateway("Gateway_Probe")
        .condition("reachable", condition).userTask("UserTask_Reached").camundaCandidateGroups("auditors").endEvent()
        .moveToNode("Gateway_Probe").endEvent()
        .done();
  }

  @AfterEach
  void undeploy() {
    if (deployment != null) {
      repositoryService.deleteDeployment(deployment.getId(), true);
    }
  }

  @Test
  void aPublishedStepBeanResolvesInAnExpression() {
    deployment = repositoryService.createDeployment().addModelInstance("probe-ok.bpmn",
        probe("probe-ok", "${logDecisionDelegate != null}")).deploy();
    var instance = runtimeService.startProcessInstanceByKey("probe-ok");
    assertThat(runtimeService.createExecutionQuery().processInstanceId(instance.getId()).activityId("UserTask_Reached")
        .count()).isEqualTo(1);
  }

  @Test
  void engineServicesAndOtherBeansDoNotResolve() {
    deployment = repositoryService.createDeployment().addModelInstance("probe-bad.bpmn",
        probe("probe-bad", "${runtimeService != null}")).deploy();
    assertThatThrownBy(() -> runtimeService.startProcessInstanceByKey("probe-bad"))
        .hasMessageContaining("runtimeService");
  }
}
