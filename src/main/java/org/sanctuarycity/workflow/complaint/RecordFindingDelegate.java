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

/** ServiceTask_RecordFinding: VIOLATION_FOUND, NOT_FOUND or INCONCLUSIVE with a rationale. Writes COMPLAINT_FINDING with the finding. */
@Component
public class RecordFindingDelegate implements JavaDelegate {

  private final ComplaintService complaints;
  private final ComplaintLog log;
  private final CurrentActor actor;
  private final java.time.Clock clock;

  public RecordFindingDelegate(ComplaintService complaints, ComplaintLog log, CurrentActor actor, java.time.Clock clock) {
    this.complaints = complaints;
    this.log = log;
    this.actor = actor;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Complaint c = complaints.require(complaintId(execution));
    Actor who = actor.get(Groups.CITY_ATTORNEY);
    List<FieldProblem> problems = new ArrayList<>();
    List<FieldProblem> tooLong = new ArrayList<>();
    Complaint.Finding finding = null;
    String f = text(execution, ComplaintVariables.FINDING);
    try {
      finding = f == null ? null : Complaint.Finding.valueOf(f);
    } catch (IllegalArgumentException e) {
      problems.add(new FieldProblem(ComplaintVariables.FINDING, "is not a known value"));
    }
    if (f == null) {
      problems.add(new FieldProblem(ComplaintVariables.FINDING, "is required"));
    }
    String rationale = TextRules.check(problems, tooLong, "pii_findingRationale", text(execution, "pii_findingRationale"),
        ComplaintService.DESCRIPTION_MAX, true, true);
    refuse(problems, tooLong);
    c.found(finding, rationale, clock.instant());
    removePersonal(execution);
    log.record(c, EventType.COMPLAINT_FINDING, who, finding.name());
  }
}
