package org.sanctuarycity.workflow.contact;

import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.sanctuarycity.workflow.security.CurrentActor;
import org.sanctuarycity.workflow.security.Groups;
import org.sanctuarycity.workflow.transparency.EventType;
import org.springframework.stereotype.Component;

/**
 * ServiceTask_ReferToInvestigations: the supervisor flagged a possible impersonation of federal agents.
 * The report is referred to the police investigations unit; writes IMPERSONATION_REFERRED.
 */
@Component
public class ReferImpersonationDelegate implements JavaDelegate {

  private final ContactService contacts;
  private final ContactLog log;
  private final CurrentActor actor;

  public ReferImpersonationDelegate(ContactService contacts, ContactLog log, CurrentActor actor) {
    this.contacts = contacts;
    this.log = log;
    this.actor = actor;
  }

  @Override
  public void execute(DelegateExecution execution) {
    ContactReport contact = contacts.require(UUID.fromString((String) execution.getVariable(ContactVariables.CONTACT_ID)));
    log.record(contact, EventType.IMPERSONATION_REFERRED, actor.get(Groups.POLICE_SUPERVISORS), contact.getId(),
        "INVESTIGATIONS_UNIT");
  }
}
