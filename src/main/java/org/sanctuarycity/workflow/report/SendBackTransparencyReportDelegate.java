package org.sanctuarycity.workflow.report;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.sanctuarycity.workflow.common.FieldProblem;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.security.CurrentActor;
import org.sanctuarycity.workflow.security.Groups;
import org.springframework.stereotype.Component;

/** ServiceTask_RecordSendBack: marks the draft SENT_BACK with the reviewer's note; a new draft follows. Writes REPORT_SENT_BACK. */
@Component
public class SendBackTransparencyReportDelegate implements JavaDelegate {

  static final int NOTE_MAX = 1000;

  private final ReportSnapshots snapshots;
  private final CurrentActor actor;

  public SendBackTransparencyReportDelegate(ReportSnapshots snapshots, CurrentActor actor) {
    this.snapshots = snapshots;
    this.actor = actor;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object v = execution.getVariable(ReportVariables.NOTE);
    String note = v == null ? "" : v.toString().strip();
    if (note.isEmpty()) {
      throw InvalidInputException.of(ReportVariables.NOTE, "say what must change before the report is drafted again");
    }
    if (note.length() > NOTE_MAX) {
      throw new InvalidInputException(List.of(new FieldProblem(ReportVariables.NOTE,
          "at most " + NOTE_MAX + " characters")), true);
    }
    long id = ((Number) execution.getVariable(ReportVariables.REPORT_ID)).longValue();
    snapshots.sendBack(id, note, actor.get(Groups.CITY_ATTORNEY));
  }
}
