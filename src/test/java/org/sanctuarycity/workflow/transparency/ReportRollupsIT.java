package org.sanctuarycity.workflow.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.test.context.ActiveProfiles;

/**
 * The report reads monthly rollups and edge days (V80); this checks them against the log itself. Entries spread
 * over five months (month, quarter and year edges, both request processes, contacts and complaints, decisions
 * long after receipt, pending requests, receipt times entered before the log's, V121) are appended to a copy of transparency_entry in a schema of its own, with
 * the real triggers on it, so the shared test database is not touched. Then, for months, quarters, years and
 * chosen day ranges, every section of the report must equal the same figure computed directly from the entries,
 * and rebuilding the rollups as the migration's backfill does must give exactly what the triggers kept.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ReportRollupsIT {

  static final String SCHEMA = "rollup_check";
  static final String FR = "federal-request";

  /** One entry to append; recorded_at sets the order. */
  record E(Instant at, String process, String reference, String type, String agency, String requestType,
      String access, String decision) {}

  /** A figure as the report shows it: code and number, in the report's order. */
  record Figure(String code, long n) {}

  @Autowired DataSource dataSource;

  @Test
  void theReportFromRollupsEqualsTheReportComputedFromTheLog() throws Exception {
    try (Connection c = dataSource.getConnection()) {
      try {
        copyLog(c);
        Map<String, Instant> receipts = new HashMap<>();
        List<E> entries = entries(receipts);
        receipts(c, receipts);
        append(c, entries);
        TransparencyReports reports = new TransparencyReports(new JdbcTemplate(new SingleConnectionDataSource(c, true)));
        List<LocalDate[]> periods = new ArrayList<>();
        for (LocalDate m = LocalDate.parse("2025-11-01"); m.isBefore(LocalDate.parse("2026-05-01")); m = m.plusMonths(1)) {
          periods.add(new LocalDate[] {m, m.plusMonths(1).minusDays(1)});
        }
        for (String[] p : new String[][] {{"2025-10-01", "2025-12-31"}, {"2026-01-01", "2026-03-31"},
            {"2026-04-01", "2026-06-30"}, {"2025-01-01", "2025-12-31"}, {"2026-01-01", "2026-12-31"},
            {"2025-12-31", "2026-01-01"}, {"2026-01-15", "2026-03-03"}, {"2025-11-30", "2026-04-01"},
            {"2026-02-10", "2026-02-20"}, {"2026-03-31", "2026-03-31"}, {"2026-01-31", "2026-02-01"},
            {"2026-02-01", "2026-02-27"}, {"2026-02-02", "2026-02-28"}, {"2025-11-15", "2026-02-28"},
            {"2025-06-01", "2026-06-30"}}) {
          periods.add(new LocalDate[] {LocalDate.parse(p[0]), LocalDate.parse(p[1])});
        }
        int nonEmpty = 0;
        for (LocalDate[] p : periods) {
          TransparencyReports.Report r = reports.report(p[0], p[1]);
          String at = p[0] + ".." + p[1] + " ";
          for (TransparencyReports.Section s : r.sections()) {
            List<Figure> shown = s.rows().stream().map(row -> new Figure(row.code(), row.count())).toList();
            assertThat(shown).as(at + s.key()).isEqualTo(expected(c, s.key(), p[0], p[1]));
            if (s.isCount() && shown.stream().anyMatch(f -> f.n() > 0)) {
              nonEmpty++;
            }
          }
          checkDurations(c, r, p[0], p[1], at);
        }
        // The data really exercise the sections (a report of nothing would pass the comparison trivially).
        assertThat(nonEmpty).isGreaterThan(periods.size() * 8);

        // The migration's backfill (the function the benchmark also seeds with) gives what the triggers kept.
        try (Statement s = c.createStatement()) {
          s.execute("CREATE TEMP TABLE kept_monthly AS SELECT * FROM transparency_monthly_count");
          s.execute("CREATE TEMP TABLE kept_outcome AS SELECT * FROM transparency_outcome_count WHERE n <> 0");
          s.execute("SELECT transparency_rebuild_rollups()");
        }
        assertThat(count(c, "SELECT count(*) FROM kept_outcome WHERE grain = 'M'")).isGreaterThan(20);
        assertThat(count(c, "SELECT count(*) FROM ((TABLE kept_monthly EXCEPT ALL TABLE transparency_monthly_count) "
            + "UNION ALL (TABLE transparency_monthly_count EXCEPT ALL TABLE kept_monthly)) d")).isZero();
        assertThat(count(c, "SELECT count(*) FROM ((TABLE kept_outcome EXCEPT ALL TABLE transparency_outcome_count) "
            + "UNION ALL (TABLE transparency_outcome_count EXCEPT ALL TABLE kept_outcome)) d")).isZero();
      } finally {
        try (Statement s = c.createStatement()) {
          s.execute("RESET search_path");
          s.execute("DROP TABLE IF EXISTS kept_monthly, kept_outcome");
          s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
      }
    }
  }

  /** Empty copies of the log and the report's tables, with the log's real triggers, first on the search path. */
  static void copyLog(Connection c) throws SQLException {
    List<String> triggers = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_get_triggerdef(oid) FROM "
        + "pg_trigger WHERE tgrelid = 'public.transparency_entry'::regclass AND NOT tgisinternal")) {
      while (rs.next()) {
        triggers.add(rs.getString(1).replaceFirst(" ON (public\\.)?transparency_entry ",
            " ON " + SCHEMA + ".transparency_entry "));
      }
    }
    assertThat(triggers).hasSizeGreaterThanOrEqualTo(5);
    try (Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
      s.execute("CREATE SCHEMA " + SCHEMA);
      for (String t : List.of("transparency_entry", "transparency_daily_count", "transparency_monthly_count",
          "transparency_request_summary", "transparency_complaint_summary", "transparency_outcome_count")) {
        s.execute("CREATE TABLE " + SCHEMA + "." + t + " (LIKE public." + t + " INCLUDING ALL)");
      }
      for (String t : triggers) {
        s.execute(t);
      }
      // The receipt times the desk entered (V121), which the RECEIVED trigger reads: only the two columns it reads.
      s.execute("CREATE TABLE " + SCHEMA + ".federal_request (reference VARCHAR(20) PRIMARY KEY, "
          + "received_at TIMESTAMPTZ NOT NULL)");
      s.execute("SET search_path TO " + SCHEMA + ", public");
    }
  }

  /** The requests' receipt times as entered, written before their entries, as intake writes the request first. */
  static void receipts(Connection c, Map<String, Instant> receipts) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO federal_request (reference, received_at) VALUES (?, ?)")) {
      for (Map.Entry<String, Instant> r : receipts.entrySet()) {
        ps.setString(1, r.getKey());
        ps.setTimestamp(2, Timestamp.from(r.getValue()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * About 3,500 entries from 2025-11-25 to 2026-04-06: federal requests (some asked for more information first,
   * some decided twice, some received twice, some still pending, some decided more than 30 days later), contact
   * reports and their reviews, complaints and findings up to 60 days after filing. Most requests were received
   * (as the desk entered it, into {@code receipts}) up to 3 hours before they were logged, one in 23 across a
   * day's edge, some with a receipt time after the log's (a desk clock off), which counts as the log's.
   */
  static List<E> entries(Map<String, Instant> receipts) {
    Random random = new Random(7283);
    Instant start = Instant.parse("2025-11-25T00:00:00Z");
    long span = Duration.between(start, Instant.parse("2026-04-06T00:00:00Z")).toSeconds();
    String[] agencies = {"ICE_ERO", "ICE_HSI", "CBP", "USMS", "FBI"};
    String[] types = {"DETAINER", "ADMINISTRATIVE_WARRANT", "JUDICIAL_WARRANT", "RECORDS_REQUEST"};
    String[] access = {"HOLD_NOTIFICATION_TRANSFER", "INTERVIEW", "NONE", null};
    String[] decisions = {"COMPLY", "COMPLY_LIMITED", "DECLINE"};
    List<E> out = new ArrayList<>();
    for (int i = 0; i < 450; i++) {
      String ref = "FR-2026-" + (10000 + i);
      Instant t = start.plusSeconds(random.nextLong(span));
      String agency = agencies[random.nextInt(agencies.length)];
      String type = types[random.nextInt(types.length)];
      out.add(new E(t, FR, ref, "RECEIVED", agency, type, null, null));
      if (i % 10 != 0) {
        receipts.put(ref, i % 29 == 0 ? t.plusSeconds(120) : t.minusSeconds(i % 23 == 0 ? 86_400 : random.nextInt(3 * 3600)));
      }
      out.add(new E(t.plusSeconds(300), FR, ref, "CLASSIFIED", agency, type, access[i % access.length], null));
      if (i % 17 == 0) {
        out.add(new E(t.plusSeconds(900), FR, ref, "RECEIVED", agency, type, null, null));
      }
      if (i % 7 == 0) {
        continue;
      }
      Instant decided = t.plusSeconds(i % 11 == 0 ? 86_400L * (31 + random.nextInt(20)) + random.nextInt(86_400)
          : 600 + random.nextInt(i % 3 == 0 ? 200 * 3600 : 50 * 3600));
      if (i % 5 == 0) {
        out.add(new E(t.plus(Duration.between(t, decided).dividedBy(2)), FR, ref, "DECIDED", agency, type, null,
            "REQUEST_INFO"));
      }
      String decision = decisions[random.nextInt(decisions.length)];
      out.add(new E(decided, FR, ref, "DECIDED", agency, type, null, decision));
      if (i % 13 == 0) {
        out.add(new E(decided.plusSeconds(3600), FR, ref, "DECIDED", agency, type, null,
            decisions[(i / 13) % decisions.length]));
      }
      if (i % 19 == 0) {
        // The attorney corrects the decision before the response goes out (some to the same decision).
        out.add(new E(decided.plusSeconds(1800), FR, ref, "DECISION_AMENDED", agency, type, null,
            decisions[(i / 19) % decisions.length]));
      }
      if (i % 2 == 0) {
        out.add(new E(decided.plusSeconds(7200), FR, ref, "PERSON_NOTIFIED", agency, type, null, null));
      }
      out.add(new E(decided.plusSeconds(10_800), FR, ref, "CLOSED", agency, type, null, null));
    }
    String[] kinds = {"DISPATCH_CALL", "FACILITY_VISIT", "SCENE_ASSIST"};
    String[] reviews = {"CONFIRM", "CONFIRM", "REQUEST_CORRECTION", "FLAG_IMPERSONATION"};
    String[] identified = {"AGENCY_AND_NAME_OR_BADGE", "AGENCY_ONLY", "NOT_IDENTIFIED", "UNKNOWN"};
    String[] covered = {"NONE_COVERED", "SOME_COVERED", "ALL_COVERED", "UNKNOWN"};
    for (int i = 0; i < 150; i++) {
      String ref = "IC-2026-" + (10000 + i);
      Instant t = start.plusSeconds(random.nextLong(span));
      String agency = agencies[random.nextInt(agencies.length)];
      String kind = kinds[random.nextInt(kinds.length)];
      // The agents' identification and face coverings (SB 805, SB 627) in the access-category column; some entries
      // from before those codes carry none.
      String agents = i % 7 == 0 ? null
          : identified[random.nextInt(identified.length)] + "/" + covered[random.nextInt(covered.length)];
      out.add(new E(t, "immigration-contact", ref, "CONTACT_REPORTED", agency, kind, agents,
          i % 9 == 0 ? "LATE_REPORT" : null));
      out.add(new E(t.plusSeconds(random.nextInt(5 * 86_400)), "immigration-contact", ref, "CONTACT_REVIEWED", agency,
          kind, null, reviews[random.nextInt(reviews.length)]));
    }
    String[] findings = {"VIOLATION_FOUND", "NOT_FOUND", "INCONCLUSIVE"};
    for (int i = 0; i < 120; i++) {
      String ref = "CP-2026-" + (10000 + i);
      Instant t = start.plusSeconds(random.nextLong(span));
      out.add(new E(t, "complaint", ref, "COMPLAINT_FILED", null, null, null, null));
      if (i % 6 != 0) {
        out.add(new E(t.plusSeconds(1800 + random.nextInt(60 * 86_400)), "complaint", ref, "COMPLAINT_FINDING", null,
            null, null, findings[random.nextInt(findings.length)]));
      }
    }
    out.sort(Comparator.comparing(E::at));
    return out;
  }

  /** Appends in time order, one row per statement, so the triggers see them as the log would write them. */
  static void append(Connection c, List<E> entries) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO transparency_entry (seq, recorded_at, process, "
        + "reference, event_type, agency, request_type, access_category, decision, actor_role, private_digest, "
        + "private_salt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'test', repeat('0', 64), '\\x00'::bytea)")) {
      long seq = 0;
      for (E e : entries) {
        ps.setLong(1, ++seq);
        ps.setTimestamp(2, Timestamp.from(e.at()));
        ps.setString(3, e.process());
        ps.setString(4, e.reference());
        ps.setString(5, e.type());
        ps.setString(6, e.agency());
        ps.setString(7, e.requestType());
        ps.setString(8, e.access());
        ps.setString(9, e.decision());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  static final String IN_PERIOD = "(recorded_at AT TIME ZONE 'UTC')::date BETWEEN ? AND ?";

  /**
   * Each request's first RECEIVED entry (its time to decision from the receipt time entered, if earlier), and the
   * first final decision logged after it, with the decision of its
   * latest DECISION_AMENDED entry in place of that decision's when it was amended; complaints likewise with
   * their first finding. Straight from the entries, as the summaries define them.
   */
  static final String REQUESTS = """
      WITH r AS (SELECT reference, min(seq) AS seq, min(recorded_at) AS at FROM transparency_entry
                  WHERE process = 'federal-request' AND event_type = 'RECEIVED' GROUP BY reference),
           d AS (SELECT DISTINCT ON (e.reference) e.reference, e.recorded_at AS at, e.decision FROM transparency_entry e
                   JOIN r ON r.reference = e.reference AND e.seq > r.seq
                  WHERE e.process = 'federal-request' AND e.event_type = 'DECIDED' AND e.decision IS NOT NULL
                    AND e.decision <> 'REQUEST_INFO' ORDER BY e.reference, e.seq),
           a AS (SELECT DISTINCT ON (e.reference) e.reference, e.decision FROM transparency_entry e
                   JOIN r ON r.reference = e.reference AND e.seq > r.seq
                  WHERE e.process = 'federal-request' AND e.event_type = 'DECISION_AMENDED'
                    AND e.decision <> 'REQUEST_INFO' ORDER BY e.reference, e.seq DESC)
      SELECT least(coalesce(f.received_at, r.at), r.at) AS received_at, d.at AS decided_at,
             CASE WHEN d.at IS NOT NULL THEN coalesce(a.decision, d.decision) END AS decision
        FROM r LEFT JOIN d USING (reference) LEFT JOIN a USING (reference) LEFT JOIN federal_request f USING (reference)
       WHERE (r.at AT TIME ZONE 'UTC')::date BETWEEN ? AND ?""";

  static final String COMPLAINTS = """
      WITH f AS (SELECT reference, min(seq) AS seq, min(recorded_at) AS at FROM transparency_entry
                  WHERE process = 'complaint' AND event_type = 'COMPLAINT_FILED' GROUP BY reference),
           d AS (SELECT DISTINCT ON (e.reference) e.reference, e.recorded_at AS at FROM transparency_entry e
                   JOIN f ON f.reference = e.reference AND e.seq > f.seq
                  WHERE e.process = 'complaint' AND e.event_type = 'COMPLAINT_FINDING' AND e.decision IS NOT NULL
                  ORDER BY e.reference, e.seq)
      SELECT f.at AS received_at, d.at AS decided_at FROM f LEFT JOIN d USING (reference)
       WHERE (f.at AT TIME ZONE 'UTC')::date BETWEEN ? AND ?""";

  /** The documented resolution (V80, README): nearest hour up to 30 days, nearest whole day beyond. */
  static final String ROUNDED_HOURS = "CASE WHEN extract(epoch FROM decided_at - received_at) < 720 * 3600 "
      + "THEN round(extract(epoch FROM decided_at - received_at) / 3600) "
      + "ELSE round(extract(epoch FROM decided_at - received_at) / 86400) * 24 END";

  /** The figures of one section, computed from the entries of the period. */
  static List<Figure> expected(Connection c, String section, LocalDate from, LocalDate to) throws SQLException {
    return switch (section) {
      case "agency" -> byCode(c, "agency", FR, "RECEIVED", from, to);
      case "requestType" -> byCode(c, "request_type", FR, "RECEIVED", from, to);
      case "accessCategory" -> byCode(c, "access_category", FR, "CLASSIFIED", from, to);
      case "decision" -> byCode(c, "decision", FR, "DECIDED", from, to);
      case "amended" -> total(c, FR, "DECISION_AMENDED", from, to);
      case "notices" -> total(c, FR, "PERSON_NOTIFIED", from, to);
      case "closed" -> total(c, FR, "CLOSED", from, to);
      case "contactAgency" -> byCode(c, "agency", "immigration-contact", "CONTACT_REPORTED", from, to);
      case "contactKind" -> byCode(c, "request_type", "immigration-contact", "CONTACT_REPORTED", from, to);
      case "contactReview" -> byCode(c, "decision", "immigration-contact", "CONTACT_REVIEWED", from, to);
      case "contactAgentsIdentified" -> byCode(c, "split_part(access_category, '/', 1)", "immigration-contact",
          "CONTACT_REPORTED", from, to);
      case "contactFacesCovered" -> byCode(c, "split_part(access_category, '/', 2)", "immigration-contact",
          "CONTACT_REPORTED", from, to);
      case "complaintsFiled" -> total(c, "complaint", "COMPLAINT_FILED", from, to);
      case "complaintFinding" -> byCode(c, "decision", "complaint", "COMPLAINT_FINDING", from, to);
      case "contactMonth" -> figures(c, "SELECT to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM'), count(*) FROM "
          + "transparency_entry WHERE " + IN_PERIOD + " AND process = 'immigration-contact' AND event_type = "
          + "'CONTACT_REPORTED' GROUP BY 1 ORDER BY 1", from, to);
      case "contactAgencyKindMonth" -> figures(c, "SELECT to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM') || '/' "
          + "|| agency || '/' || request_type, count(*) FROM transparency_entry WHERE " + IN_PERIOD + " AND process = "
          + "'immigration-contact' AND event_type = 'CONTACT_REPORTED' GROUP BY to_char(recorded_at AT TIME ZONE "
          + "'UTC', 'YYYY-MM'), agency, request_type ORDER BY to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM'), "
          + "2 DESC, agency, request_type", from, to);
      case "outcome" -> figures(c, "SELECT coalesce(decision, 'PENDING'), count(*) FROM (" + REQUESTS + ") q "
          + "GROUP BY 1 ORDER BY 2 DESC, 1", from, to);
      case "timeToDecision" -> percentiles(c, REQUESTS, 1, from, to);
      case "timeToFinding" -> percentiles(c, COMPLAINTS, 24, from, to);
      default -> throw new AssertionError("a section this test does not know: " + section);
    };
  }

  static List<Figure> byCode(Connection c, String column, String process, String type, LocalDate from, LocalDate to)
      throws SQLException {
    return figures(c, "SELECT coalesce(" + column + ", ''), count(*) FROM transparency_entry WHERE " + IN_PERIOD
        + " AND process = '" + process + "' AND event_type = '" + type + "' GROUP BY 1 ORDER BY 2 DESC, 1", from, to);
  }

  static List<Figure> total(Connection c, String process, String type, LocalDate from, LocalDate to)
      throws SQLException {
    return List.of(new Figure(type, figures(c, "SELECT '', count(*) FROM transparency_entry WHERE " + IN_PERIOD
        + " AND process = '" + process + "' AND event_type = '" + type + "'", from, to).get(0).n()));
  }

  /** Median and 90th percentile over each request's duration rounded to the documented resolution. */
  static List<Figure> percentiles(Connection c, String durations, int hoursPerUnit, LocalDate from, LocalDate to)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY h), "
        + "percentile_cont(0.9) WITHIN GROUP (ORDER BY h) FROM (SELECT " + ROUNDED_HOURS + " AS h FROM (" + durations
        + ") q WHERE decided_at IS NOT NULL) t")) {
      ps.setObject(1, from);
      ps.setObject(2, to);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getLong(1) == 0) {
          return List.of();
        }
        return List.of(new Figure("P50", Math.round(rs.getDouble(2) / hoursPerUnit)),
            new Figure("P90", Math.round(rs.getDouble(3) / hoursPerUnit)));
      }
    }
  }

  /** The resolution moves the published figures little from percentiles of the exact durations. */
  static void checkDurations(Connection c, TransparencyReports.Report r, LocalDate from, LocalDate to, String at)
      throws SQLException {
    for (String[] s : new String[][] {{"timeToDecision", REQUESTS, "3600"}, {"timeToFinding", COMPLAINTS, "86400"}}) {
      TransparencyReports.Section section = r.sections().stream().filter(x -> x.key().equals(s[0])).findFirst()
          .orElseThrow();
      try (PreparedStatement ps = c.prepareStatement("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY h), "
          + "percentile_cont(0.9) WITHIN GROUP (ORDER BY h), max(h) * " + s[2] + " / 3600 FROM (SELECT "
          + "extract(epoch FROM decided_at - received_at) "
          + "/ " + s[2] + " AS h FROM (" + s[1] + ") q WHERE decided_at IS NOT NULL) t")) {
        ps.setObject(1, from);
        ps.setObject(2, to);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (section.rows().isEmpty()) {
            continue;
          }
          for (int i = 0; i < 2; i++) {
            double exact = rs.getDouble(i + 1);
            // Each duration moves by at most half an hour, or half a day once any exceeds 30 days, and so does
            // a percentile of them: one unit after rounding, or 13 hours.
            long slack = "3600".equals(s[2]) && rs.getDouble(3) >= 720 ? 13 : 1;
            assertThat(section.rows().get(i).count()).as(at + s[0] + " " + section.rows().get(i).code())
                .isBetween(Math.round(exact) - slack, Math.round(exact) + slack);
          }
        }
      }
    }
  }

  static List<Figure> figures(Connection c, String sql, LocalDate from, LocalDate to) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, from);
      ps.setObject(2, to);
      List<Figure> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Figure(rs.getString(1), rs.getLong(2)));
        }
      }
      return out;
    }
  }

  static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
