package org.sanctuarycity.workflow.complaint;

import org.sanctuarycity.workflow.common.ProcessVariableContract;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The variables of complaint: {@link ComplaintVariables}. */
@Configuration(proxyBeanMethods = false)
class ComplaintVariableContract {

  @Bean
  ProcessVariableContract complaintVariables() {
    return ProcessVariableContract.of(ComplaintService.PROCESS_KEY, ComplaintVariables.class);
  }
}
