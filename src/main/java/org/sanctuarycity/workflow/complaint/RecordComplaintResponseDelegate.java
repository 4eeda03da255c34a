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

/** ServiceTask_RecordComplaintResponse: the response to the complainant (text kept in the city's records). Writes COMPLAINT_RESPONDED. The legal holds stay until the city attorney releases them. */
@Component
public class RecordComplaintResponseDelegate implements JavaDelegate {

  private final ComplaintService complaints;
  private final ComplaintLog log;
  private final CurrentActor actor;
  private final java.time.Clock clock;

  public RecordComplaintResponseDelegate(ComplaintService complaints, ComplaintLog log, CurrentActor actor, java.time.Clock clock) {
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
    String text = TextRules.check(problems, tooLong, "pii_responseText", text(execution, "pii_responseText"),
        ComplaintService.DESCRIPTION_MAX, true, true);
    refuse(problems, tooLong);
    c.responded(text, clock.instant());
    removePersonal(execution);
    log.record(c, EventType.COMPLAINT_RESPONDED, who, c.getFinding() == null ? null : c.getFinding().name());
  }
}
