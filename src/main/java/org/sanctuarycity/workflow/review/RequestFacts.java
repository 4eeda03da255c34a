package org.sanctuarycity.workflow.review;

import org.sanctuarycity.workflow.intake.FederalRequest;
import org.springframework.stereotype.Component;

/** Facts recorded by other steps that the release rules turn on, as the codes the tables expect. */
@Component
class RequestFacts {

  String interviewConsent(FederalRequest request) {
    return "NONE";
  }

  String primaryPurpose(FederalRequest request) {
    return "NOT_STATED";
  }

  String facilityArea(FederalRequest request) {
    return "NONE";
  }
}
