package org.sanctuarycity.workflow.policy;

/** Outcome of warrant verification. */
public enum WarrantFinding {
  JUDICIAL_VALID,
  JUDICIAL_INVALID,
  ADMINISTRATIVE,
  NONE
}
