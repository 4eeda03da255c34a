package org.sanctuarycity.workflow.faults;

import java.util.Map;
import org.sanctuarycity.workflow.api.FederalRequestApiIT;

/**
 * The human steps of an in-custody administrative detainer (bpmn/federal-request.bpmn), in order: who works the
 * task, its definition key, what they submit, and the log entry its completion writes in the same transaction.
 */
enum FlowStep {
  VERIFY("verifier", "UserTask_VerifyWarrant", "WARRANT_VERIFIED",
      FederalRequestApiIT.administrativeDetainerChecks("Called back the field office.")),
  REVIEW("attorney", "UserTask_LegalReview", "DECIDED", Map.of("decision", "DECLINE",
      "legalBasis", "SB54_7284_6_A1B", "pii_rationale", "Holds on detainers are prohibited.")),
  RESPOND("desk", "UserTask_SendResponse", "RESPONDED", Map.of("responseMethod", "FAX")),
  NOTIFY("desk", "UserTask_NotifyPerson", "PERSON_NOTIFIED",
      Map.of("notificationMethod", "IN_PERSON", "copyGiven", true));

  final String user;
  final String taskKey;
  final String event;
  final Map<String, Object> variables;

  FlowStep(String user, String taskKey, String event, Map<String, Object> variables) {
    this.user = user;
    this.taskKey = taskKey;
    this.event = event;
    this.variables = variables;
  }

  static FlowStep ofTask(String taskKey) {
    for (FlowStep s : values()) {
      if (s.taskKey.equals(taskKey)) {
        return s;
      }
    }
    return null;
  }
}
