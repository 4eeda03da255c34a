package org.sanctuarycity.workflow.common;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Map;

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

  /**
   * A date and time from a form: a Date (Camunda's date-time field), an ISO date-time with offset, or a
   * local date-time read in the city's zone.
   */
  public static OffsetDateTime dateTime(Map<String, Object> vars, String name, List<FieldProblem> problems,
      ZoneId cityZone) {
    Object v = vars.get(name);
    if (v == null || v.toString().isBlank()) {
      return null;
    }
    if (v instanceof Date d) {
      return d.toInstant().atZone(cityZone).toOffsetDateTime();
    }
    String s = v.toString().strip();
    try {
      return OffsetDateTime.parse(s);
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(s).atZone(cityZone).toOffsetDateTime();
      } catch (DateTimeParseException e2) {
        problems.add(new FieldProblem(name, "is not a date and time"));
        return null;
      }
    }
  }
}
