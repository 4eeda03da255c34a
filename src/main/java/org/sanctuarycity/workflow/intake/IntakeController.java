package org.sanctuarycity.workflow.intake;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.sanctuarycity.workflow.audit.DataAccessLog;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The desk's API. Who may call (SecurityConfiguration): POST /api/requests and POST .../replies:
 * police-desk; GET /api/requests/{reference}: any staff group, personal data only for the groups in
 * Groups.PERSONAL_DATA_READERS.
 */
@RestController
@RequestMapping("/api/requests")
class IntakeController {

  static final String REFERENCE_PATTERN = "FR-\\d{4}-\\d{5}";

  private final IntakeService intake;
  private final ReplyService replies;
  private final RequestViews views;

  IntakeController(IntakeService intake, ReplyService replies, RequestViews views) {
    this.intake = intake;
    this.replies = replies;
    this.views = views;
  }

  @PostMapping
  ResponseEntity<Map<String, Object>> submit(@RequestBody NewRequest body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Authentication auth) {
    if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 128
        || !idempotencyKey.chars().allMatch(c -> c > 32 && c < 127))) {
      throw InvalidInputException.of("Idempotency-Key", "must be 1 to 128 visible ASCII characters");
    }
    try {
      IntakeService.Submission s = intake.submit(body, auth.getName(), idempotencyKey);
      return answer(s, s.created() ? HttpStatus.CREATED : HttpStatus.OK);
    } catch (DataIntegrityViolationException race) {
      // Two retries with the same key raced; the first one won and is the answer.
      return intake.existing(auth.getName(), idempotencyKey).map(s -> answer(s, HttpStatus.OK)).orElseThrow(() -> race);
    }
  }

  @GetMapping("/{reference}")
  RequestView get(@PathVariable String reference, Authentication auth) {
    checkReference(reference);
    return views.view(reference, auth.getName(), groups(auth), DataAccessLog.Channel.API);
  }

  @PostMapping("/{reference}/replies")
  ResponseEntity<Map<String, Object>> reply(@PathVariable String reference, @RequestBody ReplyService.NewReply body,
      Authentication auth) {
    checkReference(reference);
    AgencyReply reply = replies.submit(reference, body, auth.getName());
    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("reference", reference, "replyId", reply.getId()));
  }

  private static ResponseEntity<Map<String, Object>> answer(IntakeService.Submission s, HttpStatus status) {
    return ResponseEntity.status(status).location(URI.create("/api/requests/" + s.reference()))
        .body(Map.of("reference", s.reference(), "id", s.id(), "processInstanceId", s.processInstanceId()));
  }

  static void checkReference(String reference) {
    if (!reference.matches(REFERENCE_PATTERN)) {
      throw InvalidInputException.of("reference", "must look like FR-2026-00001");
    }
  }

  static List<String> groups(Authentication auth) {
    return auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
  }
}
