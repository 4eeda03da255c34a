package org.sanctuarycity.workflow.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.sanctuarycity.workflow.common.ConflictException;
import org.sanctuarycity.workflow.common.NotFoundException;
import org.sanctuarycity.workflow.security.Actor;
import org.sanctuarycity.workflow.transparency.EventType;
import org.sanctuarycity.workflow.transparency.LogEvent;
import org.sanctuarycity.workflow.transparency.LogSigningKey;
import org.sanctuarycity.workflow.transparency.PublicReport;
import org.sanctuarycity.workflow.transparency.TransparencyLog;
import org.sanctuarycity.workflow.transparency.TransparencyProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Frozen snapshots of the public report (table transparency_report): drafted, sent back or published.
 * The database refuses any change to a snapshot once drafted and to a report once published (V60 trigger).
 */
@Service
public class ReportSnapshots {

  static final String PROCESS = "transparency-report";

  /** A drafted snapshot awaiting review. */
  public record Draft(long id, String reference, int revision, LocalDate from, LocalDate to, String sha256) {}

  private static final String COLUMNS = "id, reference, revision, period_from, period_to, sha256, log_seq, "
      + "published_at, origin, key_id, signature, report_json";

  private static final RowMapper<PublishedReport> ROW = (rs, i) -> new PublishedReport(rs.getLong("id"),
      rs.getString("reference"), rs.getInt("revision"), rs.getObject("period_from", LocalDate.class),
      rs.getObject("period_to", LocalDate.class), rs.getString("sha256"), rs.getLong("log_seq"),
      rs.getTimestamp("published_at").toInstant(), rs.getString("origin"), rs.getString("key_id"),
      Base64.getEncoder().encodeToString(rs.getBytes("signature")), rs.getString("report_json"),
      rs.getString("report_json"));

  private final JdbcTemplate jdbc;
  private final PublicReport publicReport;
  private final TransparencyLog log;
  private final LogSigningKey key;
  private final TransparencyProperties properties;
  private final Clock clock;

  public ReportSnapshots(JdbcTemplate jdbc, PublicReport publicReport, TransparencyLog log, LogSigningKey key,
      TransparencyProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.publicReport = publicReport;
    this.log = log;
    this.key = key;
    this.properties = properties;
    this.clock = clock;
  }

  /** The calendar quarter before the one containing today (UTC). */
  public LocalDate[] previousQuarter() {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    LocalDate thisQuarter = LocalDate.of(today.getYear(), ((today.getMonthValue() - 1) / 3) * 3 + 1, 1);
    LocalDate from = thisQuarter.minusMonths(3);
    return new LocalDate[] {from, thisQuarter.minusDays(1)};
  }

  /** TR-2026-Q3 for a calendar quarter, TR-2026 for a year, else TR-<first day yyyymmdd>-<days>. */
  static String reference(LocalDate from, LocalDate to) {
    boolean quarter = from.getDayOfMonth() == 1 && (from.getMonthValue() - 1) % 3 == 0
        && to.equals(from.plusMonths(3).minusDays(1));
    if (quarter) {
      return "TR-" + from.getYear() + "-Q" + ((from.getMonthValue() - 1) / 3 + 1);
    }
    if (from.getDayOfYear() == 1 && to.equals(from.withDayOfYear(from.lengthOfYear()))) {
      return "TR-" + from.getYear();
    }
    return "TR-" + from.toString().replace("-", "") + "-" + ChronoUnit.DAYS.between(from, to);
  }

  /** Whether the period already has a published report (which never changes, so it is not drafted again). */
  @Transactional(readOnly = true)
  public boolean isPublished(LocalDate from, LocalDate to) {
    Integer n = jdbc.queryForObject("SELECT count(*) FROM transparency_report WHERE period_from = ? "
        + "AND period_to = ? AND status = 'PUBLISHED'", Integer.class, from, to);
    return n != null && n > 0;
  }

  /** Freezes the public report for the period as it is now, in the caller's transaction, and logs REPORT_DRAFTED. */
  @Transactional
  public Draft draft(LocalDate from, LocalDate to, String processInstanceId) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("period ends before it starts");
    }
    String reference = reference(from, to);
    if (isPublished(from, to)) {
      throw new ConflictException("The report " + reference + " is already published; published reports never change.");
    }
    String text = publicReport.text(from, to);
    String sha = sha256(text);
    Integer revision = jdbc.queryForObject("SELECT coalesce(max(revision), 0) + 1 FROM transparency_report "
        + "WHERE reference = ?", Integer.class, reference);
    Long id = jdbc.queryForObject("INSERT INTO transparency_report (reference, revision, period_from, period_to, "
        + "status, report_json, sha256, process_instance_id) VALUES (?, ?, ?, ?, 'DRAFT', ?, ?, ?) RETURNING id",
        Long.class, reference, revision, from, to, text, sha, processInstanceId);
    log.append(event(reference, EventType.REPORT_DRAFTED, "DRAFT", sha, Actor.SYSTEM));
    return new Draft(id, reference, revision, from, to, sha);
  }

  /** The reviewer sends the draft back with a note; the draft stays as it was, marked SENT_BACK. */
  @Transactional
  public void sendBack(long id, String note, Actor actor) {
    Draft d = requireDraft(id);
    jdbc.update("UPDATE transparency_report SET status = 'SENT_BACK', review_note = ?, reviewed_at = clock_timestamp() "
        + "WHERE id = ?", note, id);
    log.append(event(d.reference(), EventType.REPORT_SENT_BACK, "SENT_BACK", d.sha256(), actor));
  }

  /** Signs the frozen snapshot with the log key, logs REPORT_PUBLISHED (with the hash) and marks it published. */
  @Transactional
  public PublishedReport publish(long id, Actor actor) {
    Draft d = requireDraft(id);
    long seq = log.appendNow(event(d.reference(), EventType.REPORT_PUBLISHED, "PUBLISHED", d.sha256(), actor));
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    String text = PublishedReport.signedText(properties.origin(), d.reference(), d.revision(), d.from(), d.to(),
        d.sha256(), seq, now);
    byte[] signature = key.sign(text.getBytes(StandardCharsets.UTF_8));
    jdbc.update("UPDATE transparency_report SET status = 'PUBLISHED', reviewed_at = clock_timestamp(), "
        + "published_at = ?, origin = ?, key_id = ?, signature = ?, log_seq = ? WHERE id = ?",
        Timestamp.from(now), properties.origin(), key.keyId(), signature, seq, id);
    return published(id).orElseThrow();
  }

  @Transactional(readOnly = true)
  public List<PublishedReport> published() {
    return jdbc.query("SELECT " + COLUMNS + " FROM transparency_report WHERE status = 'PUBLISHED' "
        + "ORDER BY period_from DESC, id DESC", ROW).stream().map(PublishedReport::summary).toList();
  }

  @Transactional(readOnly = true)
  public Optional<PublishedReport> published(long id) {
    return jdbc.query("SELECT " + COLUMNS + " FROM transparency_report WHERE id = ? AND status = 'PUBLISHED'", ROW, id)
        .stream().findFirst();
  }

  /** Published reports whose period lies within the year. */
  @Transactional(readOnly = true)
  public List<PublishedReport> publishedIn(int year) {
    return jdbc.query("SELECT " + COLUMNS + " FROM transparency_report WHERE status = 'PUBLISHED' "
        + "AND period_from >= ? AND period_to <= ? ORDER BY period_from", ROW, LocalDate.of(year, 1, 1),
        LocalDate.of(year, 12, 31)).stream().map(PublishedReport::summary).toList();
  }

  private Draft requireDraft(long id) {
    List<Draft> rows = jdbc.query("SELECT id, reference, revision, period_from, period_to, sha256, status "
            + "FROM transparency_report WHERE id = ?",
        (rs, i) -> {
          if (!"DRAFT".equals(rs.getString("status"))) {
            throw new ConflictException("The report " + rs.getString("reference") + " is " + rs.getString("status")
                + " and can no longer change.");
          }
          return new Draft(rs.getLong("id"), rs.getString("reference"), rs.getInt("revision"),
              rs.getObject("period_from", LocalDate.class), rs.getObject("period_to", LocalDate.class),
              rs.getString("sha256"));
        }, id);
    if (rows.isEmpty()) {
      throw new NotFoundException("Report");
    }
    return rows.get(0);
  }

  private static LogEvent event(String reference, EventType type, String decision, String sha256, Actor actor) {
    // legalBasis carries the snapshot's SHA-256, so the signed log itself pins the report's content.
    return new LogEvent(PROCESS, reference, type, null, null, null, decision, sha256, actor.role(), actor.userId(), null);
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
