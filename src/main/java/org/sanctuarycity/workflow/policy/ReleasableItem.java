package org.sanctuarycity.workflow.policy;

/**
 * Items the city attorney may authorize for release under COMPLY or COMPLY_LIMITED. Immigration
 * status, citizenship and place of birth are deliberately absent: the city never collects them.
 */
public enum ReleasableItem {
  CUSTODY_STATUS,
  RELEASE_DATE_PUBLIC,
  BOOKING_RECORD,
  CRIMINAL_HISTORY,
  DOCUMENTS_NAMED_IN_ORDER,
  FACILITY_ACCESS_SCHEDULED,
  INTERVIEW_WITH_CONSENT,
  TRANSFER_OF_CUSTODY
}
