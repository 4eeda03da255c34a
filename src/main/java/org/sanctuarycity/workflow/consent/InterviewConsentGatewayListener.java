package org.sanctuarycity.workflow.consent;

import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.sanctuarycity.workflow.intake.FederalRequest;
import org.sanctuarycity.workflow.intake.FederalRequests;
import org.sanctuarycity.workflow.policy.AccessCategory;
import org.sanctuarycity.workflow.policy.ProcessVariables;
import org.springframework.stereotype.Component;

/**
 * Start listener of Gateway_InterviewConsent: sets interviewConsentRequired from the request's TRUTH Act access
 * category (the classification's output, kept in federal_request). Set here, on every pass, rather than by the
 * classification, so that a request migrated from a version without this step, or one whose classification
 * predates it, is routed by its stored category and never reaches the gateway without the variable.
 */
@Component
public class InterviewConsentGatewayListener implements ExecutionListener {

  private final FederalRequests requests;

  public InterviewConsentGatewayListener(FederalRequests requests) {
    this.requests = requests;
  }

  @Override
  public void notify(DelegateExecution execution) {
    FederalRequest request = requests.require(UUID.fromString((String) execution.getVariable(ProcessVariables.REQUEST_ID)));
    execution.setVariable(ConsentVariables.INTERVIEW_CONSENT_REQUIRED,
        request.getAccessCategory() == AccessCategory.INTERVIEW);
  }
}
