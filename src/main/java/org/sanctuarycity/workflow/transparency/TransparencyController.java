package org.sanctuarycity.workflow.transparency;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/** The public view of the log. Who may call: anyone, without login. Holds no personal data. */
@RestController
@RequestMapping("/api/transparency")
@Validated
class TransparencyController {

  private final TransparencyLog log;

  TransparencyController(TransparencyLog log) {
    this.log = log;
  }

  @GetMapping("/entries")
  EntriesPage entries(
      @RequestParam(required = false) @Pattern(regexp = "[A-Z]{2,3}-\\d{4}-\\d{5}", message = "must look like FR-2026-00001") String reference,
      @RequestParam(required = false) EventType eventType,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) OffsetDateTime to,
      @RequestParam(defaultValue = "0") @Min(0) long after,
      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
    List<TransparencyEntry> entries = log.page(reference, eventType == null ? null : eventType.name(),
        from == null ? null : Timestamp.from(from.toInstant()), to == null ? null : Timestamp.from(to.toInstant()),
        after, limit);
    Long next = entries.size() == limit ? entries.get(entries.size() - 1).seq() : null;
    return new EntriesPage(entries, next);
  }

  /** A page of entries; {@code nextAfter} is the value of {@code after} for the next page, or null at the end. */
  record EntriesPage(List<TransparencyEntry> entries, Long nextAfter) {}
}
