package org.sanctuarycity.workflow.retention;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.sanctuarycity.workflow.common.ReferenceSequence;
import org.sanctuarycity.workflow.security.Actor;
import org.sanctuarycity.workflow.transparency.EventType;
import org.sanctuarycity.workflow.transparency.LogEvent;
import org.sanctuarycity.workflow.transparency.TransparencyLog;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Purges personal data older than app.retention.personal-data from closed records: the columns holding
 * personal data and free text are emptied, the de-identified row (codes, dates, decisions) stays, and no
 * transparency entry is ever touched. Records under legal hold are skipped. Each run is recorded in
 * retention_run and logged as RETENTION_PURGE with its counts. Time comes from the engine's clock
 * (ClockUtil), the same clock Camunda's history cleanup uses.
 */
@Service
public class RetentionService {

  public static final String PROCESS = "retention";

  /** Per record type: the table, its age column, when it is finished, and the personal columns emptied. */
  record Target(RecordType type, String table, String ageColumn, String finished, String purge, List<String> children) {}

  static final List<Target> TARGETS = List.of(
      new Target(RecordType.FEDERAL_REQUEST, "federal_request", "created_at", "(closed_at IS NOT NULL OR status = 'CLOSED')",
          "requester_name = NULL, requester_badge = NULL, requester_phone = NULL, requester_email = NULL,"
              + " subject_full_name = NULL, subject_date_of_birth = NULL, subject_booking_number = NULL, summary = NULL",
          List.of("UPDATE request_document SET issued_by = NULL, signed_by = NULL, signer_title = NULL WHERE request_id = ?",
              "UPDATE agency_reply SET summary = '[purged]' WHERE request_id = ?",
              "UPDATE legal_review SET rationale = NULL, criminal_history_notes = NULL WHERE request_id = ?",
              "UPDATE warrant_verification SET notes = NULL WHERE request_id = ?",
              "UPDATE interview_consent SET note = NULL WHERE request_id = ?")),
      new Target(RecordType.CONTACT_REPORT, "contact_report", "created_at",
          "status IN ('CONFIRMED', 'REFERRED_FOR_IMPERSONATION')",
          "location_block = NULL, identification_details = NULL, vehicle_description = NULL, agents_requested = NULL,"
              + " staff_action = NULL, review_notes = NULL", List.of()),
      new Target(RecordType.COMPLAINT, "complaint", "filed_at", "status = 'RESPONDED'",
          "complainant_name = NULL, complainant_contact = NULL, incident_location = NULL, description = NULL,"
              + " investigation_notes = NULL, evidence_list = NULL, finding_rationale = NULL, response_text = NULL",
          List.of()));

  private final JdbcTemplate jdbc;
  private final RetentionProperties properties;
  private final TransparencyLog log;
  private final ReferenceSequence references;

  RetentionService(JdbcTemplate jdbc, RetentionProperties properties, TransparencyLog log, ReferenceSequence references) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.log = log;
    this.references = references;
  }

  public record Due(RecordType recordType, String reference, Instant since) {}

  public record Run(String reference, Instant cutoff, Map<RecordType, Integer> purged, int skippedHeld) {}

  public Instant cutoff() {
    return ClockUtil.getCurrentTime().toInstant().atOffset(ZoneOffset.UTC).minus(properties.personalData()).toInstant();
  }

  /** Records whose personal data is due for purge (held ones excluded, see {@link #heldButDue()}). */
  @Transactional(readOnly = true)
  public List<Due> due() {
    return select(false);
  }

  /** Records that would be due but are under legal hold. */
  @Transactional(readOnly = true)
  public List<Due> heldButDue() {
    return select(true);
  }

  private List<Due> select(boolean held) {
    List<Due> due = new ArrayList<>();
    Timestamp cutoff = Timestamp.from(cutoff());
    for (Target t : TARGETS) {
      due.addAll(jdbc.query("SELECT reference, " + t.ageColumn() + " AS since FROM " + t.table() + " r WHERE "
              + t.ageColumn() + " < ? AND " + t.finished() + " AND personal_data_purged_at IS NULL AND "
              + (held ? "" : "NOT ") + "EXISTS (SELECT 1 FROM legal_hold h WHERE h.record_type = ? AND h.record_id = r.id"
              + " AND h.released_at IS NULL) ORDER BY " + t.ageColumn(),
          (rs, i) -> new Due(t.type(), rs.getString("reference"), rs.getTimestamp("since").toInstant()),
          cutoff, t.type().name()));
    }
    return due;
  }

  @Transactional
  public Run run(Actor actor) {
    Instant now = ClockUtil.getCurrentTime().toInstant();
    Timestamp cutoff = Timestamp.from(cutoff());
    Map<RecordType, Integer> purged = new LinkedHashMap<>();
    int skipped = heldButDue().size();
    for (Target t : TARGETS) {
      List<UUID> ids = jdbc.queryForList("SELECT id FROM " + t.table() + " r WHERE " + t.ageColumn() + " < ? AND "
          + t.finished() + " AND personal_data_purged_at IS NULL AND NOT EXISTS (SELECT 1 FROM legal_hold h"
          + " WHERE h.record_type = ? AND h.record_id = r.id AND h.released_at IS NULL) FOR UPDATE", UUID.class,
          cutoff, t.type().name());
      for (UUID id : ids) {
        jdbc.update("UPDATE " + t.table() + " SET " + t.purge() + ", personal_data_purged_at = ? WHERE id = ?",
            Timestamp.from(now), id);
        for (String child : t.children()) {
          jdbc.update(child, id);
        }
      }
      purged.put(t.type(), ids.size());
    }
    String reference = references.next("RP");
    UUID runId = UUID.randomUUID();
    jdbc.update("INSERT INTO retention_run (id, reference, run_at, cutoff, period, purged_requests, purged_contacts,"
            + " purged_complaints, skipped_held, run_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        runId, reference, Timestamp.from(now), cutoff, properties.personalData().toString(),
        purged.get(RecordType.FEDERAL_REQUEST), purged.get(RecordType.CONTACT_REPORT), purged.get(RecordType.COMPLAINT),
        skipped, actor.userId() == null ? actor.role() : actor.userId());
    int total = purged.values().stream().mapToInt(Integer::intValue).sum();
    // The log has no count column: the counts go into its code columns, the detail is in retention_run.
    log.append(new LogEvent(PROCESS, reference, EventType.RETENTION_PURGE, null,
        "FR:" + purged.get(RecordType.FEDERAL_REQUEST) + " IC:" + purged.get(RecordType.CONTACT_REPORT) + " CP:"
            + purged.get(RecordType.COMPLAINT),
        "HELD:" + skipped, "PURGED:" + total, "GOV_CODE_34090", actor.role(), actor.userId(), runId));
    return new Run(reference, cutoff.toInstant(), purged, skipped);
  }
}
