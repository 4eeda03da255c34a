package org.sanctuarycity.workflow.compliance;

import java.util.AbstractMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.springframework.context.ApplicationContext;

/**
 * Expressions in BPMN (conditions, due dates, delegate expressions) may resolve only the beans the
 * application publishes as steps and listeners. Without this, `${runtimeService}`, `${dataSource}` or
 * any other Spring bean would be reachable from a deployed model. Every expression, in BPMN, in DMN
 * ("juel") and in queries, first passes the {@link ExpressionSandbox}, which keeps it away from reflection,
 * the operating system and the engine's services.
 */
final class PublishedBeansExpressionManager {

  private PublishedBeansExpressionManager() {}

  static SpringExpressionManager create(ApplicationContext context, Supplier<Set<String>> publishedNames) {
    return new Sandboxed(context, new PublishedBeans(context, publishedNames));
  }

  /** Spring's expression manager with the sandbox in front of its resolvers. */
  static final class Sandboxed extends SpringExpressionManager {
    Sandboxed(ApplicationContext context, Map<Object, Object> beans) {
      super(context, beans);
    }

    @Override
    protected ELResolver createElResolver() {
      CompositeELResolver resolver = new CompositeELResolver();
      resolver.add(new ExpressionSandbox());
      resolver.add(super.createElResolver());
      return resolver;
    }
  }

  /** A read-only view of the published beans; names are resolved lazily, beans on first use. */
  static final class PublishedBeans extends AbstractMap<Object, Object> {
    private final ApplicationContext context;
    private final Supplier<Set<String>> names;

    PublishedBeans(ApplicationContext context, Supplier<Set<String>> names) {
      this.context = context;
      this.names = names;
    }

    @Override
    public boolean containsKey(Object key) {
      return key instanceof String name && names.get().contains(name);
    }

    @Override
    public Object get(Object key) {
      return containsKey(key) ? context.getBean((String) key) : null;
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
      Set<Entry<Object, Object>> entries = new LinkedHashSet<>();
      for (String name : names.get()) {
        entries.add(new SimpleImmutableEntry<>(name, context.getBean(name)));
      }
      return entries;
    }
  }
}
