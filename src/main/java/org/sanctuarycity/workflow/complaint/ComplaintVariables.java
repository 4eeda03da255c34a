package org.sanctuarycity.workflow.complaint;

/** Process variables of bpmn/complaint.bpmn: ids and codes only, nothing that identifies the complainant. */
final class ComplaintVariables {
  static final String COMPLAINT_ID = "complaintId";
  static final String REFERENCE = "reference";
  static final String ANONYMOUS = "anonymous";
  static final String CHANNEL = "channel";
  static final String LINKED_REFERENCES = "linkedReferences";
  static final String INVESTIGATOR = "investigator";
  static final String FINDING = "finding";
  static final String RESPONSE_METHOD = "responseMethod";

  private ComplaintVariables() {}
}
