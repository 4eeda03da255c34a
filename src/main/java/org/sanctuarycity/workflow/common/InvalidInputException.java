package org.sanctuarycity.workflow.common;

import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BadUserRequestException;

/**
 * Input refused, with the fields and reasons. Extends the engine's BadUserRequestException so that a
 * step refusing a Tasklist form answers 400 with this message, and the whole command rolls back.
 */
public class InvalidInputException extends BadUserRequestException {

  private final transient List<FieldProblem> problems;
  private final boolean tooLarge;

  public InvalidInputException(List<FieldProblem> problems) {
    this(problems, false);
  }

  public InvalidInputException(List<FieldProblem> problems, boolean tooLarge) {
    super("Invalid input: " + problems.stream().map(FieldProblem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
    this.tooLarge = tooLarge;
  }

  /**
   * Throws when either list has a problem: all of them are reported, and the answer is 413 only when every
   * problem is a value over its length limit.
   */
  public static void refuse(List<FieldProblem> problems, List<FieldProblem> tooLong) {
    if (!problems.isEmpty() || !tooLong.isEmpty()) {
      List<FieldProblem> all = new java.util.ArrayList<>(problems);
      all.addAll(tooLong);
      throw new InvalidInputException(all, problems.isEmpty());
    }
  }

  public static InvalidInputException of(String field, String reason) {
    return new InvalidInputException(List.of(new FieldProblem(field, reason)));
  }

  public List<FieldProblem> getProblems() {
    return problems;
  }

  /** True when the only problems are values over their length limit (HTTP 413). */
  public boolean isTooLarge() {
    return tooLarge;
  }
}
