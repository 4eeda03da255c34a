package org.sanctuarycity.workflow.compliance;

import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.sanctuarycity.workflow.security.Groups;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.beans.factory.support.SimpleBeanDefinitionRegistry;

/**
 * The rules the application uses, worked out without booting it: the published beans are the
 * components implementing a delegate or listener interface, named as Spring names them.
 */
final class ShippedRules {

  static final Set<String> PUBLISHED_BEANS = scan();

  static ComplianceRules rules() {
    return ComplianceRules.of(Set.copyOf(Groups.ALL), PUBLISHED_BEANS);
  }

  private static Set<String> scan() {
    ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(true);
    scanner.addIncludeFilter(new AssignableTypeFilter(JavaDelegate.class));
    Set<String> names = new TreeSet<>();
    AnnotationBeanNameGenerator naming = AnnotationBeanNameGenerator.INSTANCE;
    for (BeanDefinition candidate : scanner.findCandidateComponents("org.sanctuarycity.workflow")) {
      try {
        Class<?> type = Class.forName(candidate.getBeanClassName());
        if (JavaDelegate.class.isAssignableFrom(type) || ExecutionListener.class.isAssignableFrom(type)
            || TaskListener.class.isAssignableFrom(type)) {
          names.add(naming.generateBeanName(candidate, new SimpleBeanDefinitionRegistry()));
        }
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
    }
    return names;
  }

  private ShippedRules() {}
}
