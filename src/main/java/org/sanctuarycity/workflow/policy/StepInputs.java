package org.sanctuarycity.workflow.policy;

import java.util.List;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.sanctuarycity.workflow.common.FieldProblem;

/** Reads what a Tasklist form submitted into a step, collecting a problem for each bad field. */
public final class StepInputs {

  private final VariableScope scope;
  private final List<FieldProblem> problems;

  public StepInputs(VariableScope scope, List<FieldProblem> problems) {
    this.scope = scope;
    this.problems = problems;
  }

  public <E extends Enum<E>> E required(Class<E> type, String name) {
    Object v = scope.getVariable(name);
    if (v == null || v.toString().isBlank()) {
      problems.add(new FieldProblem(name, "is required"));
      return null;
    }
    try {
      return Enum.valueOf(type, v.toString());
    } catch (IllegalArgumentException e) {
      problems.add(new FieldProblem(name, "is not a known value"));
      return null;
    }
  }

  public String requiredCode(String name, List<String> allowed) {
    Object v = scope.getVariable(name);
    if (v == null || v.toString().isBlank()) {
      problems.add(new FieldProblem(name, "is required"));
      return null;
    }
    if (!allowed.contains(v.toString())) {
      problems.add(new FieldProblem(name, "is not one of " + allowed));
      return null;
    }
    return v.toString();
  }

  public boolean flag(String name) {
    Object v = scope.getVariable(name);
    if (v instanceof Boolean b) {
      return b;
    }
    return v != null && "true".equalsIgnoreCase(v.toString());
  }

  public boolean requiredFlag(String name) {
    if (scope.getVariable(name) == null) {
      problems.add(new FieldProblem(name, "is required"));
      return false;
    }
    return flag(name);
  }

  public String text(String name) {
    Object v = scope.getVariable(name);
    return v == null ? null : v.toString();
  }

  public List<FieldProblem> problems() {
    return problems;
  }

  /**
   * Removes form answers the step has stored in the application's tables. Set and removed in the same
   * transaction, they are written neither to the runtime tables nor to history (CurrentValueVariableHistory);
   * the process keeps only the codes that route it.
   */
  public void consumed(List<String> names) {
    scope.removeVariables(names);
  }
}
