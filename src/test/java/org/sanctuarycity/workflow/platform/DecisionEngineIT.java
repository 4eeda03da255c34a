package org.sanctuarycity.workflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sanctuarycity.workflow.policy.Agency;
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
            .putValue("subjectInCustody", true).putValue("documentsPresented", true)
            .putValue("primaryPurpose", "NOT_STATED").putValue("facilityKind", "NONE"))
        .evaluate().getSingleResult();
    assertThat(result).isNotNull();
    assertThat(result.getEntryMap()).containsEntry("immigrationRelated", true).containsKey("decisionHours");
  }

  /**
   * Gov. Code 7284.6(b)(3), in the deployed table: whichever agency leads it, a joint operation, facility use or
   * other request whose primary purpose is immigration enforcement is immigration-related, with a deadline; the
   * same request with another purpose from an agency outside DHS is not on its face.
   */
  @Test
  void aJointOperationWhosePrimaryPurposeIsImmigrationEnforcementIsImmigrationRelatedWhicheverAgencyLeadsIt() {
    for (Agency agency : Agency.values()) {
      for (String type : List.of("JOINT_OPERATION", "FACILITY_ACCESS", "OTHER")) {
        for (String facility : "FACILITY_ACCESS".equals(type) ? List.of("SCHOOL", "HEALTH_FACILITY", "CITY_OFFICE")
            : List.of("NONE")) {
          Map<String, Object> out = classify(type, agency.name(), "IMMIGRATION_ENFORCEMENT", facility);
          assertThat(out).as("%s %s %s", type, agency, facility).containsEntry("immigrationRelated", true);
          assertThat(((Number) out.get("decisionHours")).intValue()).as("%s %s", type, agency).isBetween(1, 72);
        }
      }
    }
    assertThat(classify("JOINT_OPERATION", "FBI", "CRIMINAL_INVESTIGATION", "NONE"))
        .containsEntry("immigrationRelated", false);
    assertThat(classify("JOINT_OPERATION", "DEA", "NOT_STATED", "NONE")).containsEntry("immigrationRelated", false);
  }

  /** AB 49 and SB 81: immigration enforcement at a school or health facility is decided within 24 hours. */
  @Test
  void immigrationEnforcementAtASchoolOrHealthFacilityIsDecidedWithin24Hours() {
    for (String facility : List.of("SCHOOL", "HEALTH_FACILITY")) {
      assertThat(classify("FACILITY_ACCESS", "USMS", "IMMIGRATION_ENFORCEMENT", facility))
          .containsEntry("immigrationRelated", true).containsEntry("decisionHours", 24);
      assertThat(classify("FACILITY_ACCESS", "ICE_ERO", "NOT_STATED", facility))
          .containsEntry("immigrationRelated", true).containsEntry("decisionHours", 24);
    }
    assertThat(classify("FACILITY_ACCESS", "FBI", "IMMIGRATION_ENFORCEMENT", "CITY_OFFICE"))
        .containsEntry("decisionHours", 72);
  }

  private Map<String, Object> classify(String type, String agency, String purpose, String facility) {
    var result = engine.getDecisionService().evaluateDecisionByKey("request-classification")
        .variables(Variables.createVariables().putValue("requestType", type).putValue("agency", agency)
            .putValue("subjectInCustody", false).putValue("documentsPresented", false)
            .putValue("primaryPurpose", purpose).putValue("facilityKind", facility))
        .evaluate().getSingleResult();
    assertThat(result).as("a row matches %s %s %s %s", type, agency, purpose, facility).isNotNull();
    return result.getEntryMap();
  }
}
