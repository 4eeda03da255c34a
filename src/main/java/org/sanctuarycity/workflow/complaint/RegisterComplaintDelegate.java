package org.sanctuarycity.workflow.complaint;

import static org.sanctuarycity.workflow.common.InvalidInputException.refuse;
import static org.sanctuarycity.workflow.complaint.ComplaintStepVariables.complaintId;
import static org.sanctuarycity.workflow.complaint.ComplaintStepVariables.removePersonal;
import static org.sanctuarycity.workflow.complaint.ComplaintStepVariables.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.sanctuarycity.workflow.common.FieldProblem;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.common.TextRules;
import org.sanctuarycity.workflow.security.Actor;
import org.sanctuarycity.workflow.security.CurrentActor;
import org.sanctuarycity.workflow.security.Groups;
import org.sanctuarycity.workflow.transparency.EventType;
import org.springframework.stereotype.Component;

/** ServiceTask_RegisterComplaint: links the stored complaint to its process, places the legal holds (on the complaint and every record it names) and writes COMPLAINT_FILED and LEGAL_HOLD_PLACED. */
@Component
public class RegisterComplaintDelegate implements JavaDelegate {

  private final ComplaintService complaints;
  private final ComplaintLog log;
  private final CurrentActor actor;

  public RegisterComplaintDelegate(ComplaintService complaints, ComplaintLog log, CurrentActor actor) {
    this.complaints = complaints;
    this.log = log;
    this.actor = actor;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Complaint c = complaints.require(complaintId(execution));
    Actor who = actor.get(Groups.CITY_ATTORNEY);
    List<FieldProblem> problems = new ArrayList<>();
    List<FieldProblem> tooLong = new ArrayList<>();
    c.setProcessInstanceId(execution.getProcessInstanceId());
    String user = who.userId() == null ? "complainant" : who.userId();
    complaints.holdItself(c, user);
    List<String> named = c.getNamedReferences() == null || c.getNamedReferences().isBlank() ? List.of()
        : Arrays.asList(c.getNamedReferences().split(","));
    List<String> known = named.stream().filter(complaints::exists).toList();
    List<String> held = complaints.link(c.getId(), known, user);
    execution.setVariable(ComplaintVariables.LINKED_REFERENCES, String.join(",", held));
    log.record(c, EventType.COMPLAINT_FILED, who, c.isAnonymous() ? "ANONYMOUS" : null);
    log.record(c, EventType.LEGAL_HOLD_PLACED, who, "RECORDS:" + (held.size() + 1));
  }
}
