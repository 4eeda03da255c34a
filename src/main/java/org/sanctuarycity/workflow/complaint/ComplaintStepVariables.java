package org.sanctuarycity.workflow.complaint;

import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.sanctuarycity.workflow.policy.ProcessVariables;

/** What the complaint steps read from the forms they follow, and how they drop the personal fields afterwards. */
final class ComplaintStepVariables {

  private ComplaintStepVariables() {}

  /** The complaint a step works on. */
  static UUID complaintId(DelegateExecution execution) {
    return UUID.fromString((String) execution.getVariable(ComplaintVariables.COMPLAINT_ID));
  }

  /** The submitted value as text, or null when absent or blank. */
  static String text(DelegateExecution execution, String name) {
    Object v = execution.getVariable(name);
    return v == null || v.toString().isBlank() ? null : v.toString();
  }

  /** Personal form fields are stored in the complaint table by the step; they leave the process here. */
  static void removePersonal(DelegateExecution execution) {
    for (String name : List.copyOf(execution.getVariableNames())) {
      if (ProcessVariables.isPersonal(name)) {
        execution.removeVariable(name);
      }
    }
  }
}
