package org.sanctuarycity.workflow.consent;

import org.sanctuarycity.workflow.common.ProcessVariableContract;
import org.sanctuarycity.workflow.intake.IntakeService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The consent step's share of the federal-request contract (merged with intake's by VariableContracts). */
@Configuration(proxyBeanMethods = false)
class ConsentVariableContract {

  @Bean
  ProcessVariableContract interviewConsentVariables() {
    return ProcessVariableContract.of(IntakeService.PROCESS_KEY, ConsentVariables.class);
  }
}
