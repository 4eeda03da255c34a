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

/** ServiceTask_RecordTriage: links the related requests and contacts the city attorney named (each placed under legal hold) and records the investigator. Writes COMPLAINT_TRIAGED. */
@Component
public class RecordTriageDelegate implements JavaDelegate {

  private final ComplaintService complaints;
  private final ComplaintLog log;
  private final CurrentActor actor;

  public RecordTriageDelegate(ComplaintService complaints, ComplaintLog log, CurrentActor actor) {
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
    String refs = text(execution, ComplaintVariables.LINKED_REFERENCES);
    List<String> list = refs == null ? List.of() : Arrays.stream(refs.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
    for (String r : list) {
      if (!r.matches(ComplaintService.RECORD_REFERENCE)) {
        problems.add(new FieldProblem(ComplaintVariables.LINKED_REFERENCES, "must be FR-/IC- numbers separated by commas"));
        break;
      }
    }
    String investigator = TextRules.check(problems, tooLong, ComplaintVariables.INVESTIGATOR,
        text(execution, ComplaintVariables.INVESTIGATOR), 64, false, true);
    if (investigator != null && !investigator.matches("[A-Za-z0-9._@-]+")) {
      problems.add(new FieldProblem(ComplaintVariables.INVESTIGATOR, "must be a user id"));
    }
    refuse(problems, tooLong);
    List<String> held = complaints.link(c.getId(), list, who.userId() == null ? "system" : who.userId());
    c.triaged(investigator);
    execution.setVariable(ComplaintVariables.LINKED_REFERENCES, String.join(",", complaints.linkedReferences(c.getId())));
    execution.setVariable(ComplaintVariables.INVESTIGATOR, investigator);
    log.record(c, EventType.COMPLAINT_TRIAGED, who, null);
    if (!held.isEmpty()) {
      log.record(c, EventType.LEGAL_HOLD_PLACED, who, "RECORDS:" + held.size());
    }
  }
}
