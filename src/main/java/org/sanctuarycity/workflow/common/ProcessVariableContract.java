package org.sanctuarycity.workflow.common;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;

/**
 * The variables a process may hold, as its module declares them (a bean per process). The engine refuses any
 * other variable (security.VariableContractGuard); the fields of the process's forms are added to it from
 * forms/ and the process model, so a form field needs no second declaration.
 *
 * @param processKey the BPMN process id
 * @param names the variable names its steps set or read
 */
public record ProcessVariableContract(String processKey, Set<String> names) {

  public ProcessVariableContract {
    names = Set.copyOf(names);
  }

  /** The contract made of the String constants of the module's variable classes (their names' values). */
  public static ProcessVariableContract of(String processKey, Class<?>... variableClasses) {
    Set<String> names = new TreeSet<>();
    for (Class<?> type : variableClasses) {
      for (Field field : type.getDeclaredFields()) {
        int m = field.getModifiers();
        if (Modifier.isStatic(m) && Modifier.isFinal(m) && field.getType() == String.class) {
          try {
            field.setAccessible(true);
            names.add((String) field.get(null));
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        }
      }
    }
    return new ProcessVariableContract(processKey, names);
  }
}
