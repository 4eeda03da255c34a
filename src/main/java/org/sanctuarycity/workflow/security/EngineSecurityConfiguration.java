package org.sanctuarycity.workflow.security;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Security checks that live inside the engine's command chain, where every entrance passes them. */
@Configuration(proxyBeanMethods = false)
public class EngineSecurityConfiguration {

  @Bean
  AbstractProcessEnginePlugin engineGuardsPlugin() {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setCustomPostCommandInterceptorsTxRequired(
            with(configuration.getCustomPostCommandInterceptorsTxRequired(), new QueryExpressionGuard(),
                new SystemJobGuard()));
        configuration.setCustomPostCommandInterceptorsTxRequiresNew(
            with(configuration.getCustomPostCommandInterceptorsTxRequiresNew(), new QueryExpressionGuard(),
                new SystemJobGuard()));
      }
    };
  }

  private static List<CommandInterceptor> with(List<CommandInterceptor> existing, CommandInterceptor... added) {
    List<CommandInterceptor> all = existing == null ? new ArrayList<>() : new ArrayList<>(existing);
    all.addAll(List.of(added));
    return all;
  }
}
