package org.sanctuarycity.workflow.review;

import org.sanctuarycity.workflow.consent.InterviewConsents;
import org.sanctuarycity.workflow.intake.FederalRequest;
import org.sanctuarycity.workflow.policy.PrimaryPurpose;
import org.springframework.stereotype.Component;

/** Facts recorded by other steps that the release rules turn on, as the codes the tables expect. */
@Component
class RequestFacts {

  private final InterviewConsents consents;

  RequestFacts(InterviewConsents consents) {
    this.consents = consents;
  }

  /** The person's latest answer on the TRUTH Act form (Gov. Code 7283.1(a)); NONE when no form was recorded. */
  String interviewConsent(FederalRequest request) {
    return consents.answer(request.getId()).map(Enum::name).orElse("NONE");
  }

  /** As intake recorded it; a purpose not given is NOT_STATED, as in request-classification.dmn. */
  String primaryPurpose(FederalRequest request) {
    return request.getPrimaryPurpose() == null ? PrimaryPurpose.NOT_STATED.name() : request.getPrimaryPurpose().name();
  }

  /** PUBLIC or NON_PUBLIC for facility access (AB 49, SB 81); NONE for a request that is not about a facility. */
  String facilityArea(FederalRequest request) {
    return request.getFacilityArea() == null ? "NONE" : request.getFacilityArea().name();
  }
}
