package org.sanctuarycity.workflow.report;

import org.sanctuarycity.workflow.common.ProcessVariableContract;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The variables of transparency-report: {@link ReportVariables}. */
@Configuration(proxyBeanMethods = false)
class ReportVariableContract {

  @Bean
  ProcessVariableContract transparencyReportVariables() {
    return ProcessVariableContract.of(ReportSnapshots.PROCESS, ReportVariables.class);
  }
}
