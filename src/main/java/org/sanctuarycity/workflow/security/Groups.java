package org.sanctuarycity.workflow.security;

import java.util.List;

/** The groups of Camunda's identity service that the application knows, and what each is for. */
public final class Groups {

  /** Records incoming requests, sends responses, notifies affected people. */
  public static final String POLICE_DESK = "police-desk";
  /** Verifies warrants and the identity of the requester. */
  public static final String WARRANT_VERIFIERS = "warrant-verifiers";
  /** Legal review and decisions. */
  public static final String CITY_ATTORNEY = "city-attorney";
  /** Receives escalated, overdue legal reviews. */
  public static final String CITY_ATTORNEY_SUPERVISORS = "city-attorney-supervisors";
  /** Read-only history and log verification. */
  public static final String AUDITORS = "auditors";
  /** Patrol officers: file immigration-contact reports. */
  public static final String POLICE_OFFICERS = "police-officers";
  /** Review immigration-contact reports; receive overdue ones. */
  public static final String POLICE_SUPERVISORS = "police-supervisors";
  /** Camunda's built-in administrators group: deployments, users, Cockpit. */
  public static final String ADMINISTRATORS = "camunda-admin";

  /** Role recorded in the log for steps the engine performs on its own (timers). */
  public static final String SYSTEM = "system";

  /** Order in which a user's groups are considered when a step does not name its role. */
  public static final List<String> ALL = List.of(POLICE_DESK, WARRANT_VERIFIERS, CITY_ATTORNEY,
      CITY_ATTORNEY_SUPERVISORS, AUDITORS, ADMINISTRATORS, POLICE_OFFICERS, POLICE_SUPERVISORS);

  /** Groups that file immigration-contact reports. */
  public static final List<String> CONTACT_REPORTERS = List.of(POLICE_DESK, POLICE_OFFICERS);

  /** Groups allowed to see the personal data of a request. */
  public static final List<String> PERSONAL_DATA_READERS = List.of(POLICE_DESK, WARRANT_VERIFIERS,
      CITY_ATTORNEY, CITY_ATTORNEY_SUPERVISORS);

  private Groups() {}
}
