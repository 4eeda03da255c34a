package org.sanctuarycity.workflow.review;

import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.sanctuarycity.workflow.intake.FederalRequest;
import org.sanctuarycity.workflow.intake.FederalRequests;
import org.sanctuarycity.workflow.policy.Decision;
import org.sanctuarycity.workflow.policy.ProcessVariables;
import org.sanctuarycity.workflow.security.Actor;
import org.springframework.stereotype.Component;

/**
 * ServiceTask_DeclineForNoReply: the agency did not supply the information the city attorney asked
 * for in time, so the request is declined for lack of legal authority and the decision is logged.
 */
@Component
public class DeclineForNoReplyDelegate implements JavaDelegate {

  static final String LEGAL_BASIS = "NO_REPLY_NO_AUTHORITY";

  private final FederalRequests requests;
  private final Decisions decisions;

  public DeclineForNoReplyDelegate(FederalRequests requests, Decisions decisions) {
    this.requests = requests;
    this.decisions = decisions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    FederalRequest request = requests.require(UUID.fromString((String) execution.getVariable(ProcessVariables.REQUEST_ID)));
    decisions.decide(execution, request, Decision.DECLINE, LEGAL_BASIS,
        "Declined automatically: the agency did not reply within the deadline.", null, Actor.SYSTEM);
  }
}
