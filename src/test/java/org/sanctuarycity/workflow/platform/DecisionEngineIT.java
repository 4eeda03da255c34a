package org.sanctuarycity.workflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The running engine evaluates the deployed tables through the literal FEEL path, with the same answers. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DecisionEngineIT {

  @Autowired ProcessEngine engine;

  @Test
  void theEngineUsesTheLiteralFeelPathAndTheDeployedTableStillDecides() {
    var config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(config.getDmnEngineConfiguration().getFeelEngine()).isInstanceOf(LiteralFeelEngine.class);
    var result = engine.getDecisionService().evaluateDecisionByKey("request-classification")
        .variables(Variables.createVariables().putValue("requestType", "DETAINER").putValue("agency", "ICE_ERO")
            .putValue("subjectInCustody", true).putValue("documentsPresented", true))
        .evaluate().getSingleResult();
    assertThat(result).isNotNull();
    assertThat(result.getEntryMap()).containsEntry("immigrationRelated", true).containsKey("decisionHours");
  }
}
