package org.sanctuarycity.workflow.review;

import org.sanctuarycity.workflow.intake.FederalRequest;
import org.sanctuarycity.workflow.policy.PrimaryPurpose;
import org.springframework.stereotype.Component;

/** Facts recorded by other steps that the release rules turn on, as the codes the tables expect. */
@Component
class RequestFacts {

  String interviewConsent(FederalRequest request) {
    return "NONE";
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
