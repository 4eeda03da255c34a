package org.sanctuarycity.workflow;

import org.sanctuarycity.workflow.transparency.OfflineVerifier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SanctuaryWorkflowApplication {

  public static void main(String[] args) {
    // The offline log verifier must run anywhere, without a database or the city's configuration,
    // so it is handled before Spring starts.
    if (args.length > 0 && OfflineVerifier.COMMAND.equals(args[0])) {
      System.exit(OfflineVerifier.run(args, System.out, System.err));
    }
    SpringApplication.run(SanctuaryWorkflowApplication.class, args);
  }
}
