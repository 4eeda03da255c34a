package org.sanctuarycity.workflow.intake;

import java.util.List;
import java.util.Map;
import org.sanctuarycity.workflow.audit.DataAccessLog;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.idempotency.Idempotent;
import org.sanctuarycity.workflow.idempotency.IdempotentRequests;
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
  private final IdempotentRequests idempotent;

  IntakeController(IntakeService intake, ReplyService replies, RequestViews views, IdempotentRequests idempotent) {
    this.intake = intake;
    this.replies = replies;
    this.views = views;
    this.idempotent = idempotent;
  }

  @PostMapping
  ResponseEntity<Map<String, Object>> submit(@RequestBody NewRequest body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Authentication auth) {
    return Idempotent.answer(idempotent.run("requests", auth.getName(), idempotencyKey, null, body, () -> {
      IntakeService.Submission s = intake.submit(body, auth.getName(), idempotencyKey);
      return IdempotentRequests.Answer.of(HttpStatus.CREATED.value(), Map.of("reference", s.reference(), "id", s.id(),
          "processInstanceId", s.processInstanceId()));
    }), "/api/requests/", "reference");
  }

  @GetMapping("/{reference}")
  RequestView get(@PathVariable String reference, Authentication auth) {
    checkReference(reference);
    return views.view(reference, auth.getName(), groups(auth), DataAccessLog.Channel.API);
  }

  @PostMapping("/{reference}/replies")
  ResponseEntity<Map<String, Object>> reply(@PathVariable String reference, @RequestBody ReplyService.NewReply body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Authentication auth) {
    checkReference(reference);
    return Idempotent.answer(idempotent.run("replies", auth.getName(), idempotencyKey, reference, body, () -> {
      AgencyReply reply = replies.submit(reference, body, auth.getName());
      return IdempotentRequests.Answer.of(HttpStatus.CREATED.value(), Map.of("reference", reference, "replyId",
          reply.getId()));
    }), null, null);
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
