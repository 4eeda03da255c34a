package org.sanctuarycity.workflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Security finding 2 (issue 23): expressions in deployed models reached Java. An administrator's deployment
 * (as Camunda Modeler sends it) with such an expression in an input parameter, a sequence-flow condition or a
 * DMN input in "juel" is refused by the compliance guard, naming the element; and should one get into the
 * engine some other way, the expression manager refuses it when it runs, in BPMN and DMN alike.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ModelExpressionAttackIT {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;

  final Path marker = Path.of(System.getProperty("java.io.tmpdir"), "rce-model-" + UUID.randomUUID());

  @AfterEach
  void clean() throws Exception {
    Files.deleteIfExists(marker);
  }

  String exploit() {
    return "${\"\".getClass().forName(\"java.lang.Runtime\").getMethod(\"getRuntime\").invoke(null)"
        + ".exec(\"touch " + marker + "\").waitFor() == 0}";
  }

  static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
  }

  static String process(String key, String taskExtras, String flowCondition) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
            xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="attack">
          <process id="%s" name="Attack" isExecutable="true" camunda:historyTimeToLive="1826">
            <startEvent id="StartEvent_Attack"/>
            <sequenceFlow id="Flow_ToTask" sourceRef="StartEvent_Attack" targetRef="UserTask_Attack"/>
            <userTask id="UserTask_Attack" name="Wait" camunda:candidateGroups="police-desk">%s</userTask>
            <sequenceFlow id="Flow_ToEnd" sourceRef="UserTask_Attack" targetRef="EndEvent_Attack">%s</sequenceFlow>
            <endEvent id="EndEvent_Attack"/>
          </process>
        </definitions>
        """.formatted(key, taskExtras, flowCondition);
  }

  static String decision(String key, String inputExpression) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"
            xmlns:camunda="http://camunda.org/schema/1.0/dmn" id="attack" name="Attack" namespace="attack">
          <decision id="%s" name="Attack" camunda:historyTimeToLive="1826">
            <decisionTable id="DecisionTable_Attack">
              <input id="Input_Attack" label="x">
                <inputExpression id="InputExpression_Attack" typeRef="boolean" expressionLanguage="juel">
                  <text>%s</text>
                </inputExpression>
              </input>
              <output id="Output_Attack" name="result" typeRef="string"/>
              <rule id="Rule_Attack">
                <inputEntry id="InputEntry_Attack"><text>true</text></inputEntry>
                <outputEntry id="OutputEntry_Attack"><text>"yes"</text></outputEntry>
              </rule>
            </decisionTable>
          </decision>
        </definitions>
        """.formatted(key, inputExpression);
  }

  JsonNode refused(String file, String content, String processOrDecisionKey, String element) {
    HttpApi api = new HttpApi(port);
    HttpApi.Answer answer = api.deploy("admin", Map.of(file, content.getBytes(StandardCharsets.UTF_8)));
    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    JsonNode body = answer.json();
    assertThat(body.get("message").asText()).startsWith("Deployment refused by the city's compliance guard")
        .contains("Element " + element).contains("is not allowed");
    String what = file.endsWith(".dmn") ? "decision-definition" : "process-definition";
    assertThat(api.get("admin", "/engine-rest/" + what + "?maxResults=10&key=" + processOrDecisionKey).json()).isEmpty();
    assertThat(marker).doesNotExist();
    return body;
  }

  @Test
  void anInputParameterThatReachesJavaIsRefusedAtDeployment() {
    String io = "<extensionElements><camunda:inputOutput><camunda:inputParameter name=\"x\">" + xml(exploit())
        + "</camunda:inputParameter></camunda:inputOutput></extensionElements>";
    refused("attack-io.bpmn", process("attack-io", io, ""), "attack-io", "UserTask_Attack");
  }

  @Test
  void anOutputParameterAndATaskListenerFieldThatReachJavaAreRefusedAtDeployment() {
    String io = "<extensionElements><camunda:inputOutput><camunda:outputParameter name=\"y\">"
        + xml("${execution.getProcessEngineServices().getIdentityService().createUserQuery().list()}")
        + "</camunda:outputParameter></camunda:inputOutput></extensionElements>";
    refused("attack-output.bpmn", process("attack-output", io, ""), "attack-output", "UserTask_Attack");
  }

  @Test
  void aSequenceFlowConditionThatReachesJavaIsRefusedAtDeployment() {
    String condition = "<conditionExpression xsi:type=\"tFormalExpression\">" + xml(exploit()) + "</conditionExpression>";
    refused("attack-condition.bpmn", process("attack-condition", "", condition), "attack-condition", "Flow_ToEnd");
  }

  @Test
  void engineServicesThroughThePropertySyntaxAreRefusedAtDeployment() {
    String condition = "<conditionExpression xsi:type=\"tFormalExpression\">"
        + xml("${execution.processEngineServices.identityService != null}") + "</conditionExpression>";
    refused("attack-services.bpmn", process("attack-services", "", condition), "attack-services", "Flow_ToEnd");
  }

  @Test
  void aDmnInputInJuelThatReachesJavaIsRefusedAtDeployment() {
    refused("attack.dmn", decision("attack-decision", xml(exploit())), "attack-decision", "InputExpression_Attack");
  }

  @Test
  void aModelThatOnlyReadsVariablesIsStillAccepted() {
    String condition = "<conditionExpression xsi:type=\"tFormalExpression\">"
        + xml("${decision == 'DECLINE' && !empty reference}") + "</conditionExpression>";
    HttpApi api = new HttpApi(port);
    HttpApi.Answer answer = api.deploy("admin", Map.of("harmless.bpmn",
        process("harmless-condition", "", condition).getBytes(StandardCharsets.UTF_8)));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    engine.getRepositoryService().deleteDeployment(answer.json().get("id").asText(), true);
  }

  @Test
  void atRunTimeTheExpressionManagerRefusesReflectionAndEngineServicesInBpmn() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    // A real execution of a shipped flow: the contact report waits in its review task.
    HttpApi.Answer contact = new HttpApi(port).post("officer", "/api/contacts", ContactApiIT.contact("Pacific Blvd"),
        Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(contact.status()).as(contact.body()).isEqualTo(201);
    ProcessInstance instance = runtimeService.createProcessInstanceQuery()
        .processInstanceBusinessKey(contact.json().get("reference").asText()).singleResult();
    for (String expression : List.of(exploit(), "${execution.getProcessEngineServices()}",
        "${execution.processEngineServices}", "${execution.getProcessEngine().getIdentityService()}",
        "${execution['processEngineServices']}", "${execution.getClass()}")) {
      Command<Object> evaluate = context -> {
        ExecutionEntity execution = context.getExecutionManager().findExecutionById(instance.getId());
        return configuration.getExpressionManager().createExpression(expression).getValue(execution);
      };
      assertThatThrownBy(() -> configuration.getCommandExecutorTxRequired().execute(evaluate))
          .as(expression).hasStackTraceContaining("Expression refused");
    }
    // Reading a variable still works.
    Object business = configuration.getCommandExecutorTxRequired().execute(context -> configuration
        .getExpressionManager().createExpression("${execution.processBusinessKey}")
        .getValue(context.getExecutionManager().findExecutionById(instance.getId())));
    assertThat(business).isEqualTo(contact.json().get("reference").asText());
    assertThat(marker).doesNotExist();
  }

  @Test
  void atRunTimeTheExpressionManagerRefusesReflectionInDmnJuel() {
    ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    DmnEngine dmn = configuration.getDmnEngine();
    // Parsed straight by the DMN engine, past the deployment guard, as a table from elsewhere would be; the
    // engine's DMN settings need a command context.
    Command<Object> evaluate = context -> {
      DmnDecision table = dmn.parseDecision("attack-runtime", new java.io.ByteArrayInputStream(
          decision("attack-runtime", xml(exploit())).getBytes(StandardCharsets.UTF_8)));
      return dmn.evaluateDecisionTable(table, Variables.createVariables().putValue("x", "y"));
    };
    assertThatThrownBy(() -> configuration.getCommandExecutorTxRequired().execute(evaluate))
        .hasStackTraceContaining("Expression refused");
    assertThat(marker).doesNotExist();
  }
}
