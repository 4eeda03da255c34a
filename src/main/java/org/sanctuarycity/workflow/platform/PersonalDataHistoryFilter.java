package org.sanctuarycity.workflow.platform;

import java.util.List;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.sanctuarycity.workflow.policy.ProcessVariables;

/**
 * Keeps personal data out of Camunda history. A Camunda Form writes every submitted field into
 * process variables and the engine records them in ACT_HI_VARINST and ACT_HI_DETAIL at once; fields
 * named with the personal prefix are dropped here before they reach the database. The step that
 * receives them moves them into the application's tables and removes the variables in the same transaction.
 */
public class PersonalDataHistoryFilter implements HistoryEventHandler {

  private final HistoryEventHandler delegate;

  public PersonalDataHistoryFilter(HistoryEventHandler delegate) {
    this.delegate = delegate;
  }

  @Override
  public void handleEvent(HistoryEvent event) {
    if (!isPersonal(event)) {
      delegate.handleEvent(event);
    }
  }

  @Override
  public void handleEvents(List<HistoryEvent> events) {
    for (HistoryEvent event : events) {
      handleEvent(event);
    }
  }

  static boolean isPersonal(HistoryEvent event) {
    if (event instanceof HistoricVariableUpdateEventEntity variable) {
      return ProcessVariables.isPersonal(variable.getVariableName());
    }
    if (event instanceof HistoricFormPropertyEventEntity formProperty) {
      return ProcessVariables.isPersonal(formProperty.getPropertyId());
    }
    return false;
  }
}
