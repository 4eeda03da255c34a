package org.sanctuarycity.workflow.policy;

/** The city attorney's decision on a request. */
public enum Decision {
  COMPLY,
  COMPLY_LIMITED,
  DECLINE,
  REQUEST_INFO
}
