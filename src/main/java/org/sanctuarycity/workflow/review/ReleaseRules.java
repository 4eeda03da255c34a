package org.sanctuarycity.workflow.review;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sanctuarycity.workflow.common.FieldProblem;
import org.sanctuarycity.workflow.intake.FederalRequest;
import org.sanctuarycity.workflow.policy.LegalBasis;
import org.sanctuarycity.workflow.policy.ProcessVariables;
import org.sanctuarycity.workflow.policy.RuleBook;
import org.sanctuarycity.workflow.verification.VerificationRecords;
import org.sanctuarycity.workflow.verification.WarrantVerification;
import org.springframework.stereotype.Component;

/**
 * Asks bpmn/release-rules.dmn about each item a decision would release, with the facts the law turns on: the
 * warrant finding, whether the warrant concerns federal criminal immigration law, the TRUST Act outcome, the
 * TRUTH Act consent, the primary purpose and facility area stated at intake, the request type, and whether the
 * cited basis can authorize the item at all. Used when the attorney decides and again before a response leaves
 * (ResponseGate).
 */
@Component
public class ReleaseRules {

  /** One item's answer: the row that decided it and why. */
  public record Verdict(String item, boolean allowed, String rule, String clause, String reason, boolean notifyPerson) {}

  /** All items' answers; the problems name each refused item and its row. */
  public record Outcome(List<Verdict> verdicts) {

    public List<FieldProblem> problems() {
      return verdicts.stream().filter(v -> !v.allowed())
          .map(v -> new FieldProblem(ProcessVariables.RELEASED_ITEMS, v.item() + " may not be released: " + v.reason()
              + " (" + v.clause() + "; " + RuleBook.RELEASE_RULES + " row " + v.rule() + ")"))
          .toList();
    }

    /** Gov. Code 7283.1(b): when notice of release or a transfer goes out, the person is told as well. */
    public boolean notifyPerson() {
      return verdicts.stream().anyMatch(v -> v.allowed() && v.notifyPerson());
    }
  }

  private final RuleBook rules;
  private final VerificationRecords verifications;
  private final RequestFacts facts;

  ReleaseRules(RuleBook rules, VerificationRecords verifications, RequestFacts facts) {
    this.rules = rules;
    this.verifications = verifications;
    this.facts = facts;
  }

  public Outcome check(FederalRequest request, LegalBasis basis, Collection<String> items, String trustOutcome) {
    Map<String, Object> common = new HashMap<>();
    common.put("warrantFinding", request.getWarrantFinding() == null ? "NONE" : request.getWarrantFinding().name());
    common.put("federalCriminalLaw", federalCriminalLaw(request));
    common.put("trustOutcome", trustOutcome == null ? "NOT_ASSESSED" : trustOutcome);
    common.put("interviewConsent", facts.interviewConsent(request));
    common.put("primaryPurpose", facts.primaryPurpose(request));
    common.put("facilityArea", facts.facilityArea(request));
    // 7284.6(a)(1)(C), (a)(4) with 7282.5: notice or transfer under the TRUST Act answers only a request for it.
    common.put("requestType", request.getRequestType() == null ? "OTHER" : request.getRequestType().name());
    List<Verdict> verdicts = new ArrayList<>();
    for (String item : items) {
      Map<String, Object> in = new HashMap<>(common);
      in.put("item", item);
      in.put("authorizedByLegalBasis", basis != null && basis.authorizes(item));
      List<Map<String, Object>> out = rules.evaluate(RuleBook.RELEASE_RULES, in);
      if (out.isEmpty()) {
        // An edited table without its last catch-all row: what no row allows stays with the city.
        verdicts.add(new Verdict(item, false, "none", "Ordinance 2025-06", "No release rule allows this item.", false));
      } else {
        Map<String, Object> r = out.get(0);
        verdicts.add(new Verdict(item, Boolean.TRUE.equals(r.get("allowed")), String.valueOf(r.get("rule")),
            String.valueOf(r.get("clause")), String.valueOf(r.get("reason")), Boolean.TRUE.equals(r.get("notifyPerson"))));
      }
    }
    return new Outcome(List.copyOf(verdicts));
  }

  /** The latest verification round decides: a reply from the agency starts a new one. */
  private boolean federalCriminalLaw(FederalRequest request) {
    List<WarrantVerification> rounds = verifications.forRequest(request.getId());
    return !rounds.isEmpty() && rounds.get(rounds.size() - 1).checks().federalCriminalLaw();
  }
}
