package org.sanctuarycity.workflow.transparency;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts for the public report, read from rollups that triggers keep on each append (migration V80): whole
 * months from transparency_monthly_count and transparency_outcome_count, and only the days before the first
 * and after the last whole month of a chosen period from their daily rows. So a report reads rows in
 * proportion to its months (and edge days) and code combinations, never one per request and never the log
 * itself, in two statements. Federal requests, immigration contacts and complaints are each counted from
 * their own process only.
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
      "Partially released", "DECLINE", "Declined", "NO_RESPONSIVE_RECORDS", "No responsive records", "REQUEST_INFO",
      "Asked the agency for more information");

  private static final Map<String, String> AGENTS = Map.of("AGENCY_AND_NAME_OR_BADGE",
      "Agency and name or badge number shown", "AGENCY_ONLY", "Agency only", "NOT_IDENTIFIED",
      "Did not identify themselves", "NONE_COVERED", "No faces covered", "SOME_COVERED", "Some faces covered",
      "ALL_COVERED", "All faces covered", "UNKNOWN", "Unknown");

  private final JdbcTemplate jdbc;

  public TransparencyReports(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The days of a report, split so that whole UTC months are read from the monthly rollups and only the days
   * before the first and after the last whole month from the daily tables. An empty range has its start after
   * its end (BETWEEN then matches nothing). Calendar months, quarters and years have no edge days.
   */
  record Span(LocalDate monthsFrom, LocalDate monthsTo, LocalDate headFrom, LocalDate headTo, LocalDate tailFrom,
      LocalDate tailTo) {

    static Span of(LocalDate from, LocalDate to) {
      LocalDate firstWhole = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
      // The first day after the last whole month: the day after to, if that starts a month.
      LocalDate afterWhole = to.plusDays(1).withDayOfMonth(1);
      if (firstWhole.isBefore(afterWhole)) {
        return new Span(firstWhole, afterWhole.minusMonths(1), from, firstWhole.minusDays(1), afterWhole, to);
      }
      return new Span(firstWhole, firstWhole.minusMonths(1), from, to, to.plusDays(1), to);
    }

    Object[] monthsThenDays() {
      return new Object[] {monthsFrom, monthsTo, headFrom, headTo, tailFrom, tailTo};
    }
  }

  /** One group of counted events: the codes not in the grouping are null. */
  private record Counted(String month, String agency, String requestType, String accessCategory, String decision,
      long n) {}

  /**
   * The event counts of the period, from one statement: months from transparency_monthly_count, edge days from
   * transparency_daily_count, then every grouping the sections need (by each code, the total, and for contacts
   * by month), each in the order its section shows. Keyed by grouping, process and event type.
   */
  private static final String COUNTS = """
      WITH c AS (
          SELECT CASE WHEN process = 'immigration-contact' THEN month END AS month, process, event_type, agency,
                 request_type, access_category, decision, n
            FROM transparency_monthly_count
           WHERE month BETWEEN ? AND ? AND (process, event_type) IN (%1$s)
          UNION ALL
          SELECT CASE WHEN process = 'immigration-contact' THEN date_trunc('month', day)::date END, process,
                 event_type, agency, request_type, access_category, decision, n
            FROM transparency_daily_count
           WHERE (day BETWEEN ? AND ? OR day BETWEEN ? AND ?) AND (process, event_type) IN (%1$s))
      -- GROUPING has one bit per argument, the first the highest, set where that column is not grouped:
      -- 23 = 10111 is the grouping by agency alone, 3 = 00011 by month, agency and kind, 31 none (the total).
      SELECT CASE GROUPING(month, agency, request_type, access_category, decision)
                  WHEN 23 THEN 'agency' WHEN 27 THEN 'request_type' WHEN 29 THEN 'access_category'
                  WHEN 30 THEN 'decision' WHEN 31 THEN 'total' WHEN 15 THEN 'month' WHEN 3 THEN 'month_agency_kind'
             END AS grouping, process, event_type, to_char(month, 'YYYY-MM') AS month, agency, request_type,
             access_category, decision, sum(n) AS n
        FROM c
       GROUP BY GROUPING SETS ((process, event_type, agency), (process, event_type, request_type),
                (process, event_type, access_category), (process, event_type, decision), (process, event_type),
                (process, event_type, month), (process, event_type, month, agency, request_type))
       ORDER BY 1, 2, 3, c.month, 9 DESC, 5, 6, 7, 8""";

  /** The (process, event type) pairs the report counts. */
  private static final List<String[]> COUNTED = List.of(new String[] {FEDERAL, "RECEIVED"},
      new String[] {FEDERAL, "CLASSIFIED"}, new String[] {FEDERAL, "DECIDED"},
      new String[] {FEDERAL, "DECISION_AMENDED"}, new String[] {FEDERAL, "PERSON_NOTIFIED"}, new String[] {FEDERAL, "CLOSED"},
      new String[] {CONTACT, "CONTACT_REPORTED"}, new String[] {CONTACT, "CONTACT_REVIEWED"},
      new String[] {COMPLAINT, "COMPLAINT_FILED"}, new String[] {COMPLAINT, "COMPLAINT_FINDING"});

  /**
   * Requests by received day and complaints by filed day, from transparency_outcome_count (months and edge
   * days as above): by outcome ({@code by_outcome} 1, pending as PENDING, in the order the outcome table shows)
   * and by rounded duration ({@code by_outcome} 0, hours ascending; -1 is pending).
   */
  private static final String OUTCOMES = """
      SELECT GROUPING(hours) AS by_outcome, process, code, hours, sum(n) AS n
        FROM (SELECT process, CASE WHEN outcome = '' THEN 'PENDING' ELSE outcome END AS code, hours, n
                FROM transparency_outcome_count
               WHERE (grain = 'M' AND period_start BETWEEN ? AND ?)
                  OR (grain = 'D' AND (period_start BETWEEN ? AND ? OR period_start BETWEEN ? AND ?))) o
       GROUP BY GROUPING SETS ((process, code), (process, hours))
      HAVING sum(n) <> 0
       ORDER BY 1, 2, 4, 5 DESC, 3""";

  /**
   * The UTC years in which anything was logged, oldest first: the years a report can have numbers for. Read from
   * the monthly rollup (a row per month and code combination), not the log.
   */
  @Transactional(readOnly = true)
  public List<Integer> yearsWithEntries() {
    return jdbc.queryForList("SELECT DISTINCT CAST(extract(year FROM month) AS INTEGER) FROM transparency_monthly_count "
        + "WHERE n > 0 ORDER BY 1", Integer.class);
  }

  /** Counts for the UTC days {@code from} to {@code to}, both included. */
  @Transactional(readOnly = true)
  public Report report(LocalDate from, LocalDate to) {
    Span span = Span.of(from, to);
    Map<String, List<Counted>> counts = counts(span);
    Map<String, List<Row>> outcomes = new HashMap<>();
    Map<String, List<long[]>> durations = new HashMap<>();
    jdbc.query(OUTCOMES, rs -> {
      String process = rs.getString("process");
      if (rs.getInt("by_outcome") == 1) {
        String code = rs.getString("code");
        outcomes.computeIfAbsent(process, k -> new ArrayList<>()).add(new Row(code,
            "PENDING".equals(code) ? "Pending (no final decision yet)" : label("decision", code), rs.getLong("n")));
      } else if (rs.getInt("hours") >= 0) {
        durations.computeIfAbsent(process, k -> new ArrayList<>())
            .add(new long[] {rs.getInt("hours"), rs.getLong("n")});
      }
    }, span.monthsThenDays());

    List<Section> sections = new ArrayList<>(List.of(
        section(counts, "agency", "Requests received, by agency", "Each request counts once, on the day it was logged.",
            FEDERAL, "agency", "RECEIVED"),
        section(counts, "requestType", "Requests received, by type of request",
            "Detainers, warrants, subpoenas, requests for information and others.", FEDERAL, "request_type",
            "RECEIVED"),
        section(counts, "accessCategory", "Requests by kind of access (TRUTH Act)",
            "The five kinds of access named in Gov. Code 7283, or none; counted when a request was classified.",
            FEDERAL, "access_category", "CLASSIFIED"),
        section(counts, "decision", "Decisions", "The city attorney's decisions made in the period.", FEDERAL,
            "decision", "DECIDED"),
        total(counts, "amended", "Decisions amended before the response was sent",
            "Corrections the city attorney made to a decision before its response went out; the earlier decision "
                + "stays in the log, and the outcome below counts the corrected one.", FEDERAL, "DECISION_AMENDED"),
        total(counts, "notices", "Notices given to affected people",
            "Written notices to the person concerned (and their attorney) as the TRUTH Act requires.", FEDERAL,
            "PERSON_NOTIFIED"),
        total(counts, "closed", "Requests closed", "Requests whose handling ended in the period.", FEDERAL, "CLOSED"),
        new Section("outcome", "Outcome of the requests received in the period",
            "Complied, complied in part, declined, or still pending today.", outcomes.getOrDefault(FEDERAL, List.of())),
        new Section("timeToDecision", "Hours from receipt to decision",
            "For requests received in the period that have a final decision: from the time the request was "
                + "received, as the desk entered it, to its first final decision. Each request's time is rounded to the "
                + "nearest hour (past 30 days to the nearest day), and the median and 90th percentile of those "
                + "are rounded to whole hours.",
            percentiles(durations.get(FEDERAL), 1), "hours")));
    sections.addAll(contacts(counts));
    sections.addAll(complaints(counts, durations.get(COMPLAINT)));
    return new Report(from, to, sections);
  }

  private Map<String, List<Counted>> counts(Span span) {
    String pairs = String.join(", ", COUNTED.stream().map(p -> "('" + p[0] + "', '" + p[1] + "')").toList());
    Map<String, List<Counted>> counts = new HashMap<>();
    jdbc.query(COUNTS.formatted(pairs), rs -> {
      counts.computeIfAbsent(key(rs.getString("grouping"), rs.getString("process"), rs.getString("event_type")),
          k -> new ArrayList<>()).add(new Counted(rs.getString("month"), rs.getString("agency"),
          rs.getString("request_type"), rs.getString("access_category"), rs.getString("decision"), rs.getLong("n")));
    }, span.monthsThenDays());
    return counts;
  }

  private static String key(String grouping, String process, String eventType) {
    return grouping + "/" + process + "/" + eventType;
  }

  /**
   * Median and 90th percentile from rounded durations in hours ({@code value, count}, ascending), interpolated
   * between neighbours as PostgreSQL's percentile_cont does over the same values, in units of {@code hoursPerUnit}
   * hours, rounded to whole units. No rows when nothing was decided.
   */
  static List<Row> percentiles(List<long[]> hours, int hoursPerUnit) {
    long total = hours == null ? 0 : hours.stream().mapToLong(h -> h[1]).sum();
    if (total == 0) {
      return List.of();
    }
    return List.of(new Row("P50", "Median", Math.round(percentile(hours, total, 0.5) / hoursPerUnit)),
        new Row("P90", "90th percentile", Math.round(percentile(hours, total, 0.9) / hoursPerUnit)));
  }

  private static double percentile(List<long[]> hours, long total, double p) {
    double position = p * (total - 1);
    long below = (long) Math.floor(position);
    double low = valueAt(hours, below);
    double high = valueAt(hours, (long) Math.ceil(position));
    return low + (position - below) * (high - low);
  }

  /** The value of the {@code index}-th (0-based) duration in ascending order. */
  private static double valueAt(List<long[]> hours, long index) {
    long seen = 0;
    for (long[] h : hours) {
      seen += h[1];
      if (index < seen) {
        return h[0];
      }
    }
    throw new IllegalArgumentException("index " + index + " beyond " + seen + " durations");
  }

  /** Contacts with (people saying they are) immigration agents, counted once each when reported. */
  private List<Section> contacts(Map<String, List<Counted>> counts) {
    List<Row> byMonth = counts.getOrDefault(key("month", CONTACT, "CONTACT_REPORTED"), List.of()).stream()
        .map(c -> new Row(c.month(), c.month(), c.n())).toList();
    List<Row> byAll = counts.getOrDefault(key("month_agency_kind", CONTACT, "CONTACT_REPORTED"), List.of()).stream()
        .map(c -> new Row(c.month() + "/" + c.agency() + "/" + c.requestType(),
            c.month() + " · " + label("agency", c.agency()) + " · " + label("request_type", c.requestType()), c.n()))
        .toList();
    return List.of(
        section(counts, "contactAgency", "Contacts with immigration agents, by agency",
            "Every contact city staff had with people saying they were federal immigration agents (requests for help "
                + "at a scene, announced operations, calls to dispatch, visits), counted once on the day it was "
                + "reported, by the agency the agents said they were from.", CONTACT, "agency", "CONTACT_REPORTED"),
        section(counts, "contactKind", "Contacts with immigration agents, by kind of contact",
            "How the contact happened.", CONTACT, "request_type", "CONTACT_REPORTED"),
        new Section("contactMonth", "Contacts with immigration agents, by month",
            "Contacts reported in each month of the period (UTC).", byMonth),
        new Section("contactAgencyKindMonth", "Contacts with immigration agents, by month, agency and kind",
            "The same contacts, one row for each month, agency and kind of contact.", byAll),
        split(counts, 0, "contactAgentsIdentified", "Contacts with immigration agents, by whether the agents identified "
                + "themselves",
            "Whether the agents showed their agency and their name or badge number (SB 805, the No Vigilantes Act), "
                + "as the report filed on the contact says: agency and name or badge, agency only, not identified, or "
                + "unknown. \"Not recorded\": reports filed before the question was asked."),
        split(counts, 1, "contactFacesCovered", "Contacts with immigration agents, by whether the agents' faces were "
                + "covered",
            "Whether the agents covered their faces (SB 627, the No Secret Police Act), as the report filed on the "
                + "contact says: none, some or all of them, or unknown. \"Not recorded\": reports filed before the "
                + "question was asked."),
        section(counts, "contactReview", "Contact reports reviewed by a police supervisor",
            "The supervisor's outcome of each review in the period; a report sent back for corrections is reviewed "
                + "again.", CONTACT, "decision", "CONTACT_REVIEWED"));
  }

  /**
   * A contact's CONTACT_REPORTED entry carries the agents' identification and face coverings in its access-category
   * column as {@code <AgentsIdentified>/<FacesCovered>} (ContactLog); {@code part} 0 counts the first code, 1 the
   * second, summed over the other, largest first as in the other sections. Entries logged before the codes existed
   * have none and count as not recorded.
   */
  private static Section split(Map<String, List<Counted>> counts, int part, String key, String title,
      String explanation) {
    Map<String, Long> byCode = new HashMap<>();
    for (Counted c : counts.getOrDefault(key("access_category", CONTACT, "CONTACT_REPORTED"), List.of())) {
      String[] codes = c.accessCategory() == null ? new String[0] : c.accessCategory().split(AGENT_CODES_SEPARATOR, 2);
      byCode.merge(codes.length == 2 ? codes[part] : "", c.n(), Long::sum);
    }
    List<Row> rows = byCode.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .map(e -> new Row(e.getKey(), label("agents", e.getKey()), e.getValue())).toList();
    return new Section(key, title, explanation, rows);
  }

  /** Separates the two codes in a contact entry's access-category column (ContactLog writes it). */
  public static final String AGENT_CODES_SEPARATOR = "/";

  /** Complaints under the private right of action: numbers and codes only, never who complained. */
  private List<Section> complaints(Map<String, List<Counted>> counts, List<long[]> hoursToFinding) {
    return List.of(
        total(counts, "complaintsFiled", "Complaints filed",
            "Complaints under the private right of action filed in the period, anonymous ones included.", COMPLAINT,
            "COMPLAINT_FILED"),
        section(counts, "complaintFinding", "Complaint findings",
            "Findings the city attorney made in the period, by kind.", COMPLAINT, "finding", "COMPLAINT_FINDING"),
        new Section("timeToFinding", "Days from filing to finding",
            "For complaints filed in the period that have a finding: each complaint's time is rounded to the nearest "
                + "hour (past 30 days to the nearest day), and the median and 90th percentile of those are rounded "
                + "to whole days.",
            percentiles(hoursToFinding, 24), "days"));
  }

  /**
   * Counts of one event of one process, by {@code column}; {@code labels} names the codes: "finding" and
   * "review" read the decision column with their own labels.
   */
  private static Section section(Map<String, List<Counted>> counts, String key, String title, String explanation,
      String process, String labels, String eventType) {
    String column = "finding".equals(labels) ? "decision" : labels;
    String kind = CONTACT.equals(process) && "decision".equals(labels) ? "review" : labels;
    List<Row> rows = counts.getOrDefault(key(column, process, eventType), List.of()).stream()
        .map(c -> {
          String code = switch (column) {
            case "agency" -> c.agency();
            case "request_type" -> c.requestType();
            case "access_category" -> c.accessCategory();
            default -> c.decision();
          };
          return new Row(code, label(kind, code), c.n());
        }).toList();
    return new Section(key, title, explanation, rows);
  }

  private static Section total(Map<String, List<Counted>> counts, String key, String title, String explanation,
      String process, String eventType) {
    long n = counts.getOrDefault(key("total", process, eventType), List.of()).stream().mapToLong(Counted::n).sum();
    return new Section(key, title, explanation, List.of(new Row(eventType, "Total", n)));
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
    if ("agents".equals(column) && AGENTS.containsKey(code)) {
      return AGENTS.get(code);
    }
    if ("agency".equals(column)) {
      return code.replace('_', ' ');
    }
    String words = code.replace('_', ' ').toLowerCase();
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
