package org.sanctuarycity.workflow.compliance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Installs the compliance guard in the engine: every deployment passes it first. */
@Configuration(proxyBeanMethods = false)
public class ComplianceConfiguration {

  @Bean
  ComplianceGuardFactory complianceGuardFactory(ComplianceProperties properties, ListableBeanFactory beans) {
    return new ComplianceGuardFactory(properties, beans);
  }

  @Bean
  AbstractProcessEnginePlugin complianceGuardPlugin(ComplianceGuardFactory factory, ApplicationContext context) {
    return new AbstractProcessEnginePlugin() {
      @Override
      public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setExpressionManager(
            PublishedBeansExpressionManager.create(context, factory::publishedBeans));
        List<Deployer> pre = configuration.getCustomPreDeployers() == null ? new ArrayList<>()
            : new ArrayList<>(configuration.getCustomPreDeployers());
        pre.add(0, new ComplianceDeploymentGuard(factory::guard));
        configuration.setCustomPreDeployers(pre);
      }
    };
  }

  /** Builds the guard from the configured lists and the beans the application publishes. */
  public static final class ComplianceGuardFactory {
    private final ComplianceProperties properties;
    private final ListableBeanFactory beans;

    ComplianceGuardFactory(ComplianceProperties properties, ListableBeanFactory beans) {
      this.properties = properties;
      this.beans = beans;
    }

    public ComplianceGuard guard() {
      return new ComplianceGuard(ComplianceRules.of(Set.copyOf(properties.candidateGroups()), publishedBeans()));
    }

    /**
     * Names only: no bean is created here, so this is safe while the engine itself is being built. Every
     * expression in a running process asks for these names, and a bean-factory type scan is costly, so the
     * answer is kept once the factory's configuration is frozen (no bean definition can be added after that).
     */
    public Set<String> publishedBeans() {
      Set<String> known = frozenNames;
      if (known != null) {
        return known;
      }
      Set<String> names;
      if (!properties.delegates().isEmpty()) {
        names = Set.copyOf(properties.delegates());
      } else {
        TreeSet<String> found = new TreeSet<>();
        for (Class<?> type : List.of(JavaDelegate.class, ExecutionListener.class, TaskListener.class)) {
          found.addAll(List.of(beans.getBeanNamesForType(type, false, false)));
        }
        names = Collections.unmodifiableSortedSet(found);
      }
      if (beans instanceof ConfigurableListableBeanFactory factory && factory.isConfigurationFrozen()) {
        frozenNames = names;
      }
      return names;
    }

    private volatile Set<String> frozenNames;
  }
}
