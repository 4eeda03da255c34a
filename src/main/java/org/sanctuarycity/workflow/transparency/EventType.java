package org.sanctuarycity.workflow.transparency;

/** Events written to the transparency log, one per recorded step. */
public enum EventType {
  RECEIVED,
  CLASSIFIED,
  WARRANT_VERIFIED,
  DECIDED,
  ESCALATED,
  REPLY_RECEIVED,
  RESPONDED,
  PERSON_NOTIFIED,
  CLOSED
}
