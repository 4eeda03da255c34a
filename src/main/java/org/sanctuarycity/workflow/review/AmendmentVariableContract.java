package org.sanctuarycity.workflow.review;

import org.sanctuarycity.workflow.common.ProcessVariableContract;
import org.sanctuarycity.workflow.intake.IntakeService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The amendment's share of the federal-request contract (merged with intake's by VariableContracts). */
@Configuration(proxyBeanMethods = false)
class AmendmentVariableContract {

  @Bean
  ProcessVariableContract decisionAmendmentVariables() {
    return ProcessVariableContract.of(IntakeService.PROCESS_KEY, AmendmentVariables.class);
  }
}
