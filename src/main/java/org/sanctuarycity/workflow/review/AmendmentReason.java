package org.sanctuarycity.workflow.review;

/** Why the city attorney reopens a decision before its response is sent (decision_amendment.reason). */
public enum AmendmentReason {
  WRONG_DECISION,
  WRONG_LEGAL_BASIS,
  WRONG_RELEASED_ITEMS,
  NEW_INFORMATION
}
