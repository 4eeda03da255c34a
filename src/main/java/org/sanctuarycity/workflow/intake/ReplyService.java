package org.sanctuarycity.workflow.intake;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.sanctuarycity.workflow.common.ConflictException;
import org.sanctuarycity.workflow.common.FieldProblem;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.common.TextRules;
import org.sanctuarycity.workflow.policy.ProcessVariables;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Stores an agency's reply and wakes the waiting request, in one transaction. */
@Service
public class ReplyService {

  private final FederalRequests requests;
  private final AgencyReplyRepository replies;
  private final RuntimeService runtimeService;
  private final IdentityService identityService;
  private final Clock clock;

  ReplyService(FederalRequests requests, AgencyReplyRepository replies, RuntimeService runtimeService,
      IdentityService identityService, Clock clock) {
    this.requests = requests;
    this.replies = replies;
    this.runtimeService = runtimeService;
    this.identityService = identityService;
    this.clock = clock;
  }

  /** The body of POST /api/requests/{reference}/replies. */
  public record NewReply(OffsetDateTime receivedAt, String summary) {}

  @Transactional
  public AgencyReply submit(String reference, NewReply input, String user) {
    List<FieldProblem> problems = new ArrayList<>();
    List<FieldProblem> tooLong = new ArrayList<>();
    String summary = TextRules.check(problems, tooLong, "summary", input == null ? null : input.summary(), 4000, true, true);
    OffsetDateTime receivedAt = input == null ? null : input.receivedAt();
    if (receivedAt == null) {
      problems.add(new FieldProblem("receivedAt", "is required"));
    } else if (receivedAt.toInstant().isAfter(clock.instant().plusSeconds(300))) {
      problems.add(new FieldProblem("receivedAt", "must not be in the future"));
    }
    InvalidInputException.refuse(problems, tooLong);
    FederalRequest request = requests.requireByReference(reference);
    if (request.getStatus() != RequestStatus.AWAITING_AGENCY_REPLY) {
      throw new ConflictException("Request " + reference + " is not waiting for a reply from the agency");
    }
    AgencyReply reply = replies.save(new AgencyReply(request.getId(), receivedAt.toInstant(), summary, user));
    // The desk holds no engine UPDATE grant on process instances (that would let it change any instance
    // through /engine-rest). This endpoint is limited to the desk and the status check above is what
    // authorizes this one message, so it is correlated without the engine's check. The acting user is
    // still known to the steps through the Spring Security login (CurrentActor).
    Authentication engineUser = identityService.getCurrentAuthentication();
    identityService.clearAuthentication();
    try {
      runtimeService.createMessageCorrelation(ProcessVariables.MESSAGE_AGENCY_REPLY)
          .processInstanceBusinessKey(reference)
          .correlate();
    } finally {
      if (engineUser != null) {
        identityService.setAuthentication(engineUser);
      }
    }
    return reply;
  }

  @Transactional(readOnly = true)
  public List<AgencyReply> forRequest(java.util.UUID requestId) {
    return replies.findByRequestIdOrderByReceivedAtAsc(requestId);
  }
}
