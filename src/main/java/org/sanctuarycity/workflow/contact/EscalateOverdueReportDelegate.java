package org.sanctuarycity.workflow.contact;

import java.util.UUID;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.sanctuarycity.workflow.security.Actor;
import org.sanctuarycity.workflow.security.Groups;
import org.sanctuarycity.workflow.transparency.EventType;
import org.springframework.stereotype.Component;

/**
 * ServiceTask_EscalateOverdueReport, on the non-interrupting timer at the report's due time (24 hours after
 * the contact): the open correction stays with the reporter and is also offered to police-supervisors, at
 * high priority. Writes ESCALATED.
 */
@Component
public class EscalateOverdueReportDelegate implements JavaDelegate {

  public static final String CORRECTION_TASK = "UserTask_CorrectReport";

  private final ContactService contacts;
  private final ContactLog log;

  public EscalateOverdueReportDelegate(ContactService contacts, ContactLog log) {
    this.contacts = contacts;
    this.log = log;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ContactReport contact = contacts.require(UUID.fromString((String) execution.getVariable(ContactVariables.CONTACT_ID)));
    TaskService tasks = execution.getProcessEngineServices().getTaskService();
    for (Task task : tasks.createTaskQuery().processInstanceId(execution.getProcessInstanceId())
        .taskDefinitionKey(CORRECTION_TASK).active().list()) {
      tasks.addCandidateGroup(task.getId(), Groups.POLICE_SUPERVISORS);
      if (task.getPriority() < 100) {
        tasks.setPriority(task.getId(), 100);
      }
    }
    log.record(contact, EventType.ESCALATED, Actor.SYSTEM, contact.getId(), "REPORT_OVERDUE");
  }
}
