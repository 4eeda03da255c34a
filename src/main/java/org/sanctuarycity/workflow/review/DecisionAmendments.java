package org.sanctuarycity.workflow.review;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.sanctuarycity.workflow.common.ConflictException;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.intake.FederalRequest;
import org.sanctuarycity.workflow.intake.FederalRequests;
import org.sanctuarycity.workflow.intake.RequestStatus;
import org.sanctuarycity.workflow.policy.ProcessVariables;
import org.sanctuarycity.workflow.security.Actor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The city attorney amends a decision whose response has not been sent yet. The decision, its DECIDED entry and
 * its draft stay as they were; the request goes back to UserTask_LegalReview (message DecisionAmended interrupts
 * UserTask_SendResponse), and the corrected decision is a new legal_review row that names the one it corrects,
 * logged as DECISION_AMENDED. Once a response has gone out it cannot be amended here: what the agency received
 * is on record as sent.
 */
@Service
public class DecisionAmendments {

  private final FederalRequests requests;
  private final LegalReviews reviews;
  private final DecisionAmendmentRepository amendments;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;

  DecisionAmendments(FederalRequests requests, LegalReviews reviews, DecisionAmendmentRepository amendments,
      RuntimeService runtimeService, IdentityService identityService) {
    this.requests = requests;
    this.reviews = reviews;
    this.amendments = amendments;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
  }

  /** The body of POST /api/requests/{reference}/decision-amendments. */
  public record NewAmendment(String reason) {}

  @Transactional
  public DecisionAmendment reopen(String reference, NewAmendment input, Actor who) {
    AmendmentReason reason = reason(input == null ? null : input.reason());
    FederalRequest request = requests.requireByReference(reference);
    if (request.getResponseSentAt() != null) {
      throw new ConflictException("The response to " + reference + " was sent at " + request.getResponseSentAt()
          + "; a decision whose response has been sent cannot be amended");
    }
    LegalReview decided = reviews.finalDecision(request.getId()).orElse(null);
    if (decided == null || request.getStatus() != RequestStatus.DECIDED) {
      throw new ConflictException(reference + " has no decision waiting to be sent (status "
          + request.getStatus() + "); amend a decision while its response is waiting to be sent");
    }
    if (amendments.findOpen(request.getId()).isPresent()) {
      throw new ConflictException("An amendment of " + reference + " is already waiting for its corrected decision");
    }
    if (!waitingToSend(request)) {
      throw new ConflictException(reference + " is not waiting at \"Send response\"; try again in a moment");
    }
    DecisionAmendment amendment = amendments.save(new DecisionAmendment(request.getId(), decided.getId(), reason,
        who.userId() == null ? who.role() : who.userId()));
    request.reopenDecision();
    Map<String, Object> variables = new HashMap<>();
    variables.put(AmendmentVariables.AMENDMENT_ID, amendment.getId().toString());
    variables.put(AmendmentVariables.AMENDS_REVIEW_ID, decided.getId().toString());
    variables.put(AmendmentVariables.AMENDMENT_REASON, reason.name());
    // The corrected decision names its own items: none are carried over from the decision it replaces.
    variables.put(ProcessVariables.RELEASED_ITEMS, "");
    asEngine(() -> runtimeService.createMessageCorrelation(AmendmentVariables.MESSAGE_DECISION_AMENDED)
        .processInstanceId(request.getProcessInstanceId())
        .setVariables(variables)
        .correlateWithResult());
    return amendment;
  }

  /** Whether the request's decision is being amended: its response must wait for the corrected decision. */
  @Transactional(readOnly = true)
  public boolean isPending(UUID requestId) {
    return amendments.findOpen(requestId).isPresent();
  }

  /** The amendment the corrected decision settles, if the request is being amended. */
  Optional<DecisionAmendment> open(UUID requestId) {
    return amendments.findOpen(requestId);
  }

  void settle(DecisionAmendment amendment, UUID correctedReviewId) {
    amendment.amendedBy(correctedReviewId);
    amendments.save(amendment);
  }

  private boolean waitingToSend(FederalRequest request) {
    return request.getProcessInstanceId() != null && asEngine(() -> runtimeService.createEventSubscriptionQuery()
        .processInstanceId(request.getProcessInstanceId()).eventType("message")
        .eventName(AmendmentVariables.MESSAGE_DECISION_AMENDED).count()) > 0;
  }

  private static AmendmentReason reason(String code) {
    if (code == null || code.isBlank()) {
      throw InvalidInputException.of("reason", "is required: one of WRONG_DECISION, WRONG_LEGAL_BASIS,"
          + " WRONG_RELEASED_ITEMS, NEW_INFORMATION");
    }
    try {
      return AmendmentReason.valueOf(code);
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.of("reason", "must be one of WRONG_DECISION, WRONG_LEGAL_BASIS,"
          + " WRONG_RELEASED_ITEMS, NEW_INFORMATION");
    }
  }

  /**
   * The attorney holds no engine UPDATE grant on process instances (that would let them change any instance
   * through /engine-rest); the checks above authorize this one message, so it is correlated without the engine's
   * check, as the agency reply is. The steps still know the acting user from the Spring Security login.
   */
  private <T> T asEngine(java.util.function.Supplier<T> call) {
    Authentication engineUser = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      return call.get();
    } finally {
      if (engineUser != null) {
        identityService.setAuthentication(engineUser);
      }
    }
  }
}
