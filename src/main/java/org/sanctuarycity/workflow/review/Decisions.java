package org.sanctuarycity.workflow.review;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.sanctuarycity.workflow.intake.CaseSummary;
import org.sanctuarycity.workflow.intake.FederalRequest;
import org.sanctuarycity.workflow.intake.RequestLog;
import org.sanctuarycity.workflow.policy.Decision;
import org.sanctuarycity.workflow.policy.PolicyProperties;
import org.sanctuarycity.workflow.policy.ProcessVariables;
import org.sanctuarycity.workflow.security.Actor;
import org.sanctuarycity.workflow.transparency.EventType;
import org.springframework.stereotype.Component;

/** Records a decision and its DECIDED entry together: the one way a decision is made. */
@Component
class Decisions {

  private final LegalReviewRepository repository;
  private final RequestLog log;
  private final PolicyProperties policy;
  private final Clock clock;
  private final DecisionAmendments amendments;
  private final CaseSummary summary;

  Decisions(LegalReviewRepository repository, RequestLog log, PolicyProperties policy, Clock clock,
      DecisionAmendments amendments, CaseSummary summary) {
    this.repository = repository;
    this.log = log;
    this.policy = policy;
    this.clock = clock;
    this.amendments = amendments;
    this.summary = summary;
  }

  /** The configured hours from now, but for a person in custody no later than a scheduled release still ahead. */
  static Instant due(FederalRequest request, Instant now, int hours) {
    Instant due = now.plus(Duration.ofHours(hours));
    Instant release = request.isSubjectInCustody() ? request.getSubjectScheduledRelease() : null;
    return release != null && release.isAfter(now) && release.isBefore(due) ? release : due;
  }

  LegalReview decide(DelegateExecution execution, FederalRequest request, Decision decision, String legalBasis,
      String rationale, String releasedItems, Actor who) {
    return decide(execution, request, decision, legalBasis, rationale, releasedItems, null, null, false, who);
  }

  /**
   * With the TRUST Act finding the release rules used, and whether a released item means the person must be told
   * in writing (Gov. Code 7283.1(b)); the flow's notification step then runs whatever the classification said.
   * While an amendment is open (DecisionAmendments) the next final decision is the correction: it names the decision
   * it corrects, settles the amendment, and is logged as DECISION_AMENDED; the earlier row and entry stay.
   */
  LegalReview decide(DelegateExecution execution, FederalRequest request, Decision decision, String legalBasis,
      String rationale, String releasedItems, TrustAct.Finding trust, String criminalHistoryNotes,
      boolean notifyPerson, Actor who) {
    LegalReview prepared = new LegalReview(request.getId(), decision, legalBasis, rationale,
        releasedItems, who.userId() == null ? who.role() : who.userId());
    if (trust != null) {
      prepared.recordTrustFinding(trust, criminalHistoryNotes);
      execution.setVariable(ProcessVariables.TRUST_OUTCOME, trust.outcome());
    }
    if (notifyPerson) {
      request.requirePersonNotified();
      execution.setVariable(ProcessVariables.NOTIFY_PERSON, true);
    }
    // A request for more information leaves the amendment open: the final decision that follows settles it.
    Optional<DecisionAmendment> amendment = decision == Decision.REQUEST_INFO ? Optional.empty()
        : amendments.open(request.getId());
    amendment.ifPresent(a -> prepared.amends(a.getAmendsReviewId()));
    LegalReview review = repository.save(prepared);
    amendment.ifPresent(a -> amendments.settle(a, review.getId()));
    request.recordDecision(decision, legalBasis, releasedItems, clock.instant());
    log.record(request, amendment.isPresent() ? EventType.DECISION_AMENDED : EventType.DECIDED, who, review.getId());
    if (amendment.isPresent()) {
      execution.removeVariables(List.of(AmendmentVariables.AMENDMENT_ID, AmendmentVariables.AMENDS_REVIEW_ID,
          AmendmentVariables.AMENDMENT_REASON));
    }
    execution.setVariable(ProcessVariables.DECISION, decision.name());
    execution.setVariable(ProcessVariables.LEGAL_BASIS, legalBasis);
    execution.setVariable(ProcessVariables.RELEASED_ITEMS, releasedItems == null ? "" : releasedItems);
    if (decision != Decision.REQUEST_INFO) {
      Instant now = clock.instant();
      Instant responseDue = due(request, now, policy.responseHours());
      Instant noticeDue = due(request, now, policy.noticeHours());
      execution.setVariable(ProcessVariables.RESPONSE_DUE_AT, Date.from(responseDue));
      execution.setVariable(ProcessVariables.NOTICE_DUE_AT, Date.from(noticeDue));
      // The same times in words in the city's zone, for the Send response and Notify the person forms.
      execution.setVariable(ProcessVariables.CASE_RESPONSE_DUE, summary.time(responseDue));
      execution.setVariable(ProcessVariables.CASE_NOTICE_DUE, summary.time(noticeDue));
    }
    if (decision == Decision.REQUEST_INFO) {
      // An ISO-8601 duration, so the boundary timer counts from the engine's own clock.
      execution.setVariable(ProcessVariables.REPLY_WAIT, Duration.ofHours(policy.replyWaitHours()).toString());
    }
    return review;
  }
}
