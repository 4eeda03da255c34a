package org.sanctuarycity.workflow.intake;

import org.sanctuarycity.workflow.common.ProcessVariableContract;
import org.sanctuarycity.workflow.policy.ProcessVariables;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The variables of federal-request: the README's contract, {@link ProcessVariables}. */
@Configuration(proxyBeanMethods = false)
class FederalRequestVariableContract {

  @Bean
  ProcessVariableContract federalRequestVariables() {
    return ProcessVariableContract.of(IntakeService.PROCESS_KEY, ProcessVariables.class);
  }
}
