package org.sanctuarycity.workflow.report;

import java.time.LocalDate;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * ServiceTask_DraftReport: freezes the public report for the period (by default the quarter before the
 * one in which the timer fired; an administrator starting the process by hand may give periodFrom and
 * periodTo) with its SHA-256. Writes REPORT_DRAFTED. If the period is already published (a timer fired
 * twice, or a hand start for a done period), it drafts nothing and sets alreadyPublished, which ends the process.
 */
@Component
public class DraftTransparencyReportDelegate implements JavaDelegate {

  private final ReportSnapshots snapshots;

  public DraftTransparencyReportDelegate(ReportSnapshots snapshots) {
    this.snapshots = snapshots;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object from = execution.getVariable(ReportVariables.PERIOD_FROM);
    Object to = execution.getVariable(ReportVariables.PERIOD_TO);
    LocalDate[] period = from == null || to == null ? snapshots.previousQuarter()
        : new LocalDate[] {LocalDate.parse(from.toString()), LocalDate.parse(to.toString())};
    execution.setVariable(ReportVariables.ALREADY_PUBLISHED, snapshots.isPublished(period[0], period[1]));
    if (snapshots.isPublished(period[0], period[1])) {
      execution.setVariable(ReportVariables.PERIOD_FROM, period[0].toString());
      execution.setVariable(ReportVariables.PERIOD_TO, period[1].toString());
      return;
    }
    ReportSnapshots.Draft d = snapshots.draft(period[0], period[1], execution.getProcessInstanceId());
    execution.setVariable(ReportVariables.PERIOD_FROM, d.from().toString());
    execution.setVariable(ReportVariables.PERIOD_TO, d.to().toString());
    execution.setVariable(ReportVariables.REFERENCE, d.reference());
    execution.setVariable(ReportVariables.REPORT_ID, d.id());
    execution.setVariable(ReportVariables.REVISION, d.revision());
    execution.setVariable(ReportVariables.SHA256, d.sha256());
    execution.removeVariable(ReportVariables.OUTCOME);
    execution.removeVariable(ReportVariables.NOTE);
    if (execution.getProcessBusinessKey() == null) {
      execution.setProcessBusinessKey(d.reference());
    }
  }
}
