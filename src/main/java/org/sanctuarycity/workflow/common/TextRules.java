package org.sanctuarycity.workflow.common;

import java.util.List;

/**
 * Rules every free-text field follows: a length limit, no control characters (line breaks only
 * where the field is multi-line), and well-formed Unicode. Text passing them is stored as typed and
 * escaped wherever it is shown.
 */
public final class TextRules {

  private TextRules() {}

  /** Adds a problem for {@code field} when {@code value} breaks a rule; returns the trimmed value or null. */
  public static String check(List<FieldProblem> problems, List<FieldProblem> tooLong, String field, String value,
      int max, boolean multiline, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        problems.add(new FieldProblem(field, "is required"));
      }
      return null;
    }
    String text = value.strip();
    if (text.length() > max) {
      tooLong.add(new FieldProblem(field, "is longer than " + max + " characters"));
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          problems.add(new FieldProblem(field, "is not valid Unicode text"));
          return null;
        }
        i++;
      } else if (Character.isLowSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
        problems.add(new FieldProblem(field, "is not valid Unicode text"));
        return null;
      } else if (Character.isISOControl(c) && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) {
        problems.add(new FieldProblem(field, "must not contain control characters"));
        return null;
      }
    }
    return text;
  }
}
