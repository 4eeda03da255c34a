package org.sanctuarycity.workflow.retention;

import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/admin/retention: what is due for purge, and what is held and why. Who may call
 * (SecurityConfiguration): camunda-admin, auditors.
 */
@RestController
@RequestMapping("/api/admin/retention")
class RetentionController {

  private final RetentionService retention;
  private final LegalHolds holds;
  private final RetentionProperties properties;

  RetentionController(RetentionService retention, LegalHolds holds, RetentionProperties properties) {
    this.retention = retention;
    this.holds = holds;
    this.properties = properties;
  }

  record Overview(String period, Instant cutoff, List<RetentionService.Due> due, List<RetentionService.Due> heldButDue,
      List<HeldRecord> holds) {}

  /** A hold without personal data: which record, which complaint, why, by whom and since when. */
  record HeldRecord(String recordType, String reference, String complaint, String reason, String placedBy,
      Instant placedAt) {}

  @GetMapping
  Overview overview() {
    return new Overview(properties.personalData().toString(), retention.cutoff(), retention.due(), retention.heldButDue(),
        holds.active().stream().map(h -> new HeldRecord(h.recordType().name(), h.reference(), h.complaintReference(),
            h.reason(), h.placedBy(), h.placedAt())).toList());
  }
}
