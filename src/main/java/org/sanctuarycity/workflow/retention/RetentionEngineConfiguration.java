package org.sanctuarycity.workflow.retention;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Makes Camunda's removal-time strategy respect legal holds (see HoldAwareRemovalTimeProvider). */
@Configuration(proxyBeanMethods = false)
public class RetentionEngineConfiguration {

  @Bean
  AbstractProcessEnginePlugin legalHoldRemovalTimePlugin(ObjectProvider<JdbcTemplate> jdbc) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setHistoryRemovalTimeProvider(new HoldAwareRemovalTimeProvider(id -> {
          Integer n = jdbc.getObject().queryForObject("SELECT count(*) FROM legal_hold WHERE process_instance_id = ?"
              + " AND released_at IS NULL", Integer.class, id);
          return n != null && n > 0;
        }));
      }
    };
  }
}
