package org.sanctuarycity.workflow.review;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.sanctuarycity.workflow.common.ConflictException;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.security.CurrentActor;
import org.sanctuarycity.workflow.security.Groups;
import org.springframework.stereotype.Component;

/**
 * ServiceTask_ReopenDecision of "Amend a decision", in the start form's transaction. A request with nothing to
 * amend is the attorney's input error here, so it is refused as a 400 naming the reference field (Tasklist shows it
 * beside the form), and the start rolls back with nothing stored.
 */
@Component
public class ReopenDecisionDelegate implements JavaDelegate {

  static final String REFERENCE = "reference";

  private final DecisionAmendments amendments;
  private final CurrentActor actor;

  public ReopenDecisionDelegate(DecisionAmendments amendments, CurrentActor actor) {
    this.amendments = amendments;
    this.actor = actor;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Object reference = execution.getVariable(REFERENCE);
    if (!(reference instanceof String ref) || !ref.matches("FR-\\d{4}-\\d{5}")) {
      throw InvalidInputException.of(REFERENCE, "must look like FR-2026-00001");
    }
    Object reason = execution.getVariable(AmendmentVariables.AMENDMENT_REASON);
    try {
      amendments.reopen(ref, new DecisionAmendments.NewAmendment(reason instanceof String s ? s : null),
          actor.get(Groups.CITY_ATTORNEY));
    } catch (InvalidInputException e) {
      // The API calls the field "reason"; this form calls it amendmentReason.
      throw new InvalidInputException(e.getProblems().stream().map(p -> "reason".equals(p.field())
          ? new org.sanctuarycity.workflow.common.FieldProblem(AmendmentVariables.AMENDMENT_REASON, p.reason()) : p)
          .toList());
    } catch (ConflictException e) {
      throw InvalidInputException.of(REFERENCE, e.getMessage());
    } catch (org.sanctuarycity.workflow.common.NotFoundException e) {
      throw InvalidInputException.of(REFERENCE, "no request has this reference");
    }
  }
}
