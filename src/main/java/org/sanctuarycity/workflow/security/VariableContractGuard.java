package org.sanctuarycity.workflow.security;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.sanctuarycity.workflow.common.FieldProblem;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.policy.ProcessVariables;

/**
 * Only the variables a process's contract names may be created, however they arrive: a task completion or form
 * submission with extra variables, a variable set on a task, an execution or a process instance, a start or a
 * message with variables (issue 23, finding 3: {@code subjectName} or {@code dob} sent with a completion were
 * stored in runtime and history, where auditors read them). It sits in the engine's history event chain,
 * which every variable creation passes in the same transaction, so a refusal rolls the whole command back.
 *
 * <p>Personal form fields ({@code pii_...}) are in the contracts, because the step after the form needs
 * them; they must be gone again by the end of the transaction that brought them, which is what that step does
 * when it moves them into the application's tables. One that would outlive its transaction (set on a running
 * request through the REST API, say) is refused too.
 */
final class VariableContractGuard implements HistoryEventHandler {

  private final HistoryEventHandler delegate;
  private final Supplier<VariableContracts> contracts;
  /** Personal variables created in a transaction and not yet removed, by variable instance id. */
  private final Map<CommandContext, Map<String, String>> personalAlive =
      Collections.synchronizedMap(new WeakHashMap<>());

  VariableContractGuard(HistoryEventHandler delegate, Supplier<VariableContracts> contracts) {
    this.delegate = delegate;
    this.contracts = contracts;
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    if (event instanceof HistoricVariableUpdateEventEntity variable) {
      check(variable);
    }
    delegate.handleEvent(event);
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    for (HistoryEvent event : events) {
      if (event instanceof HistoricVariableUpdateEventEntity variable) {
        check(variable);
      }
    }
    delegate.handleEvents(events);
  }

  private void check(HistoricVariableUpdateEventEntity variable) {
    String name = variable.getVariableName();
    String type = variable.getEventType();
    if (HistoryEventTypes.VARIABLE_INSTANCE_CREATE.getEventName().equals(type)) {
      if (!contracts.get().allowed(variable.getProcessDefinitionKey()).contains(name)) {
        throw new InvalidInputException(List.of(new FieldProblem(shown(name),
            "is not a variable of this process; a step takes only the fields of its own form")));
      }
      if (ProcessVariables.isPersonal(name)) {
        alive(Context.getCommandContext()).put(variable.getVariableInstanceId(), name);
      }
    } else if (HistoryEventTypes.VARIABLE_INSTANCE_DELETE.getEventName().equals(type) && ProcessVariables.isPersonal(name)) {
      CommandContext context = Context.getCommandContext();
      Map<String, String> alive = context == null ? null : personalAlive.get(context);
      if (alive != null) {
        alive.remove(variable.getVariableInstanceId());
      }
    }
  }

  private Map<String, String> alive(CommandContext context) {
    return personalAlive.computeIfAbsent(context, c -> {
      Map<String, String> alive = Collections.synchronizedMap(new LinkedHashMap<>());
      c.getTransactionContext().addTransactionListener(TransactionState.COMMITTING, committing -> {
        personalAlive.remove(c);
        if (!alive.isEmpty()) {
          throw new InvalidInputException(alive.values().stream().distinct().map(n -> new FieldProblem(shown(n),
              "is personal data and is taken only by the step whose form asks for it")).toList());
        }
      });
      return alive;
    });
  }

  /** The name as given when it is a plain identifier; otherwise it is not repeated (it might be anything). */
  static String shown(String name) {
    return name != null && name.matches("[A-Za-z0-9_.-]{1,64}") ? name : "(variable name not shown)";
  }
}
