package org.sanctuarycity.workflow.transparency;

import java.util.Objects;
import java.util.UUID;

/**
 * What a step asks the log to record. Only codes: the log is public, so nothing here may identify a
 * person. {@code actorUser} and {@code recordId} form the non-public part, published only as a salted digest.
 */
public record LogEvent(
    String process,
    String reference,
    EventType eventType,
    String agency,
    String requestType,
    String accessCategory,
    String decision,
    String legalBasis,
    String actorRole,
    String actorUser,
    UUID recordId) {

  public LogEvent {
    Objects.requireNonNull(process, "process");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(eventType, "eventType");
    Objects.requireNonNull(actorRole, "actorRole");
  }
}
