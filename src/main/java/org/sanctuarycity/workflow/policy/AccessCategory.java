package org.sanctuarycity.workflow.policy;

/** The five kinds of 'ICE access' of the TRUTH Act (Gov. Code 7283), used as the logging taxonomy, or NONE. */
public enum AccessCategory {
  HOLD_NOTIFICATION_TRANSFER,
  ADVANCE_RELEASE_NOTICE,
  NONPUBLIC_RELEASE_OR_ADDRESS,
  INTERVIEW,
  PROBATION_PAROLE_CHECKIN,
  NONE
}
