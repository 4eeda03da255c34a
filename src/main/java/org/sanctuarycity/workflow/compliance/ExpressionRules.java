package org.sanctuarycity.workflow.compliance;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What an expression in a deployed model may contain, checked before the model is deployed: names of
 * variables and published beans, their properties, literals, operators, and the engine's date and user
 * functions. No method calls on objects, no indexing with brackets, and none of the names the
 * {@link ExpressionSandbox} refuses at run time. The shipped flows need nothing more: their expressions are
 * bean names, due dates and comparisons such as {@code ${decision == 'DECLINE'}}.
 */
final class ExpressionRules {

  /** Functions the engine itself registers for expressions; harmless, and used in due dates. */
  static final Set<String> FUNCTIONS = Set.of("now", "dateTime", "currentUser", "currentUserGroups");

  private ExpressionRules() {}

  /** Every ${...} or #{...} in a piece of model text, each with the problem it has, if any. */
  static List<String> problems(String text) {
    List<String> problems = new ArrayList<>();
    int i = 0;
    while (i < text.length() - 1) {
      char c = text.charAt(i);
      if ((c == '$' || c == '#') && text.charAt(i + 1) == '{') {
        int end = endOf(text, i + 2);
        String body = text.substring(i + 2, end < 0 ? text.length() : end);
        String expression = text.substring(i, end < 0 ? text.length() : end + 1);
        problem(body).ifPresent(p -> problems.add(abbreviate(expression) + ": " + p));
        if (end < 0) {
          problems.add(abbreviate(expression) + ": the expression is not closed with }");
          break;
        }
        i = end + 1;
      } else {
        i++;
      }
    }
    return problems;
  }

  /** The problem of one expression body (the text between the braces), if it has one. */
  static Optional<String> problem(String body) {
    String previous = "";
    int i = 0;
    while (i < body.length()) {
      char c = body.charAt(i);
      if (c == '\'' || c == '"') {
        i = skipString(body, i);
        previous = "literal";
      } else if (c == '[') {
        return Optional.of("indexing with [ ] is not allowed; name the property instead");
      } else if (Character.isJavaIdentifierStart(c)) {
        int start = i;
        while (i < body.length() && Character.isJavaIdentifierPart(body.charAt(i))) {
          i++;
        }
        String name = body.substring(start, i);
        if (ExpressionSandbox.FORBIDDEN_MEMBERS.contains(name.toLowerCase(Locale.ROOT))) {
          return Optional.of("\"" + name + "\" is not allowed in expressions");
        }
        int next = skipSpace(body, i);
        if (next < body.length() && body.charAt(next) == '(') {
          if (".".equals(previous)) {
            return Optional.of("calling the method " + name + "() is not allowed; expressions may only read values");
          }
          if (!FUNCTIONS.contains(name)) {
            return Optional.of("the function " + name + "() is not allowed; only " + String.join(", ",
                FUNCTIONS.stream().sorted().map(f -> f + "()").toList()) + " are");
          }
        }
        previous = "name";
      } else {
        if (!Character.isWhitespace(c)) {
          previous = String.valueOf(c);
        }
        i++;
      }
    }
    return Optional.empty();
  }

  /** Index of the brace that closes an expression starting at {@code from}, or -1. */
  private static int endOf(String text, int from) {
    int depth = 0;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"') {
        i = skipString(text, i) - 1;
      } else if (c == '{') {
        depth++;
      } else if (c == '}') {
        if (depth == 0) {
          return i;
        }
        depth--;
      }
    }
    return -1;
  }

  /** Index just after the string literal that starts at {@code start}. */
  private static int skipString(String text, int start) {
    char quote = text.charAt(start);
    int i = start + 1;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == quote) {
        return i + 1;
      } else {
        i++;
      }
    }
    return text.length();
  }

  private static int skipSpace(String text, int i) {
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static String abbreviate(String expression) {
    String oneLine = expression.replaceAll("\\s+", " ");
    return oneLine.length() > 80 ? oneLine.substring(0, 77) + "..." : oneLine;
  }
}
