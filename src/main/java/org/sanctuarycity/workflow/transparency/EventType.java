package org.sanctuarycity.workflow.transparency;

/** Events written to the transparency log, one per recorded step. */
public enum EventType {
  RECEIVED,
  CLASSIFIED,
  WARRANT_VERIFIED,
  DECIDED,
  // a corrected decision, made before the response was sent; it corrects the latest earlier DECIDED or
  // DECISION_AMENDED entry of the same reference, which stays in the log (review.DecisionAmendments)
  DECISION_AMENDED,
  ESCALATED,
  REPLY_RECEIVED,
  RESPONDED,
  PERSON_NOTIFIED,
  // TRUTH Act interview consent form given and the person's answer stored (Gov. Code 7283.1(a))
  CONSENT_RECORDED,
  CLOSED,
  // immigration-contact reports (process "immigration-contact")
  CONTACT_REPORTED,
  CONTACT_REVIEWED,
  CONTACT_CORRECTED,
  CONTACT_LINKED_REQUEST,
  IMPERSONATION_REFERRED,
  // complaints under the private right of action (process "complaint")
  COMPLAINT_FILED,
  COMPLAINT_TRIAGED,
  COMPLAINT_INVESTIGATED,
  COMPLAINT_FINDING,
  COMPLAINT_RESPONDED,
  LEGAL_HOLD_PLACED,
  LEGAL_HOLD_RELEASED,
  // retention (process "retention")
  RETENTION_PURGE,
  // quarterly public reports (process "transparency-report")
  REPORT_DRAFTED,
  REPORT_SENT_BACK,
  REPORT_PUBLISHED
}
