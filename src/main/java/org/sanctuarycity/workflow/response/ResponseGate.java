package org.sanctuarycity.workflow.response;

import org.sanctuarycity.workflow.common.ConflictException;

import java.util.ArrayList;
import java.util.List;
import org.sanctuarycity.workflow.intake.FederalRequest;
import org.sanctuarycity.workflow.review.LegalReview;
import org.sanctuarycity.workflow.review.LegalReviews;
import org.sanctuarycity.workflow.transparency.EventType;
import org.sanctuarycity.workflow.transparency.TransparencyLog;
import org.sanctuarycity.workflow.verification.VerificationRecords;
import org.springframework.stereotype.Component;

/**
 * Invariant 1 in code: no response without a verification, a final decision, and the DECIDED entry
 * for that decision. The BPMN orders the steps; this refuses even if a flow were changed to skip them.
 */
@Component
public class ResponseGate {

  private final VerificationRecords verifications;
  private final LegalReviews reviews;
  private final TransparencyLog log;

  public ResponseGate(VerificationRecords verifications, LegalReviews reviews, TransparencyLog log) {
    this.verifications = verifications;
    this.reviews = reviews;
    this.log = log;
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
    } else if (!log.hasEntry(request.getReference(), EventType.DECIDED, decision.getDecision().name())) {
      missing.add("DECIDED transparency entry");
    }
    return new Check(List.copyOf(missing), decision);
  }

  /** A response step ran before its prerequisites existed: 409 through any API, the request is not ready. */
  public static class ResponseNotAllowedException extends ConflictException {
    public ResponseNotAllowedException(String reference, List<String> missing) {
      super("No response may be sent for " + reference + ": missing " + String.join(", ", missing));
    }
  }
}
