package org.sanctuarycity.workflow.contact;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.sanctuarycity.workflow.common.FieldProblem;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.policy.CityProperties;
import org.sanctuarycity.workflow.policy.ProcessVariables;
import org.sanctuarycity.workflow.security.CurrentActor;
import org.sanctuarycity.workflow.security.Groups;
import org.sanctuarycity.workflow.transparency.EventType;
import org.springframework.stereotype.Component;

/**
 * ServiceTask_RecordContactCorrection: applies the reporter's corrections (fields left empty keep their
 * value), removes the personal fields from the process, writes CONTACT_CORRECTED; the report goes back to review.
 */
@Component
public class RecordContactCorrectionDelegate implements JavaDelegate {

  private final ContactService contacts;
  private final ContactLog log;
  private final CurrentActor actor;
  private final CityProperties city;

  public RecordContactCorrectionDelegate(ContactService contacts, ContactLog log, CurrentActor actor, CityProperties city) {
    this.contacts = contacts;
    this.log = log;
    this.actor = actor;
    this.city = city;
  }

  @Override
  public void execute(DelegateExecution execution) {
    UUID id = UUID.fromString((String) execution.getVariable(ContactVariables.CONTACT_ID));
    List<FieldProblem> problems = new ArrayList<>();
    NewContact changes = ContactFormCaptureListener.read(execution.getVariables(), problems, city);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    ContactReport contact = contacts.correct(id, changes);
    for (String name : List.copyOf(execution.getVariableNames())) {
      if (ProcessVariables.isPersonal(name) || ContactFormCaptureListener.RAW_FIELDS.contains(name)) {
        execution.removeVariable(name);
      }
    }
    execution.setVariables(ContactService.codeVariables(contact));
    log.record(contact, EventType.CONTACT_CORRECTED, actor.get(Groups.POLICE_OFFICERS), contact.getId(), null);
  }
}
