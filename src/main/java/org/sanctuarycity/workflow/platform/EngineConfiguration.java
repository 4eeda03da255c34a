package org.sanctuarycity.workflow.platform;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Engine settings that are not plain properties. */
@Configuration(proxyBeanMethods = false)
public class EngineConfiguration {

  @Bean
  AbstractProcessEnginePlugin personalDataHistoryPlugin() {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setHistoryEventHandler(new PersonalDataHistoryFilter(new CurrentValueVariableHistory()));
        if (configuration instanceof SpringProcessEngineConfiguration spring) {
          // Deployments from Modeler and REST are allowed only for administrators (engine authorization);
          // nothing here loosens that.
          spring.setDeploymentName("sanctuary-workflow");
        }
      }
    };
  }

  /** Decision tables evaluate their literal cells without the FEEL interpreter; see LiteralFeelEngine. */
  @Bean
  AbstractProcessEnginePlugin literalFeelPlugin() {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        // The engine completes this DMN configuration with its own settings (history, expression languages)
        // and keeps the FEEL engine factory given here.
        DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
            ? configuration.getDmnEngineConfiguration()
            : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        dmn.setFeelEngineFactory(LiteralFeelEngine.factory(dmn));
        configuration.setDmnEngineConfiguration(dmn);
      }
    };
  }

  /** Authorization checks that do not read every authorization row first; see UnscannedGroupsAuthorizationManager. */
  @Bean
  AbstractProcessEnginePlugin unscannedGroupsAuthorizationPlugin() {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        // Custom session factories are registered after the engine's own and replace the one of the same type.
        List<SessionFactory> factories = configuration.getCustomSessionFactories() == null
            ? new ArrayList<>() : new ArrayList<>(configuration.getCustomSessionFactories());
        factories.add(new UnscannedGroupsAuthorizationManager.Factory());
        configuration.setCustomSessionFactories(factories);
      }
    };
  }

  /** Autovacuum's ANALYZE of the history tables at a pace that leaves the cores to requests; see HistoryTableStatistics. */
  @Bean
  HistoryTableStatistics historyTableStatistics(
      @Value("${app.history-tables.analyze-scale-factor:0.5}") double analyzeScaleFactor) {
    return new HistoryTableStatistics(analyzeScaleFactor);
  }

  /** Task queries with many open tasks and engine authorization on; see TaskQueryPlanning. */
  @Bean
  TaskQueryPlanning taskQueryPlanning() {
    return new TaskQueryPlanning();
  }
}
