package org.sanctuarycity.workflow.review;

import java.util.HashMap;
import java.util.Map;
import org.sanctuarycity.workflow.intake.FederalRequest;
import org.sanctuarycity.workflow.policy.Decision;
import org.sanctuarycity.workflow.policy.LegalBasis;

/** The inputs of bpmn/decision-rules.dmn, the same for checking a decision and for offering its legal bases. */
final class DecisionFacts {

  private DecisionFacts() {}

  static Map<String, Object> of(FederalRequest request, Decision decision, LegalBasis basis, String trustOutcome,
      int releasedItemsCount) {
    Map<String, Object> facts = new HashMap<>();
    facts.put("decision", decision.name());
    facts.put("warrantFinding", request.getWarrantFinding() == null ? "NONE" : request.getWarrantFinding().name());
    facts.put("legalBasisIsWarrant", basis.isWarrant());
    facts.put("legalBasisForbidsCooperation", basis.forbidsCooperation());
    facts.put("legalBasis", basis.getCode());
    facts.put("trustOutcome", trustOutcome);
    facts.put("requesterVerified", Boolean.TRUE.equals(request.getRequesterVerified()));
    facts.put("releasedItemsCount", releasedItemsCount);
    facts.put("requestType", request.getRequestType().name());
    return facts;
  }
}
