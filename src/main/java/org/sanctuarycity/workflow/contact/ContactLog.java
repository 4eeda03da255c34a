package org.sanctuarycity.workflow.contact;

import java.util.UUID;
import org.sanctuarycity.workflow.security.Actor;
import org.sanctuarycity.workflow.transparency.EventType;
import org.sanctuarycity.workflow.transparency.LogEvent;
import org.sanctuarycity.workflow.transparency.TransparencyLog;
import org.springframework.stereotype.Component;

/**
 * Writes a contact report's transparency entries in the caller's transaction: agency claimed, kind of
 * contact (in the request-type column) and, on review, the outcome. Nothing that identifies a person.
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
        contact.getContactKind().name(), null, decision, null, actor.role(), actor.userId(), recordId));
  }
}
