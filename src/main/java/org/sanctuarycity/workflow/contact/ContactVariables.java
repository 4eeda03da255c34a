package org.sanctuarycity.workflow.contact;

/** Process variables of bpmn/immigration-contact.bpmn: ids and codes only (see docs/processes.md). */
public final class ContactVariables {

  public static final String CONTACT_ID = "contactId";
  public static final String REFERENCE = "reference";
  public static final String CONTACT_KIND = "contactKind";
  public static final String AGENCY_CLAIMED = "agencyClaimed";
  public static final String IDENTIFICATION = "identification";
  public static final String VEHICLES_MARKED = "vehiclesMarked";
  public static final String AGENTS_IDENTIFIED = "agentsIdentified";
  public static final String FACES_COVERED = "facesCovered";
  public static final String REQUEST_MADE = "requestMade";
  public static final String ANYONE_DETAINED = "anyoneDetained";
  public static final String WARRANT_SHOWN = "warrantShown";
  public static final String WARRANT_KIND = "warrantKind";
  public static final String REPORTED_LATE = "reportedLate";
  public static final String REPORT_DUE_AT = "reportDueAt";
  public static final String REVIEW_DUE_AT = "reviewDueAt";
  public static final String REPORTED_BY = "reportedBy";
  public static final String REVIEW_OUTCOME = "reviewOutcome";
  public static final String LINKED_REQUESTS = "linkedRequests";
  /** Start-form only: turn the request made during the contact into a federal request right away. */
  public static final String TURN_INTO_REQUEST = "turnIntoRequest";
  public static final String FEDERAL_REQUEST_TYPE = "federalRequestType";
  /** Start-form only, with a joint operation or facility access: its primary purpose, the facility's kind and area. */
  public static final String FEDERAL_REQUEST_PRIMARY_PURPOSE = "federalRequestPrimaryPurpose";
  public static final String FEDERAL_REQUEST_FACILITY_KIND = "federalRequestFacilityKind";
  public static final String FEDERAL_REQUEST_FACILITY_AREA = "federalRequestFacilityArea";
  /** Set on the federal-request process started from a contact: the contact's reference. */
  public static final String CONTACT_REFERENCE = "contactReference";

  private ContactVariables() {}
}
