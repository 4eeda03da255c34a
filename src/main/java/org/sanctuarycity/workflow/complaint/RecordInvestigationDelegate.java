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

/** ServiceTask_RecordInvestigation: stores the investigator's notes and evidence list (removed from the process). Writes COMPLAINT_INVESTIGATED. */
@Component
public class RecordInvestigationDelegate implements JavaDelegate {

  private final ComplaintService complaints;
  private final ComplaintLog log;
  private final CurrentActor actor;

  public RecordInvestigationDelegate(ComplaintService complaints, ComplaintLog log, CurrentActor actor) {
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
    String notes = TextRules.check(problems, tooLong, "pii_investigationNotes", text(execution, "pii_investigationNotes"),
        ComplaintService.DESCRIPTION_MAX, true, true);
    String evidence = TextRules.check(problems, tooLong, "pii_evidenceList", text(execution, "pii_evidenceList"),
        ComplaintService.DESCRIPTION_MAX, true, false);
    refuse(problems, tooLong);
    c.investigated(notes, evidence);
    removePersonal(execution);
    log.record(c, EventType.COMPLAINT_INVESTIGATED, who, null);
  }
}
