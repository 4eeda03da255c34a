package org.sanctuarycity.workflow.review;

/**
 * Variables of an amendment in progress (ids and codes only): set when the attorney reopens a decision
 * (DecisionAmendments), read and removed by ServiceTask_LogDecision when the corrected decision is stored.
 */
public final class AmendmentVariables {

  /** The decision_amendment row waiting for its corrected decision. */
  public static final String AMENDMENT_ID = "amendmentId";
  /** The legal_review row the corrected decision replaces; the form shows the earlier decision from it. */
  public static final String AMENDS_REVIEW_ID = "amendsReviewId";
  /** The AmendmentReason code, for the legal-review form's header. */
  public static final String AMENDMENT_REASON = "amendmentReason";

  /** Message that interrupts UserTask_SendResponse and takes the request back to UserTask_LegalReview. */
  public static final String MESSAGE_DECISION_AMENDED = "DecisionAmended";

  private AmendmentVariables() {}
}
