package org.sanctuarycity.workflow.report;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.sanctuarycity.workflow.security.CurrentActor;
import org.sanctuarycity.workflow.security.Groups;
import org.springframework.stereotype.Component;

/**
 * ServiceTask_PublishReport: signs the approved snapshot with the log key (Ed25519), writes
 * REPORT_PUBLISHED with its SHA-256 and publishes it at /api/transparency/reports. From then on the
 * database refuses any change to it.
 */
@Component
public class PublishTransparencyReportDelegate implements JavaDelegate {

  private final ReportSnapshots snapshots;
  private final CurrentActor actor;

  public PublishTransparencyReportDelegate(ReportSnapshots snapshots, CurrentActor actor) {
    this.snapshots = snapshots;
    this.actor = actor;
  }

  @Override
  public void execute(DelegateExecution execution) {
    long id = ((Number) execution.getVariable(ReportVariables.REPORT_ID)).longValue();
    snapshots.publish(id, actor.get(Groups.CITY_ATTORNEY));
  }
}
