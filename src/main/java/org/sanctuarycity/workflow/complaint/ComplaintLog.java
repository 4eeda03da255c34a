package org.sanctuarycity.workflow.complaint;

import org.sanctuarycity.workflow.security.Actor;
import org.sanctuarycity.workflow.transparency.EventType;
import org.sanctuarycity.workflow.transparency.LogEvent;
import org.sanctuarycity.workflow.transparency.TransparencyLog;
import org.springframework.stereotype.Component;

/** Complaint entries of the public log: the complaint number, the step and the finding. Never the complainant. */
@Component
class ComplaintLog {

  private final TransparencyLog log;

  ComplaintLog(TransparencyLog log) {
    this.log = log;
  }

  void record(Complaint c, EventType type, Actor actor, String decision) {
    log.append(new LogEvent(ComplaintService.PROCESS_KEY, c.getReference(), type, null, null, null, decision,
        null, actor.role(), actor.userId(), c.getId()));
  }
}
