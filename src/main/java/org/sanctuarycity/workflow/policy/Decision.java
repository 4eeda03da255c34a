package org.sanctuarycity.workflow.policy;

/**
 * The city attorney's decision on a request. COMPLY_LIMITED is reported as "partially released";
 * NO_RESPONSIVE_RECORDS is the truthful answer when the city holds nothing that was asked for (it does not
 * collect immigration status), which is not a refusal of what 8 U.S.C. 1373 protects.
 */
public enum Decision {
  COMPLY,
  COMPLY_LIMITED,
  DECLINE,
  NO_RESPONSIVE_RECORDS,
  REQUEST_INFO
}
