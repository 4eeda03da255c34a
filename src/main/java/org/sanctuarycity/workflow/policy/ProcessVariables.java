package org.sanctuarycity.workflow.policy;

/**
 * The process variable contract (also in the README). Variables carry ids, codes and decisions only, and only
 * those the process routes on, its timers read or its forms show. The other names here are form answers, which
 * the step after the form stores in the application's tables and removes in the same transaction (so they leave
 * no runtime or history row), and the decision tables' input and output names.
 * Anything a person types that may hold personal data arrives with the {@link #PERSONAL_PREFIX}
 * prefix: it is moved into the application's tables by the step that receives it and is never
 * written to Camunda history.
 */
public final class ProcessVariables {

  /** Form fields whose key starts with this are personal data; see PersonalDataHistoryFilter. */
  public static final String PERSONAL_PREFIX = "pii_";

  // Process variables.
  public static final String REQUEST_ID = "requestId";
  public static final String REFERENCE = "reference";
  public static final String NOTIFY_PERSON = "notifyPerson";
  public static final String VERIFICATION_DUE_AT = "verificationDueAt";
  public static final String DECISION_DUE_AT = "decisionDueAt";
  public static final String WARRANT_FINDING = "warrantFinding";
  public static final String REQUESTER_VERIFIED = "requesterVerified";
  public static final String DECISION = "decision";
  public static final String LEGAL_BASIS = "legalBasis";
  public static final String LEGAL_BASIS_OPTIONS = "legalBasisOptions";
  /** Task-local: per decision code, the catalog's bases decision-rules.dmn allows as that decision's basis. */
  public static final String LEGAL_BASIS_OPTIONS_BY_DECISION = "legalBasisOptionsByDecision";
  public static final String RELEASED_ITEMS = "releasedItems";
  public static final String REPLY_WAIT = "replyWait";
  /** Due dates of UserTask_SendResponse and UserTask_NotifyPerson, set with each final decision. */
  public static final String RESPONSE_DUE_AT = "responseDueAt";
  public static final String NOTICE_DUE_AT = "noticeDueAt";
  /** The TRUST Act outcome of the decision (ELIGIBLE, NOT_ELIGIBLE, NOT_ASSESSED): a code, never the history. */
  public static final String TRUST_OUTCOME = "trustOutcome";
  // The case in words for the forms' summary (intake.CaseSummary, set at classification): labels, yes/no and
  // times in the city's zone only, nothing about the person.
  public static final String CASE_AGENCY = "caseAgency";
  public static final String CASE_REQUEST_TYPE = "caseRequestType";
  public static final String CASE_ACCESS_CATEGORY = "caseAccessCategory";
  public static final String CASE_DOCUMENTS = "caseDocuments";
  public static final String CASE_IN_CUSTODY = "caseInCustody";
  public static final String CASE_SCHEDULED_RELEASE = "caseScheduledRelease";
  public static final String CASE_VERIFICATION_DUE = "caseVerificationDue";
  public static final String CASE_DECISION_DUE = "caseDecisionDue";
  /** responseDueAt and noticeDueAt in words (review.Decisions, set with each final decision). */
  public static final String CASE_RESPONSE_DUE = "caseResponseDue";
  public static final String CASE_NOTICE_DUE = "caseNoticeDue";

  // Form answers of legal-review, stored in legal_review and removed once stored.
  public static final String TRUST_CRITERION = "trustCriterion";
  public static final String MAGISTRATE_PROBABLE_CAUSE = "magistrateProbableCause";

  // Decision-table inputs and outputs of request-classification.dmn (stored in federal_request, not variables).
  public static final String AGENCY = "agency";
  public static final String REQUEST_TYPE = "requestType";
  public static final String SUBJECT_IN_CUSTODY = "subjectInCustody";
  public static final String DOCUMENTS_PRESENTED = "documentsPresented";
  public static final String PRIMARY_PURPOSE = "primaryPurpose";
  public static final String FACILITY_KIND = "facilityKind";
  public static final String FACILITY_AREA = "facilityArea";
  public static final String IMMIGRATION_RELATED = "immigrationRelated";
  public static final String ACCESS_CATEGORY = "accessCategory";
  public static final String DECISION_HOURS = "decisionHours";

  // Form answers of send-response and notify-person, removed once stored.
  public static final String RESPONSE_METHOD = "responseMethod";
  public static final String RESPONSE_SENT_AT = "responseSentAt";
  public static final String NOTIFICATION_METHOD = "notificationMethod";
  public static final String COPY_GIVEN = "copyGiven";

  public static final String MESSAGE_AGENCY_REPLY = "AgencyReply";

  private ProcessVariables() {}

  public static boolean isPersonal(String variableName) {
    return variableName != null && variableName.startsWith(PERSONAL_PREFIX);
  }
}
