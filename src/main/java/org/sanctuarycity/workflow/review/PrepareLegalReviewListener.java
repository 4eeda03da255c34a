package org.sanctuarycity.workflow.review;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.spin.Spin;
import org.sanctuarycity.workflow.intake.FederalRequest;
import org.sanctuarycity.workflow.intake.FederalRequests;
import org.sanctuarycity.workflow.policy.Decision;
import org.sanctuarycity.workflow.policy.LegalBasis;
import org.sanctuarycity.workflow.policy.LegalBasisCatalog;
import org.sanctuarycity.workflow.policy.ProcessVariables;
import org.sanctuarycity.workflow.policy.RuleBook;
import org.springframework.stereotype.Component;

/**
 * Create listener of UserTask_LegalReview: puts the current legal-basis catalog (codes and labels, no personal
 * data) into the task, once as a whole and once per decision. A decision's list holds the bases that
 * bpmn/decision-rules.dmn does not refuse as the legal basis of that decision for this request, so the form
 * offers a decline only reasons to decline and a compliance only what can authorize it; the table stays the one
 * place that says so, and ServiceTask_LogDecision checks the submitted choice against it again.
 */
@Component
public class PrepareLegalReviewListener implements TaskListener {

  private final LegalBasisCatalog catalog;
  private final FederalRequests requests;
  private final RuleBook rules;

  public PrepareLegalReviewListener(LegalBasisCatalog catalog, FederalRequests requests, RuleBook rules) {
    this.catalog = catalog;
    this.requests = requests;
    this.rules = rules;
  }

  @Override
  public void notify(DelegateTask task) {
    List<LegalBasis> active = catalog.active();
    task.setVariableLocal(ProcessVariables.LEGAL_BASIS_OPTIONS, Spin.JSON(options(active)));
    FederalRequest request = requests.require(UUID.fromString((String) task.getVariable(ProcessVariables.REQUEST_ID)));
    Map<String, Object> byDecision = new LinkedHashMap<>();
    for (Decision decision : Decision.values()) {
      int items = LogDecisionDelegate.releases(decision) ? 1 : 0;
      byDecision.put(decision.name(), options(active.stream()
          .filter(basis -> rules.problems(RuleBook.DECISION_RULES,
                  DecisionFacts.of(request, decision, basis, "NOT_ASSESSED", items)).stream()
              .noneMatch(p -> ProcessVariables.LEGAL_BASIS.equals(p.field())))
          .toList()));
    }
    task.setVariableLocal(ProcessVariables.LEGAL_BASIS_OPTIONS_BY_DECISION, Spin.JSON(byDecision));
  }

  private static List<Map<String, String>> options(List<LegalBasis> bases) {
    return bases.stream().map(b -> Map.of("value", b.getCode(), "label", b.getLabel())).toList();
  }
}
