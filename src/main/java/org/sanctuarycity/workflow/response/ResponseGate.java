package org.sanctuarycity.workflow.response;

import org.sanctuarycity.workflow.common.ConflictException;

import java.util.ArrayList;
import java.util.List;
import org.sanctuarycity.workflow.intake.FederalRequest;
import org.sanctuarycity.workflow.policy.Decision;
import org.sanctuarycity.workflow.policy.LegalBasisCatalog;
import org.sanctuarycity.workflow.review.DecisionAmendments;
import org.sanctuarycity.workflow.review.LegalReview;
import org.sanctuarycity.workflow.review.LegalReviews;
import org.sanctuarycity.workflow.review.ReleaseRules;
import org.sanctuarycity.workflow.transparency.EventType;
import org.sanctuarycity.workflow.transparency.TransparencyLog;
import org.sanctuarycity.workflow.verification.VerificationRecords;
import org.springframework.stereotype.Component;

/**
 * Invariant 1 in code: no response without a verification, a final decision, and the DECIDED entry
 * for that decision. The BPMN orders the steps; this refuses even if a flow were changed to skip them.
 * Invariant 6 as well: each item the decision releases is asked of the release rules again, with the facts as they
 * are now, so a decision made by a changed flow, or one the rules no longer allow, releases nothing.
 */
@Component
public class ResponseGate {

  private final VerificationRecords verifications;
  private final LegalReviews reviews;
  private final TransparencyLog log;
  private final ReleaseRules releaseRules;
  private final LegalBasisCatalog catalog;
  private final DecisionAmendments amendments;

  public ResponseGate(VerificationRecords verifications, LegalReviews reviews, TransparencyLog log,
      ReleaseRules releaseRules, LegalBasisCatalog catalog, DecisionAmendments amendments) {
    this.verifications = verifications;
    this.reviews = reviews;
    this.log = log;
    this.releaseRules = releaseRules;
    this.catalog = catalog;
    this.amendments = amendments;
  }

  /** What is missing before a response may go out; empty when it may. */
  public List<String> missing(FederalRequest request) {
    return check(request).missing();
  }

  public LegalReview require(FederalRequest request) {
    Check check = check(request);
    if (!check.missing().isEmpty()) {
      throw new ResponseNotAllowedException(request.getReference(), check.missing());
    }
    return check.decision();
  }

  private record Check(List<String> missing, LegalReview decision) {}

  /** One read of the decisions serves both the check and the answer. */
  private Check check(FederalRequest request) {
    List<String> missing = new ArrayList<>();
    if (!verifications.exists(request.getId())) {
      missing.add("warrant verification");
    }
    LegalReview decision = reviews.finalDecision(request.getId()).orElse(null);
    if (decision == null) {
      missing.add("legal review decision");
    } else if (!log.hasEntry(request.getReference(), decision.getAmendsReviewId() == null ? EventType.DECIDED
        : EventType.DECISION_AMENDED, decision.getDecision().name())) {
      missing.add("DECIDED transparency entry");
    }
    if (decision != null && amendments.isPending(request.getId())) {
      missing.add("the corrected decision (the decision is being amended)");
    }
    if (decision != null && releases(decision)) {
      releaseRules.check(request, catalog.find(decision.getLegalBasis()).orElse(null), items(decision),
              decision.getTrustOutcome()).problems()
          .forEach(p -> missing.add("a release the release rules allow (" + p.reason() + ")"));
    }
    return new Check(List.copyOf(missing), decision);
  }

  private static boolean releases(LegalReview decision) {
    return decision.getDecision() == Decision.COMPLY || decision.getDecision() == Decision.COMPLY_LIMITED;
  }

  private static List<String> items(LegalReview decision) {
    return decision.getReleasedItems() == null || decision.getReleasedItems().isBlank() ? List.of()
        : List.of(decision.getReleasedItems().split(","));
  }

  /** A response step ran before its prerequisites existed: 409 through any API, the request is not ready. */
  public static class ResponseNotAllowedException extends ConflictException {
    public ResponseNotAllowedException(String reference, List<String> missing) {
      super("No response may be sent for " + reference + ": missing " + String.join(", ", missing));
    }
  }
}
