package org.sanctuarycity.workflow.contact;

import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.sanctuarycity.workflow.security.CurrentActor;
import org.sanctuarycity.workflow.security.Groups;
import org.sanctuarycity.workflow.transparency.EventType;
import org.springframework.stereotype.Component;

/**
 * ServiceTask_RegisterContact: links the stored report to its process and writes CONTACT_REPORTED
 * (decision LATE_REPORT when it was filed more than the allowed hours after the contact).
 */
@Component
public class RegisterContactDelegate implements JavaDelegate {

  private final ContactService contacts;
  private final ContactLog log;
  private final CurrentActor actor;

  public RegisterContactDelegate(ContactService contacts, ContactLog log, CurrentActor actor) {
    this.contacts = contacts;
    this.log = log;
    this.actor = actor;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ContactReport contact = contacts.require(UUID.fromString((String) execution.getVariable(ContactVariables.CONTACT_ID)));
    contact.setProcessInstanceId(execution.getProcessInstanceId());
    log.record(contact, EventType.CONTACT_REPORTED, actor.get(Groups.POLICE_OFFICERS), contact.getId(),
        contact.isReportedLate() ? "LATE_REPORT" : null);
  }
}
