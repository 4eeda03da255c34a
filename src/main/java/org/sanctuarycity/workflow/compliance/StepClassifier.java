package org.sanctuarycity.workflow.compliance;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.UserTask;

/**
 * Which compliance step an element is. A marker counts only on an element that can actually do the
 * step: a verification or review is a user task offered to the right group, a logged decision uses a
 * decision-log delegate. An element that uses a response delegate is a response whatever its marker
 * says, so a response cannot be disguised as something else.
 */
final class StepClassifier {

  private static final Pattern BEAN = Pattern.compile("^\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}$");

  private final ComplianceRules rules;

  StepClassifier(ComplianceRules rules) {
    this.rules = rules;
  }

  Optional<ComplianceStep> stepOf(BaseElement element) {
    Optional<String> bean = bean(element);
    if (bean.isPresent() && rules.responseDelegates().contains(bean.get())) {
      return Optional.of(ComplianceStep.RESPONSE);
    }
    Optional<ComplianceStep> marked = ComplianceGuard.markerOf(element).flatMap(ComplianceStep::fromValue);
    if (marked.isPresent() && kindProblem(element, marked.get()).isEmpty()) {
      return marked;
    }
    if (bean.isPresent() && rules.decisionLogDelegates().contains(bean.get())) {
      return Optional.of(ComplianceStep.DECISION_LOG);
    }
    return Optional.empty();
  }

  /** A marker the guard cannot honour, in words for the administrator; empty if fine or absent. */
  Optional<String> markerProblem(BaseElement element) {
    Optional<String> marker = ComplianceGuard.markerOf(element);
    if (marker.isEmpty()) {
      return Optional.empty();
    }
    Optional<ComplianceStep> step = ComplianceStep.fromValue(marker.get());
    if (step.isEmpty()) {
      return Optional.of(ComplianceGuard.label(element) + " has " + ComplianceStep.PROPERTY + "=\"" + marker.get()
          + "\", which is not a known step. Use one of: warrant-verification, legal-review, decision-log, response.");
    }
    return kindProblem(element, step.get()).map(problem -> ComplianceGuard.label(element) + " is marked "
        + ComplianceStep.PROPERTY + "=" + step.get().value() + " but " + problem
        + " Use the element template for this step.");
  }

  private Optional<String> kindProblem(BaseElement element, ComplianceStep step) {
    return switch (step) {
      case WARRANT_VERIFICATION -> userTaskFor(element, rules.verificationGroups());
      case LEGAL_REVIEW -> userTaskFor(element, rules.legalReviewGroups());
      case DECISION_LOG -> bean(element).filter(rules.decisionLogDelegates()::contains).isPresent() ? Optional.empty()
          : Optional.of("it does not use a decision-log delegate (" + String.join(", ",
              ComplianceGuard.sorted(rules.decisionLogDelegates())) + "), so it writes nothing to the transparency log.");
      case RESPONSE -> Optional.empty();
    };
  }

  private static Optional<String> userTaskFor(BaseElement element, java.util.Set<String> groups) {
    if (!(element instanceof UserTask task)) {
      return Optional.of("it is not a user task, so nobody does this step.");
    }
    List<String> candidates = task.getCamundaCandidateGroupsList();
    boolean offered = candidates != null && candidates.stream().map(String::trim).anyMatch(groups::contains);
    return offered ? Optional.empty() : Optional.of("it is not offered to "
        + String.join(" or ", ComplianceGuard.sorted(groups)) + ".");
  }

  static Optional<String> bean(BaseElement element) {
    String expression = ComplianceGuard.camunda(element, "delegateExpression");
    if (expression == null) {
      return Optional.empty();
    }
    Matcher m = BEAN.matcher(expression.trim());
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
