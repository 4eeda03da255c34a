package org.sanctuarycity.workflow.policy;

/**
 * Kinds of item that can leave the city under COMPLY or COMPLY_LIMITED. Whether one may leave is decided item by
 * item by bpmn/release-rules.dmn and by the legal-basis catalog (which items each basis can authorize), never here.
 * Where the law turns on whether the information is already public, the public and the non-public kind are two
 * items, so the attorney's choice says which one is released. The city does not collect immigration status; the
 * status item exists so that an answer under 8 U.S.C. 1373 is possible and logged, not silently blocked.
 */
public enum ReleasableItem {
  CUSTODY_STATUS,
  RELEASE_DATE_PUBLIC,
  RELEASE_DATE_NONPUBLIC,
  RELEASE_NOTIFICATION,
  BOOKING_RECORD,
  CRIMINAL_HISTORY,
  DOCUMENTS_NAMED_IN_ORDER,
  HOME_OR_WORK_ADDRESS,
  PERSONAL_INFO_PUBLIC,
  PERSONAL_INFO_NONPUBLIC,
  PUBLIC_RECORDS,
  FACILITY_ACCESS_SCHEDULED,
  FACILITY_ACCESS_NONPUBLIC,
  INTERVIEW_WITH_CONSENT,
  TRANSFER_OF_CUSTODY,
  JOINT_OPERATION_PARTICIPATION,
  CITIZENSHIP_OR_STATUS_INFO
}
