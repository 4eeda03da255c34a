package org.sanctuarycity.workflow.contact;

import java.util.Set;
import org.sanctuarycity.workflow.common.ProcessVariableContract;
import org.sanctuarycity.workflow.intake.IntakeService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The variables of immigration-contact ({@link ContactVariables}), and the one it gives a federal request. */
@Configuration(proxyBeanMethods = false)
class ContactVariableContract {

  @Bean
  ProcessVariableContract immigrationContactVariables() {
    return ProcessVariableContract.of(ContactService.PROCESS_KEY, ContactVariables.class);
  }

  /** A contact that turns into a federal request starts it with the contact's reference. */
  @Bean
  ProcessVariableContract federalRequestFromContactVariables() {
    return new ProcessVariableContract(IntakeService.PROCESS_KEY, Set.of(ContactVariables.CONTACT_REFERENCE));
  }
}
