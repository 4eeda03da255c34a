package org.sanctuarycity.workflow.transparency;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts for the public report, read from transparency_daily_count and the per-request and per-complaint
 * summaries (all kept by triggers on each append): a report over any period reads the days of that period,
 * never the log itself. Federal requests, immigration contacts and complaints are each counted from their
 * own process only.
 */
@Service
public class TransparencyReports {

  /**
   * One table of the report. {@code rows} are label and value; {@code unit} is "count" (masked below the
   * small-count threshold on output), or "hours" or "days" (a duration, never masked).
   */
  public record Section(String key, String title, String explanation, List<Row> rows, String unit) {

    Section(String key, String title, String explanation, List<Row> rows) {
      this(key, title, explanation, rows, "count");
    }

    public boolean isCount() {
      return "count".equals(unit);
    }
  }

  public record Row(String code, String label, long count) {}

  public record Report(LocalDate from, LocalDate to, List<Section> sections) {}

  /** Processes whose entries the report counts; each part counts only its own process. */
  static final String FEDERAL = "federal-request";
  static final String CONTACT = "immigration-contact";
  static final String COMPLAINT = "complaint";

  private static final Map<String, String> REVIEWS = Map.of("CONFIRM", "Confirmed", "REQUEST_CORRECTION",
      "Sent back for corrections", "FLAG_IMPERSONATION", "Possible impersonation, referred to investigations");

  private static final Map<String, String> FINDINGS = Map.of("VIOLATION_FOUND", "Violation found", "NOT_FOUND",
      "No violation found", "INCONCLUSIVE", "Inconclusive");

  private static final Map<String, String> DECISIONS = Map.of("COMPLY", "Complied", "COMPLY_LIMITED",
      "Complied in part", "DECLINE", "Declined", "REQUEST_INFO", "Asked the agency for more information");

  private final JdbcTemplate jdbc;

  public TransparencyReports(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Counts for the UTC days {@code from} to {@code to}, both included. */
  @Transactional(readOnly = true)
  public Report report(LocalDate from, LocalDate to) {
    List<Section> sections = new ArrayList<>(List.of(
        section("agency", "Requests received, by agency", "Each request counts once, on the day it was logged.",
            FEDERAL, "agency", "RECEIVED", from, to),
        section("requestType", "Requests received, by type of request",
            "Detainers, warrants, subpoenas, requests for information and others.", FEDERAL, "request_type",
            "RECEIVED", from, to),
        section("accessCategory", "Requests by kind of access (TRUTH Act)",
            "The five kinds of access named in Gov. Code 7283, or none; counted when a request was classified.",
            FEDERAL, "access_category", "CLASSIFIED", from, to),
        section("decision", "Decisions", "The city attorney's decisions made in the period.", FEDERAL, "decision",
            "DECIDED", from, to),
        total("notices", "Notices given to affected people",
            "Written notices to the person concerned (and their attorney) as the TRUTH Act requires.", FEDERAL,
            "PERSON_NOTIFIED", from, to),
        total("closed", "Requests closed", "Requests whose handling ended in the period.", FEDERAL, "CLOSED", from, to),
        outcomes(from, to),
        timeToDecision(from, to)));
    sections.addAll(contacts(from, to));
    sections.addAll(complaints(from, to));
    return new Report(from, to, sections);
  }

  /** Contacts with (people saying they are) immigration agents, counted once each when reported. */
  private List<Section> contacts(LocalDate from, LocalDate to) {
    List<Row> byMonth = jdbc.query("SELECT to_char(day, 'YYYY-MM') AS code, sum(n) AS n FROM transparency_daily_count "
            + "WHERE day BETWEEN ? AND ? AND process = ? AND event_type = 'CONTACT_REPORTED' GROUP BY 1 ORDER BY 1",
        (rs, i) -> new Row(rs.getString("code"), rs.getString("code"), rs.getLong("n")), from, to, CONTACT);
    List<Row> byAll = jdbc.query("SELECT to_char(day, 'YYYY-MM') AS month, agency, request_type, sum(n) AS n "
            + "FROM transparency_daily_count WHERE day BETWEEN ? AND ? AND process = ? "
            + "AND event_type = 'CONTACT_REPORTED' GROUP BY 1, 2, 3 ORDER BY 1, 4 DESC, 2, 3",
        (rs, i) -> {
          String month = rs.getString("month");
          String agency = rs.getString("agency");
          String kind = rs.getString("request_type");
          return new Row(month + "/" + agency + "/" + kind,
              month + " · " + label("agency", agency) + " · " + label("request_type", kind), rs.getLong("n"));
        }, from, to, CONTACT);
    return List.of(
        section("contactAgency", "Contacts with immigration agents, by agency",
            "Every contact city staff had with people saying they were federal immigration agents (requests for help "
                + "at a scene, announced operations, calls to dispatch, visits), counted once on the day it was "
                + "reported, by the agency the agents said they were from.", CONTACT, "agency", "CONTACT_REPORTED",
            from, to),
        section("contactKind", "Contacts with immigration agents, by kind of contact",
            "How the contact happened.", CONTACT, "request_type", "CONTACT_REPORTED", from, to),
        new Section("contactMonth", "Contacts with immigration agents, by month",
            "Contacts reported in each month of the period (UTC).", byMonth),
        new Section("contactAgencyKindMonth", "Contacts with immigration agents, by month, agency and kind",
            "The same contacts, one row for each month, agency and kind of contact.", byAll),
        section("contactReview", "Contact reports reviewed by a police supervisor",
            "The supervisor's outcome of each review in the period; a report sent back for corrections is reviewed "
                + "again.", CONTACT, "decision", "CONTACT_REVIEWED", from, to));
  }

  /** Complaints under the private right of action: numbers and codes only, never who complained. */
  private List<Section> complaints(LocalDate from, LocalDate to) {
    List<Row> days = jdbc.query("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY d) AS p50, "
            + "percentile_cont(0.9) WITHIN GROUP (ORDER BY d) AS p90, count(*) AS n FROM ("
            + "SELECT extract(epoch FROM finding_at - filed_at) / 86400 AS d FROM transparency_complaint_summary "
            + "WHERE filed_day BETWEEN ? AND ? AND finding_at IS NOT NULL) t",
        (rs, i) -> rs.getLong("n") == 0 ? List.<Row>of() : List.of(
            new Row("P50", "Median", Math.round(rs.getDouble("p50"))),
            new Row("P90", "90th percentile", Math.round(rs.getDouble("p90")))), from, to)
        .get(0);
    return List.of(
        total("complaintsFiled", "Complaints filed",
            "Complaints under the private right of action filed in the period, anonymous ones included.", COMPLAINT,
            "COMPLAINT_FILED", from, to),
        section("complaintFinding", "Complaint findings",
            "Findings the city attorney made in the period, by kind.", COMPLAINT, "finding", "COMPLAINT_FINDING",
            from, to),
        new Section("timeToFinding", "Days from filing to finding",
            "For complaints filed in the period that have a finding, rounded to whole days.", days, "days"));
  }

  /** What became of the requests received in the period, pending ones included. */
  private Section outcomes(LocalDate from, LocalDate to) {
    List<Row> rows = jdbc.query("SELECT coalesce(decision, 'PENDING') AS code, count(*) AS n "
            + "FROM transparency_request_summary WHERE received_day BETWEEN ? AND ? GROUP BY 1 ORDER BY 2 DESC, 1",
        (rs, i) -> {
          String code = rs.getString("code");
          return new Row(code, "PENDING".equals(code) ? "Pending (no final decision yet)" : label("decision", code),
              rs.getLong("n"));
        }, from, to);
    return new Section("outcome", "Outcome of the requests received in the period",
        "Complied, complied in part, declined, or still pending today.", rows);
  }

  /** Median and 90th percentile of the hours from receipt to the final decision, for requests received in the period. */
  private Section timeToDecision(LocalDate from, LocalDate to) {
    List<Row> rows = jdbc.query("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY h) AS p50, "
            + "percentile_cont(0.9) WITHIN GROUP (ORDER BY h) AS p90, count(*) AS n FROM ("
            + "SELECT extract(epoch FROM decided_at - received_at) / 3600 AS h FROM transparency_request_summary "
            + "WHERE received_day BETWEEN ? AND ? AND decided_at IS NOT NULL) t",
        (rs, i) -> rs.getLong("n") == 0 ? List.<Row>of() : List.of(
            new Row("P50", "Median", Math.round(rs.getDouble("p50"))),
            new Row("P90", "90th percentile", Math.round(rs.getDouble("p90")))), from, to)
        .get(0);
    return new Section("timeToDecision", "Hours from receipt to decision",
        "For requests received in the period that have a final decision, rounded to whole hours.", rows, "hours");
  }

  /**
   * Counts of one event of one process, by {@code column}; {@code labels} names the codes: "finding" and
   * "review" read the decision column with their own labels.
   */
  private Section section(String key, String title, String explanation, String process, String labels,
      String eventType, LocalDate from, LocalDate to) {
    // column is one of the fixed names above, never input.
    String column = switch (labels) {
      case "finding" -> "decision";
      default -> labels;
    };
    String kind = CONTACT.equals(process) && "decision".equals(labels) ? "review" : labels;
    List<Row> rows = jdbc.query("SELECT " + column + " AS code, sum(n) AS n FROM transparency_daily_count "
            + "WHERE day BETWEEN ? AND ? AND process = ? AND event_type = ? GROUP BY " + column
            + " ORDER BY sum(n) DESC, " + column,
        (rs, i) -> {
          String code = rs.getString("code");
          return new Row(code, label(kind, code), rs.getLong("n"));
        }, from, to, process, eventType);
    return new Section(key, title, explanation, rows);
  }

  private Section total(String key, String title, String explanation, String process, String eventType,
      LocalDate from, LocalDate to) {
    Long n = jdbc.queryForObject("SELECT coalesce(sum(n), 0) FROM transparency_daily_count "
        + "WHERE day BETWEEN ? AND ? AND process = ? AND event_type = ?", Long.class, from, to, process, eventType);
    return new Section(key, title, explanation, List.of(new Row(eventType, "Total", n == null ? 0 : n)));
  }

  static String label(String column, String code) {
    if (code == null || code.isEmpty()) {
      return "Not recorded";
    }
    if ("decision".equals(column) && DECISIONS.containsKey(code)) {
      return DECISIONS.get(code);
    }
    if ("finding".equals(column) && FINDINGS.containsKey(code)) {
      return FINDINGS.get(code);
    }
    if ("review".equals(column) && REVIEWS.containsKey(code)) {
      return REVIEWS.get(code);
    }
    if ("agency".equals(column)) {
      return code.replace('_', ' ');
    }
    String words = code.replace('_', ' ').toLowerCase();
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
