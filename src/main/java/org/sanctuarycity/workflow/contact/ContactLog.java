package org.sanctuarycity.workflow.contact;

import java.util.UUID;
import org.sanctuarycity.workflow.security.Actor;
import org.sanctuarycity.workflow.transparency.EventType;
import org.sanctuarycity.workflow.transparency.LogEvent;
import org.sanctuarycity.workflow.transparency.TransparencyLog;
import org.sanctuarycity.workflow.transparency.TransparencyReports;
import org.springframework.stereotype.Component;

/**
 * Writes a contact report's transparency entries in the caller's transaction: agency claimed, kind of
 * contact (in the request-type column), the agents' identification and face coverings (in the access-category
 * column, as {@code <AgentsIdentified>/<FacesCovered>}, e.g. {@code NOT_IDENTIFIED/ALL_COVERED}: SB 805 and SB 627,
 * counted by the public report from the CONTACT_REPORTED entry) and, on review, the outcome. Only codes: nothing
 * that identifies a person.
 */
@Component
public class ContactLog {

  public static final String PROCESS = ContactService.PROCESS_KEY;

  private final TransparencyLog log;

  ContactLog(TransparencyLog log) {
    this.log = log;
  }

  public void record(ContactReport contact, EventType type, Actor actor, UUID recordId, String decision) {
    log.append(new LogEvent(PROCESS, contact.getReference(), type, contact.getAgencyClaimed().name(),
        contact.getContactKind().name(), agentCodes(contact), decision, null, actor.role(), actor.userId(), recordId));
  }

  /** The access-category column of a contact's entries; the report splits it at the slash. */
  public static String agentCodes(ContactReport contact) {
    return contact.getAgentsIdentified().name() + TransparencyReports.AGENT_CODES_SEPARATOR
        + contact.getFacesCovered().name();
  }
}
