package org.sanctuarycity.workflow.retention;

/** Kinds of record that retention purges and legal holds protect. */
public enum RecordType {
  FEDERAL_REQUEST,
  CONTACT_REPORT,
  COMPLAINT
}
