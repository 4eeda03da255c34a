package org.sanctuarycity.workflow.policy;

/** Kinds of federal request (docs/domain.md, 'Request types and how to tell them apart'). */
public enum RequestType {
  DETAINER,
  ADMINISTRATIVE_WARRANT,
  JUDICIAL_WARRANT,
  COURT_ORDER,
  ADMINISTRATIVE_SUBPOENA,
  JUDICIAL_SUBPOENA,
  RECORDS_REQUEST,
  RELEASE_NOTIFICATION,
  INTERVIEW_REQUEST,
  FACILITY_ACCESS,
  JOINT_OPERATION,
  TRANSFER_REQUEST,
  OTHER
}
