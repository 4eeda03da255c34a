package org.sanctuarycity.workflow.retention;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Legal holds (Gov. Code 34090: records tied to a complaint or litigation are kept until released). A held
 * record is skipped by every purge, and its process history is kept out of Camunda's history cleanup:
 * {@link HoldAwareRemovalTimeProvider} gives held instances no removal time when they end, and placing a
 * hold on an instance that already ended clears the removal time the engine had set.
 */
@Service
public class LegalHolds {

  private final JdbcTemplate jdbc;
  private final HistoryService historyService;
  private final IdentityService identityService;

  LegalHolds(JdbcTemplate jdbc, HistoryService historyService, IdentityService identityService) {
    this.jdbc = jdbc;
    this.historyService = historyService;
    this.identityService = identityService;
  }

  public record Hold(UUID id, RecordType recordType, UUID recordId, String reference, String processInstanceId,
      UUID complaintId, String complaintReference, String reason, String placedBy, Instant placedAt) {}

  /** Places a hold unless the same complaint already holds the record; returns true when a hold was placed. */
  @Transactional
  public boolean place(RecordType type, UUID recordId, String reference, String processInstanceId, UUID complaintId,
      String reason, String user) {
    int n = jdbc.update("""
        INSERT INTO legal_hold (id, record_type, record_id, reference, process_instance_id, complaint_id, reason,
                                placed_by, placed_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
        UUID.randomUUID(), type.name(), recordId, reference, processInstanceId, complaintId, reason, user,
        Timestamp.from(ClockUtil.getCurrentTime().toInstant()));
    if (n > 0 && processInstanceId != null) {
      keepHistory(processInstanceId);
    }
    return n > 0;
  }

  /** Releases every hold of a complaint; history of records no longer held gets its removal time back. */
  @Transactional
  public int releaseAll(UUID complaintId, String user) {
    List<String> instances = jdbc.queryForList("SELECT process_instance_id FROM legal_hold WHERE complaint_id = ?"
        + " AND released_at IS NULL AND process_instance_id IS NOT NULL", String.class, complaintId);
    int n = jdbc.update("UPDATE legal_hold SET released_by = ?, released_at = ? WHERE complaint_id = ? AND released_at IS NULL",
        user, Timestamp.from(ClockUtil.getCurrentTime().toInstant()), complaintId);
    List<String> unheld = instances.stream().filter(id -> !isProcessHeld(id)).toList();
    List<String> ended = asEngine(() -> unheld.isEmpty() ? List.<String>of()
        : historyService.createHistoricProcessInstanceQuery().processInstanceIds(new java.util.HashSet<>(unheld))
            .finished().list().stream().map(HistoricProcessInstance::getId).toList());
    if (!ended.isEmpty()) {
      asEngine(() -> historyService.setRemovalTimeToHistoricProcessInstances().calculatedRemovalTime()
          .byIds(ended.toArray(String[]::new)).hierarchical().executeAsync());
    }
    return n;
  }

  @Transactional(readOnly = true)
  public boolean isHeld(RecordType type, UUID recordId) {
    Integer n = jdbc.queryForObject("SELECT count(*) FROM legal_hold WHERE record_type = ? AND record_id = ?"
        + " AND released_at IS NULL", Integer.class, type.name(), recordId);
    return n != null && n > 0;
  }

  /** True when a process instance (root) is under an active hold; asked by the engine when an instance ends. */
  public boolean isProcessHeld(String processInstanceId) {
    Integer n = jdbc.queryForObject("SELECT count(*) FROM legal_hold WHERE process_instance_id = ? AND released_at IS NULL",
        Integer.class, processInstanceId);
    return n != null && n > 0;
  }

  @Transactional(readOnly = true)
  public List<Hold> active() {
    return jdbc.query("""
        SELECT h.id, h.record_type, h.record_id, h.reference, h.process_instance_id, h.complaint_id, c.reference AS cref,
               h.reason, h.placed_by, h.placed_at
          FROM legal_hold h JOIN complaint c ON c.id = h.complaint_id
         WHERE h.released_at IS NULL ORDER BY h.placed_at, h.reference""",
        (rs, i) -> new Hold(rs.getObject("id", UUID.class), RecordType.valueOf(rs.getString("record_type")),
            rs.getObject("record_id", UUID.class), rs.getString("reference"), rs.getString("process_instance_id"),
            rs.getObject("complaint_id", UUID.class), rs.getString("cref"), rs.getString("reason"),
            rs.getString("placed_by"), rs.getTimestamp("placed_at").toInstant()));
  }

  @Transactional(readOnly = true)
  public List<Hold> ofComplaint(UUID complaintId) {
    return active().stream().filter(h -> h.complaintId().equals(complaintId)).toList();
  }

  /** Clears the removal time of an instance that already ended (a running one gets none when it ends). */
  private void keepHistory(String processInstanceId) {
    asEngine(() -> {
      if (historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).finished().count() > 0) {
        historyService.setRemovalTimeToHistoricProcessInstances().clearedRemovalTime().byIds(processInstanceId)
            .hierarchical().executeAsync();
      }
      return null;
    });
  }

  private <T> T asEngine(java.util.function.Supplier<T> work) {
    Authentication current = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (current != null) {
        identityService.setAuthentication(current);
      }
    }
  }
}
