package org.sanctuarycity.workflow.review;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.security.CurrentActor;
import org.sanctuarycity.workflow.security.Groups;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * POST /api/requests/{reference}/decision-amendments: the city attorney reopens a decision whose response has not
 * been sent. Who may call (SecurityConfiguration): city-attorney and city-attorney-supervisors. 202: the legal
 * review is open again in Tasklist; 409 when there is nothing that may be amended (no decision yet, the response
 * already sent, or an amendment already open).
 */
@RestController
class DecisionAmendmentController {

  private final DecisionAmendments amendments;
  private final CurrentActor actor;

  DecisionAmendmentController(DecisionAmendments amendments, CurrentActor actor) {
    this.amendments = amendments;
    this.actor = actor;
  }

  @PostMapping("/api/requests/{reference}/decision-amendments")
  ResponseEntity<Map<String, Object>> amend(@PathVariable String reference,
      @RequestBody DecisionAmendments.NewAmendment body) {
    if (!reference.matches("FR-\\d{4}-\\d{5}")) {
      throw InvalidInputException.of("reference", "must look like FR-2026-00001");
    }
    DecisionAmendment a = amendments.reopen(reference, body, actor.get(Groups.CITY_ATTORNEY));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("reference", reference);
    answer.put("amendmentId", a.getId());
    answer.put("amendsReviewId", a.getAmendsReviewId());
    answer.put("reason", a.getReason().name());
    answer.put("nextStep", "UserTask_LegalReview");
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(answer);
  }
}
