package org.sanctuarycity.workflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SanctuaryWorkflowApplication {

  public static void main(String[] args) {
    SpringApplication.run(SanctuaryWorkflowApplication.class, args);
  }
}
