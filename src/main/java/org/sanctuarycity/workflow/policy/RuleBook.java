package org.sanctuarycity.workflow.policy;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.variable.Variables;
import org.sanctuarycity.workflow.common.FieldProblem;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * Consistency rules kept as DMN tables with hit policy COLLECT and outputs {@code field} and
 * {@code reason}: every matching rule is one problem. A lawyer edits the table; no code changes.
 */
@Component
public class RuleBook {

  public static final String VERIFICATION_RULES = "verification-rules";
  public static final String DECISION_RULES = "decision-rules";
  public static final String RELEASE_RULES = "release-rules";
  public static final String TRUST_ACT = "trust-act-eligibility";

  private final DecisionService decisions;

  public RuleBook(DecisionService decisions) {
    this.decisions = decisions;
  }

  public List<FieldProblem> problems(String decisionKey, Map<String, Object> inputs) {
    return decisions.evaluateDecisionByKey(decisionKey)
        .variables(Variables.fromMap(inputs))
        .evaluate()
        .getResultList().stream()
        .map(r -> new FieldProblem(String.valueOf(r.get("field")), String.valueOf(r.get("reason"))))
        .toList();
  }

  /** Every matching row's outputs, in table order (hit policy FIRST gives at most one). */
  public List<Map<String, Object>> evaluate(String decisionKey, Map<String, Object> inputs) {
    return decisions.evaluateDecisionByKey(decisionKey)
        .variables(Variables.fromMap(inputs))
        .evaluate()
        .getResultList();
  }

  /** Throws InvalidInputException (HTTP 400, nothing changes) when any rule matches. */
  public void enforce(String decisionKey, Map<String, Object> inputs) {
    List<FieldProblem> problems = problems(decisionKey, inputs);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }
}
