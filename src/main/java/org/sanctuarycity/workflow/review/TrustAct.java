package org.sanctuarycity.workflow.review;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sanctuarycity.workflow.policy.RuleBook;
import org.sanctuarycity.workflow.policy.TrustCriterion;
import org.springframework.stereotype.Component;

/** Gov. Code 7282.5 through bpmn/trust-act-eligibility.dmn: the criterion found gives the outcome that gates release. */
@Component
public class TrustAct {

  public static final String ELIGIBLE = "ELIGIBLE";

  /** What the table answered for one decision; codes only. */
  public record Finding(TrustCriterion criterion, Boolean magistrateProbableCause, String outcome, String clause) {}

  private final RuleBook rules;

  TrustAct(RuleBook rules) {
    this.rules = rules;
  }

  public Finding evaluate(TrustCriterion criterion, Boolean magistrateProbableCause) {
    TrustCriterion c = criterion == null ? TrustCriterion.NOT_ASSESSED : criterion;
    Map<String, Object> in = new HashMap<>();
    in.put("trustCriterion", c.name());
    in.put("magistrateProbableCause", Boolean.TRUE.equals(magistrateProbableCause));
    List<Map<String, Object>> out = rules.evaluate(RuleBook.TRUST_ACT, in);
    if (out.isEmpty()) {
      // The shipped table ends with a row that matches everything; an edited one that does not refuses release.
      return new Finding(c, magistrateProbableCause, "NOT_ASSESSED", "no row of " + RuleBook.TRUST_ACT + " matched");
    }
    return new Finding(c, magistrateProbableCause, String.valueOf(out.get(0).get("trustOutcome")),
        String.valueOf(out.get(0).get("trustClause")));
  }
}
