package org.sanctuarycity.workflow.intake;

import java.util.UUID;
import org.sanctuarycity.workflow.security.Actor;
import org.sanctuarycity.workflow.transparency.EventType;
import org.sanctuarycity.workflow.transparency.LogEvent;
import org.sanctuarycity.workflow.transparency.TransparencyLog;
import org.springframework.stereotype.Component;

/** Writes a request's transparency entries from its current state, in the caller's transaction. */
@Component
public class RequestLog {

  public static final String PROCESS = IntakeService.PROCESS_KEY;

  private final TransparencyLog log;

  RequestLog(TransparencyLog log) {
    this.log = log;
  }

  public void record(FederalRequest request, EventType type, Actor actor, UUID recordId) {
    // The disposition (decision and legal basis) is stated on the entries that record or act on it.
    boolean disposition = type == EventType.DECIDED || type == EventType.DECISION_AMENDED
        || type == EventType.RESPONDED || type == EventType.CLOSED;
    log.append(new LogEvent(PROCESS, request.getReference(), type,
        request.getAgency().name(), request.getRequestType().name(),
        nameOf(request.getAccessCategory()),
        disposition ? nameOf(request.getDecision()) : null,
        disposition ? request.getLegalBasis() : null,
        actor.role(), actor.userId(), recordId));
  }

  private static String nameOf(Enum<?> e) {
    return e == null ? null : e.name();
  }
}
