package org.sanctuarycity.workflow.review;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.spin.json.SpinJsonNode;
import org.sanctuarycity.workflow.common.FieldProblem;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.common.TextRules;
import org.sanctuarycity.workflow.intake.FederalRequest;
import org.sanctuarycity.workflow.intake.FederalRequests;
import org.sanctuarycity.workflow.policy.Decision;
import org.sanctuarycity.workflow.policy.LegalBasis;
import org.sanctuarycity.workflow.policy.LegalBasisCatalog;
import org.sanctuarycity.workflow.policy.ProcessVariables;
import org.sanctuarycity.workflow.policy.ReleasableItem;
import org.sanctuarycity.workflow.policy.RuleBook;
import org.sanctuarycity.workflow.policy.StepInputs;
import org.sanctuarycity.workflow.policy.TrustCriterion;
import org.sanctuarycity.workflow.security.CurrentActor;
import org.sanctuarycity.workflow.security.Groups;
import org.springframework.stereotype.Component;

/**
 * ServiceTask_LogDecision, directly after UserTask_LegalReview and in the same transaction: checks the decision
 * against the legal-basis catalog, bpmn/decision-rules.dmn (the decision as a whole), bpmn/trust-act-eligibility.dmn
 * (Gov. Code 7282.5) and bpmn/release-rules.dmn (each released item), stores it, and writes DECIDED. If anything is
 * refused, every problem is reported at once, the legal review stays open and nothing is stored.
 */
@Component
public class LogDecisionDelegate implements JavaDelegate {

  static final String RATIONALE = "pii_rationale";
  static final String CRIMINAL_HISTORY_NOTES = "pii_criminalHistoryNotes";

  private final FederalRequests requests;
  private final LegalBasisCatalog catalog;
  private final RuleBook rules;
  private final Decisions decisions;
  private final CurrentActor actor;
  private final TrustAct trustAct;
  private final ReleaseRules releaseRules;

  public LogDecisionDelegate(FederalRequests requests, LegalBasisCatalog catalog, RuleBook rules, Decisions decisions,
      CurrentActor actor, TrustAct trustAct, ReleaseRules releaseRules) {
    this.requests = requests;
    this.catalog = catalog;
    this.rules = rules;
    this.decisions = decisions;
    this.actor = actor;
    this.trustAct = trustAct;
    this.releaseRules = releaseRules;
  }

  @Override
  public void execute(DelegateExecution execution) {
    FederalRequest request = requests.require(UUID.fromString((String) execution.getVariable(ProcessVariables.REQUEST_ID)));
    List<FieldProblem> problems = new ArrayList<>();
    StepInputs in = new StepInputs(execution, problems);
    Decision decision = in.required(Decision.class, ProcessVariables.DECISION);
    String basisCode = in.text(ProcessVariables.LEGAL_BASIS);
    Optional<LegalBasis> basis = catalog.findActive(basisCode);
    if (basisCode == null || basisCode.isBlank()) {
      problems.add(new FieldProblem(ProcessVariables.LEGAL_BASIS, "is required"));
    } else if (basis.isEmpty()) {
      problems.add(new FieldProblem(ProcessVariables.LEGAL_BASIS, "is not in the legal-basis catalog"));
    }
    Set<String> items = releasedItems(execution.getVariable(ProcessVariables.RELEASED_ITEMS), problems);
    List<FieldProblem> tooLong = new ArrayList<>();
    String rationale = TextRules.check(problems, tooLong, RATIONALE, in.text(RATIONALE), 8000, true, true);
    String historyNotes = TextRules.check(problems, tooLong, CRIMINAL_HISTORY_NOTES, in.text(CRIMINAL_HISTORY_NOTES),
        4000, true, false);
    TrustCriterion criterion = in.text(ProcessVariables.TRUST_CRITERION) == null ? TrustCriterion.NOT_ASSESSED
        : in.required(TrustCriterion.class, ProcessVariables.TRUST_CRITERION);
    boolean probableCause = in.flag(ProcessVariables.MAGISTRATE_PROBABLE_CAUSE);
    problems.addAll(tooLong);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    TrustAct.Finding trust = trustAct.evaluate(criterion, probableCause);
    Map<String, Object> facts = DecisionFacts.of(request, decision, basis.get(), trust.outcome(), items.size());
    List<FieldProblem> refused = new ArrayList<>(rules.problems(RuleBook.DECISION_RULES, facts));
    ReleaseRules.Outcome release = releaseRules.check(request, basis.get(), releases(decision) ? items : Set.of(),
        trust.outcome());
    refused.addAll(release.problems());
    if (!refused.isEmpty()) {
      throw new InvalidInputException(refused);
    }

    execution.removeVariables(List.of(RATIONALE, CRIMINAL_HISTORY_NOTES, ProcessVariables.TRUST_CRITERION,
        ProcessVariables.MAGISTRATE_PROBABLE_CAUSE));
    decisions.decide(execution, request, decision, basis.get().getCode(), rationale,
        items.isEmpty() ? null : String.join(",", items), trust, historyNotes, release.notifyPerson(),
        actor.get(Groups.CITY_ATTORNEY));
  }

  static boolean releases(Decision decision) {
    return decision == Decision.COMPLY || decision == Decision.COMPLY_LIMITED;
  }

  /** The form's checklist arrives as a JSON array, a list, or comma-separated text; codes only. */
  static Set<String> releasedItems(Object raw, List<FieldProblem> problems) {
    List<String> values = new ArrayList<>();
    if (raw instanceof SpinJsonNode json && json.isArray()) {
      json.elements().forEach(e -> values.add(e.isString() ? e.stringValue() : e.toString()));
    } else if (raw instanceof Collection<?> c) {
      c.forEach(v -> values.add(String.valueOf(v)));
    } else if (raw != null && !raw.toString().isBlank()) {
      for (String s : raw.toString().replaceAll("[\\[\\]\"]", "").split(",")) {
        values.add(s.strip());
      }
    }
    Set<String> items = new LinkedHashSet<>();
    for (String v : values) {
      if (v.isBlank()) {
        continue;
      }
      try {
        items.add(ReleasableItem.valueOf(v).name());
      } catch (IllegalArgumentException e) {
        problems.add(new FieldProblem(ProcessVariables.RELEASED_ITEMS, "contains an unknown item"));
        return Set.of();
      }
    }
    return items;
  }
}
