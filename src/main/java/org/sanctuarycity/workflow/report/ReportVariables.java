package org.sanctuarycity.workflow.report;

/** Process variables of bpmn/transparency-report.bpmn. Only dates, codes and the reviewer's note: no personal data. */
public final class ReportVariables {

  /** First day of the reported period (ISO date, UTC); set by the draft step unless given at start. */
  public static final String PERIOD_FROM = "periodFrom";
  /** Last day of the reported period, included. */
  public static final String PERIOD_TO = "periodTo";
  /** TR-&lt;year&gt;-Q&lt;n&gt; for a calendar quarter, the business key. */
  public static final String REFERENCE = "reportReference";
  /** Row id of the current draft in transparency_report. */
  public static final String REPORT_ID = "reportId";
  public static final String REVISION = "reportRevision";
  /** Lowercase hex SHA-256 of the frozen report JSON. */
  public static final String SHA256 = "reportSha256";
  /** True when the period already has a published report: nothing is drafted and the process ends. */
  public static final String ALREADY_PUBLISHED = "alreadyPublished";
  /** APPROVE or SEND_BACK, from the review form. */
  public static final String OUTCOME = "reviewOutcome";
  /** Why the report was sent back (required then); never personal data. */
  public static final String NOTE = "reviewNote";

  private ReportVariables() {}
}
