package org.sanctuarycity.workflow.contact;

/** The codes of an immigration-contact report. Codes, never free text, go into process variables and the log. */
public final class ContactCodes {

  private ContactCodes() {}

  /** How the contact happened; the public report counts contacts by this. */
  public enum ContactKind {
    ASSISTANCE_AT_SCENE,
    OPERATION_NOTICE,
    DISPATCH_CALL,
    FACILITY_VISIT,
    OBSERVED_ENFORCEMENT,
    OTHER
  }

  /** What identification the agents showed. */
  public enum Identification {
    CREDENTIALS_SHOWN,
    BADGE_ONLY,
    VERBAL_ONLY,
    REFUSED,
    NOT_ASKED
  }

  /**
   * Whether the agents identified themselves and their agency (SB 805, the "No Vigilantes Act": visible
   * identification with agency and name or badge number during enforcement). The public report counts this.
   */
  public enum AgentsIdentified {
    AGENCY_AND_NAME_OR_BADGE,
    AGENCY_ONLY,
    NOT_IDENTIFIED,
    UNKNOWN
  }

  /**
   * Whether the agents' faces were covered (SB 627, the "No Secret Police Act", with its listed exceptions the
   * report does not judge). The public report counts this.
   */
  public enum FacesCovered {
    NONE_COVERED,
    SOME_COVERED,
    ALL_COVERED,
    UNKNOWN
  }

  public enum VehicleMarking {
    MARKED,
    UNMARKED,
    MIXED,
    NO_VEHICLE,
    UNKNOWN
  }

  /** The kind of warrant or document shown, when one was shown. */
  public enum WarrantKind {
    JUDICIAL,
    ADMINISTRATIVE,
    DETAINER,
    OTHER_DOCUMENT,
    UNKNOWN
  }

  public enum Status {
    SUBMITTED,
    CORRECTION_REQUESTED,
    CONFIRMED,
    REFERRED_FOR_IMPERSONATION
  }

  /** The police supervisor's outcome. */
  public enum ReviewOutcome {
    CONFIRM,
    REQUEST_CORRECTION,
    FLAG_IMPERSONATION
  }
}
