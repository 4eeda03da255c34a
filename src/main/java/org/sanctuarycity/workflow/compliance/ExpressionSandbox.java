package org.sanctuarycity.workflow.compliance;

import java.beans.FeatureDescriptor;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.camunda.bpm.impl.juel.jakarta.el.ELContext;
import org.camunda.bpm.impl.juel.jakarta.el.ELException;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;

/**
 * The first resolver of every engine expression (BPMN, DMN "juel", task queries): it refuses what would lead
 * from a variable or a bean to arbitrary Java, before any other resolver runs. Together with the compliance
 * guard's static check of deployed models this closes issue 23, finding 2: {@code "".getClass().forName(..)}
 * and {@code execution.getProcessEngineServices()} reached the operating system and the identity service.
 *
 * <p>Refused: any property or method of a {@link Class}, of reflection, class loading, process and thread
 * objects, of the engine and its services, and of Spring's application context; and on any object the
 * members that lead there ({@code getClass}, {@code class}, {@code getProcessEngineServices}, ...). Everything
 * else falls through to the engine's own resolvers unchanged.
 */
final class ExpressionSandbox extends ELResolver {

  /** Members that lead from an ordinary object to the class system or the engine. Lower case. */
  static final Set<String> FORBIDDEN_MEMBERS = Set.of("class", "getclass", "classloader", "getclassloader",
      "forname", "loadclass", "declaringclass", "getdeclaringclass", "processengineservices",
      "getprocessengineservices", "processengine", "getprocessengine", "processengineconfiguration",
      "getprocessengineconfiguration", "runtime", "getruntime", "exec", "newinstance", "invoke", "getmethod",
      "getdeclaredmethod", "getmethods", "getdeclaredmethods", "getfield", "getdeclaredfield", "getconstructor",
      "getdeclaredconstructor", "applicationcontext", "getapplicationcontext", "beanfactory", "getbeanfactory",
      "wait", "notify", "notifyall");

  /** Types whose objects an expression may not touch at all. */
  private static final List<Class<?>> FORBIDDEN_TYPES = List.of(Class.class, ClassLoader.class, Runtime.class,
      ProcessBuilder.class, Process.class, Thread.class, ThreadGroup.class,
      java.lang.reflect.AccessibleObject.class, java.lang.reflect.Member.class, java.lang.invoke.MethodHandle.class,
      java.lang.invoke.MethodHandles.Lookup.class, java.lang.Module.class, java.lang.ModuleLayer.class,
      java.io.File.class, java.nio.file.Path.class, java.nio.file.FileSystem.class,
      javax.script.ScriptEngine.class, javax.script.ScriptEngineManager.class, javax.sql.DataSource.class,
      org.camunda.bpm.engine.ProcessEngineServices.class, org.camunda.bpm.engine.ProcessEngineConfiguration.class,
      org.camunda.bpm.engine.RuntimeService.class, org.camunda.bpm.engine.TaskService.class,
      org.camunda.bpm.engine.RepositoryService.class, org.camunda.bpm.engine.IdentityService.class,
      org.camunda.bpm.engine.ManagementService.class, org.camunda.bpm.engine.AuthorizationService.class,
      org.camunda.bpm.engine.HistoryService.class, org.camunda.bpm.engine.FormService.class,
      org.camunda.bpm.engine.FilterService.class, org.camunda.bpm.engine.ExternalTaskService.class,
      org.camunda.bpm.engine.CaseService.class, org.camunda.bpm.engine.DecisionService.class,
      org.camunda.bpm.engine.impl.interceptor.CommandExecutor.class,
      org.camunda.bpm.engine.impl.interceptor.CommandContext.class,
      org.springframework.beans.factory.BeanFactory.class);

  @Override
  public Object getValue(ELContext context, Object base, Object property) {
    check(base, property, "read");
    return null;
  }

  @Override
  public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
    check(base, method, "call");
    return null;
  }

  @Override
  public Class<?> getType(ELContext context, Object base, Object property) {
    check(base, property, "read");
    return null;
  }

  @Override
  public void setValue(ELContext context, Object base, Object property, Object value) {
    check(base, property, "write");
  }

  @Override
  public boolean isReadOnly(ELContext context, Object base, Object property) {
    check(base, property, "write");
    return false;
  }

  @Override
  public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
    return Collections.emptyIterator();
  }

  @Override
  public Class<?> getCommonPropertyType(ELContext context, Object base) {
    return null;
  }

  /** Why this member of this object may not be used in an expression, or null if it may. */
  static String refusal(Object base, Object member) {
    if (base == null) {
      // A top-level name: a variable or a published bean; the bean map already limits which.
      return null;
    }
    for (Class<?> type : FORBIDDEN_TYPES) {
      if (type.isInstance(base)) {
        return "objects of type " + type.getName() + " may not be used in expressions";
      }
    }
    String name = member == null ? "" : String.valueOf(member).toLowerCase(Locale.ROOT);
    if (FORBIDDEN_MEMBERS.contains(name)) {
      return "\"" + member + "\" may not be used in expressions";
    }
    return null;
  }

  private static void check(Object base, Object member, String action) {
    String why = refusal(base, member);
    if (why != null) {
      throw new ELException("Expression refused: cannot " + action + " " + member + ": " + why + ".");
    }
  }
}
