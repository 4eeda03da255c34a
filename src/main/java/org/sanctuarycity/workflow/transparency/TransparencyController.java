package org.sanctuarycity.workflow.transparency;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import org.sanctuarycity.workflow.common.NotFoundException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public view of the log. Who may call (see SecurityConfiguration): every GET here is public without
 * login, except /verify (camunda-admin, auditors); POST /checkpoints is for camunda-admin. Holds no personal data.
 */
@RestController
@RequestMapping("/api/transparency")
@Validated
class TransparencyController {

  private final TransparencyLog log;
  private final Checkpoints checkpoints;
  private final LogVerification verification;
  private final LogSigningKey key;

  TransparencyController(TransparencyLog log, Checkpoints checkpoints, LogVerification verification, LogSigningKey key) {
    this.log = log;
    this.checkpoints = checkpoints;
    this.verification = verification;
    this.key = key;
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

  /** Signed checkpoints in ascending tree size; {@code nextAfterSize} pages on, null at the end. */
  @GetMapping("/checkpoints")
  CheckpointsPage checkpoints(@RequestParam(defaultValue = "0") @Min(0) long afterSize,
      @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
    List<Checkpoint> page = checkpoints.list(afterSize, limit);
    return new CheckpointsPage(page, page.size() == limit ? page.get(page.size() - 1).treeSize() : null);
  }

  @GetMapping("/checkpoints/latest")
  Checkpoint latest() {
    return checkpoints.latest().orElseThrow(() -> new NotFoundException("Checkpoint"));
  }

  /** On demand, for administrators: 201 with the new checkpoint, or 200 with the latest if the log did not grow. */
  @PostMapping("/checkpoints")
  ResponseEntity<Checkpoint> createCheckpoint() {
    return checkpoints.create().map(c -> ResponseEntity.status(HttpStatus.CREATED).body(c))
        .orElseGet(() -> ResponseEntity.ok(checkpoints.latest().orElseThrow(() -> new NotFoundException("Log entry"))));
  }

  @GetMapping("/proofs/inclusion")
  Checkpoints.InclusionProof inclusion(@RequestParam long seq, @RequestParam long size) {
    return checkpoints.inclusion(seq, size);
  }

  @GetMapping("/proofs/consistency")
  Checkpoints.ConsistencyProof consistency(@RequestParam long from, @RequestParam long to) {
    return checkpoints.consistency(from, to);
  }

  /** The whole public log as JSON Lines, streamed from a database cursor. */
  @GetMapping("/export")
  void export(HttpServletResponse response) throws IOException {
    response.setContentType("application/jsonl;charset=UTF-8");
    response.setHeader("Content-Disposition", "attachment; filename=\"transparency-log.jsonl\"");
    verification.export(response.getOutputStream());
  }

  @GetMapping("/public-key")
  PublicKeyView publicKey() {
    return new PublicKeyView("Ed25519", key.keyId(), Base64.getEncoder().encodeToString(key.publicKey().getEncoded()),
        LogKeys.pem(key.publicKey()));
  }

  /** Recomputes everything from the database (administrators and auditors). */
  @GetMapping("/verify")
  LogVerification.Report verify() {
    return verification.verify();
  }

  /** A page of entries; {@code nextAfter} is the value of {@code after} for the next page, or null at the end. */
  record EntriesPage(List<TransparencyEntry> entries, Long nextAfter) {}

  record CheckpointsPage(List<Checkpoint> checkpoints, Long nextAfterSize) {}

  /** The log's public key: base64 X.509 SubjectPublicKeyInfo, and the same as PEM. */
  record PublicKeyView(String algorithm, String keyId, String publicKey, String pem) {}
}
