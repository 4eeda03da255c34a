package org.sanctuarycity.workflow.bench;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** The baseline's service tasks: the engine's cost of a service task, and nothing else. */
public class NoOpDelegate implements JavaDelegate {
  @Override
  public void execute(DelegateExecution execution) {
    // intentionally empty
  }
}
