package org.sanctuarycity.workflow.retention;

import java.util.Date;
import java.util.function.Predicate;
import org.camunda.bpm.engine.impl.history.DefaultHistoryRemovalTimeProvider;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.repository.ProcessDefinition;

/**
 * Camunda's removal-time strategy computes when an instance's history may be cleaned up, at the moment
 * it ends. For an instance under legal hold it computes nothing: history without a removal time is never
 * removed by the cleanup. Everything else keeps the engine's default (end time + history time to live).
 */
public class HoldAwareRemovalTimeProvider extends DefaultHistoryRemovalTimeProvider {

  private final Predicate<String> held;

  public HoldAwareRemovalTimeProvider(Predicate<String> held) {
    this.held = held;
  }

  @Override
  public Date calculateRemovalTime(HistoricProcessInstanceEventEntity instance, ProcessDefinition definition) {
    String root = instance.getRootProcessInstanceId() != null ? instance.getRootProcessInstanceId()
        : instance.getProcessInstanceId();
    if (root != null && held.test(root)) {
      return null;
    }
    return super.calculateRemovalTime(instance, definition);
  }
}
