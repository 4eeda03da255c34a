package org.sanctuarycity.workflow.transparency;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts for the public report, read from transparency_daily_count (kept by a trigger on each append):
 * a report over any period reads the days of that period, never the log itself.
 */
@Service
public class TransparencyReports {

  /**
   * One table of the report. {@code rows} are label and value; {@code unit} is "count" (masked below the
   * small-count threshold on output) or "hours" (a duration, never masked).
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

  private static final Map<String, String> DECISIONS = Map.of("COMPLY", "Complied", "COMPLY_LIMITED",
      "Complied in part", "DECLINE", "Declined", "REQUEST_INFO", "Asked the agency for more information");

  private final JdbcTemplate jdbc;

  public TransparencyReports(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Counts for the UTC days {@code from} to {@code to}, both included. */
  @Transactional(readOnly = true)
  public Report report(LocalDate from, LocalDate to) {
    return new Report(from, to, List.of(
        section("agency", "Requests received, by agency", "Each request counts once, on the day it was logged.",
            "agency", "RECEIVED", from, to),
        section("requestType", "Requests received, by type of request",
            "Detainers, warrants, subpoenas, requests for information and others.", "request_type", "RECEIVED", from, to),
        section("accessCategory", "Requests by kind of access (TRUTH Act)",
            "The five kinds of access named in Gov. Code 7283, or none; counted when a request was classified.",
            "access_category", "CLASSIFIED", from, to),
        section("decision", "Decisions", "The city attorney's decisions made in the period.", "decision", "DECIDED",
            from, to),
        total("notices", "Notices given to affected people",
            "Written notices to the person concerned (and their attorney) as the TRUTH Act requires.",
            "PERSON_NOTIFIED", from, to),
        total("closed", "Requests closed", "Requests whose handling ended in the period.", "CLOSED", from, to),
        outcomes(from, to),
        timeToDecision(from, to)));
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

  private Section section(String key, String title, String explanation, String column, String eventType,
      LocalDate from, LocalDate to) {
    // column is one of the fixed names above, never input.
    List<Row> rows = jdbc.query("SELECT " + column + " AS code, sum(n) AS n FROM transparency_daily_count "
            + "WHERE day BETWEEN ? AND ? AND event_type = ? GROUP BY " + column + " ORDER BY sum(n) DESC, " + column,
        (rs, i) -> {
          String code = rs.getString("code");
          return new Row(code, label(column, code), rs.getLong("n"));
        }, from, to, eventType);
    return new Section(key, title, explanation, rows);
  }

  private Section total(String key, String title, String explanation, String eventType, LocalDate from, LocalDate to) {
    Long n = jdbc.queryForObject("SELECT coalesce(sum(n), 0) FROM transparency_daily_count "
        + "WHERE day BETWEEN ? AND ? AND event_type = ?", Long.class, from, to, eventType);
    return new Section(key, title, explanation, List.of(new Row(eventType, "Total", n == null ? 0 : n)));
  }

  static String label(String column, String code) {
    if (code == null || code.isEmpty()) {
      return "Not recorded";
    }
    if ("decision".equals(column) && DECISIONS.containsKey(code)) {
      return DECISIONS.get(code);
    }
    if ("agency".equals(column)) {
      return code.replace('_', ' ');
    }
    String words = code.replace('_', ' ').toLowerCase();
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
