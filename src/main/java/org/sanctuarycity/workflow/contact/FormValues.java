package org.sanctuarycity.workflow.contact;

import java.util.List;
import java.util.Map;
import org.sanctuarycity.workflow.common.FieldProblem;

/** Reads Camunda Form values (strings, numbers, booleans) without trusting their types. */
public final class FormValues {

  private FormValues() {}

  public static String text(Map<String, Object> vars, String name) {
    Object v = vars.get(name);
    return v == null || v.toString().isBlank() ? null : v.toString();
  }

  public static <E extends Enum<E>> E enumValue(Class<E> type, Map<String, Object> vars, String name,
      List<FieldProblem> problems) {
    String v = text(vars, name);
    if (v == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, v.strip());
    } catch (IllegalArgumentException e) {
      problems.add(new FieldProblem(name, "is not a known value"));
      return null;
    }
  }

  public static Integer integer(Map<String, Object> vars, String name, List<FieldProblem> problems) {
    Object v = vars.get(name);
    if (v == null || v.toString().isBlank()) {
      return null;
    }
    if (v instanceof Number n) {
      return n.intValue();
    }
    try {
      return Integer.valueOf(v.toString().strip());
    } catch (NumberFormatException e) {
      problems.add(new FieldProblem(name, "is not a whole number"));
      return null;
    }
  }
}
