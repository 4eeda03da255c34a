package org.sanctuarycity.workflow.policy;

/** The kind of place a facility-access request concerns; schools (AB 49) and health facilities (SB 81) differ. */
public enum FacilityKind {
  SCHOOL,
  HEALTH_FACILITY,
  JAIL_OR_HOLDING,
  CITY_OFFICE,
  OTHER_CITY_FACILITY
}
