package org.sanctuarycity.workflow.intake;

/** Where a federal request stands. */
public enum RequestStatus {
  RECEIVED,
  CLASSIFIED,
  IN_VERIFICATION,
  IN_LEGAL_REVIEW,
  AWAITING_AGENCY_REPLY,
  DECIDED,
  RESPONDED,
  CLOSED
}
