package org.sanctuarycity.workflow.platform;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * FEEL for the decision tables, with the cells lawyers actually write answered without the FEEL
 * interpreter, and everything else passed to Camunda's own (Scala) FEEL engine unchanged.
 *
 * <p>Why: the Scala engine parses each cell on every evaluation and builds its whole library of
 * built-in functions for every cell it evaluates. A decision table of 14 rules is dozens of cells, and
 * the benchmark found FEEL to be about a fifth of the application's CPU time, most of it in the intake.
 *
 * <p>Answered here, and only for non-null inputs of the matching Java type, so that FEEL's rules for
 * null and for mixed types never come into play:
 * <ul>
 *   <li>input entries that are a list of string literals, or {@code not(...)} of one: {@code "A","B"};</li>
 *   <li>{@code true} and {@code false} against a Boolean input;</li>
 *   <li>a comparison with a number literal ({@code > 0}, {@code <= 72}, {@code 5}) against a number input;</li>
 *   <li>output entries that are literals: their value is whatever the Scala engine returned the first
 *       time, kept per text (literals have no inputs);</li>
 *   <li>input expressions that name a variable holding a String or a Boolean (FEEL returns those as they are).</li>
 * </ul>
 * {@code LiteralFeelEngineTest} evaluates every cell of the tables in bpmn/ both ways and requires the same answers.
 */
public final class LiteralFeelEngine implements FeelEngine {

  private static final Pattern STRING_LIST = Pattern.compile("\"[^\"\\\\]*\"(\\s*,\\s*\"[^\"\\\\]*\")*");
  private static final Pattern NOT_STRING_LIST = Pattern.compile("not\\(\\s*(" + STRING_LIST.pattern() + ")\\s*\\)");
  private static final Pattern NUMBER_TEST = Pattern.compile("(<=|>=|<|>|=)?\\s*(-?\\d{1,15}(\\.\\d{1,15})?)");
  private static final Pattern LITERAL = Pattern.compile("\"[^\"\\\\]*\"|true|false|-?\\d{1,15}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final java.util.Set<String> RESERVED = java.util.Set.of("true", "false", "null", "not", "and", "or",
      "if", "then", "else", "for", "in", "return", "some", "every", "satisfies", "between", "instance", "of",
      "function", "date", "time");

  /** A cell compiled to a test, or none when the Scala engine must answer it. */
  private interface Test {
    /** Empty when this input is not one the fast path answers; the caller then asks the Scala engine. */
    Optional<Boolean> apply(Object input);
  }

  private static final Test NOT_HANDLED = input -> Optional.empty();

  private final FeelEngine scala;
  private final Map<String, Test> tests = new ConcurrentHashMap<>();
  private final Map<String, Object> literals = new ConcurrentHashMap<>();

  LiteralFeelEngine(FeelEngine scala) {
    this.scala = scala;
  }

  /**
   * The factory to give the DMN engine. It creates the Scala engine when the DMN engine asks for it, so
   * custom FEEL functions the process engine registers by then are included as usual.
   */
  public static FeelEngineFactory factory(DefaultDmnEngineConfiguration configuration) {
    return () -> new LiteralFeelEngine(new ScalaFeelEngineFactory(configuration.getFeelCustomFunctionProviders() == null
        ? List.of() : configuration.getFeelCustomFunctionProviders()).createInstance());
  }

  @Override
  public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext context) {
    Test test = tests.computeIfAbsent(expression.trim(), LiteralFeelEngine::compile);
    if (test != NOT_HANDLED) {
      TypedValue value = context.resolve(inputVariable);
      Optional<Boolean> answer = test.apply(value == null ? null : value.getValue());
      if (answer.isPresent()) {
        return answer.get();
      }
    }
    return scala.evaluateSimpleUnaryTests(expression, inputVariable, context);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T evaluateSimpleExpression(String expression, VariableContext context) {
    String text = expression.trim();
    Object known = literals.get(text);
    if (known != null) {
      return (T) known;
    }
    if (NAME.matcher(text).matches() && !RESERVED.contains(text) && context.containsVariable(text)) {
      TypedValue value = context.resolve(text);
      Object v = value == null ? null : value.getValue();
      if (v instanceof String || v instanceof Boolean) {
        return (T) v;
      }
    }
    T result = scala.evaluateSimpleExpression(expression, context);
    if (result != null && LITERAL.matcher(text).matches()) {
      literals.putIfAbsent(text, result);
    }
    return result;
  }

  static Test compile(String text) {
    if (STRING_LIST.matcher(text).matches()) {
      List<String> values = strings(text);
      return input -> input instanceof String s ? Optional.of(values.contains(s)) : Optional.empty();
    }
    var not = NOT_STRING_LIST.matcher(text);
    if (not.matches()) {
      List<String> values = strings(not.group(1));
      return input -> input instanceof String s ? Optional.of(!values.contains(s)) : Optional.empty();
    }
    if (text.equals("true") || text.equals("false")) {
      boolean expected = Boolean.parseBoolean(text);
      return input -> input instanceof Boolean b ? Optional.of(b == expected) : Optional.empty();
    }
    var number = NUMBER_TEST.matcher(text);
    if (number.matches()) {
      String op = number.group(1) == null ? "=" : number.group(1);
      BigDecimal limit = new BigDecimal(number.group(2));
      return input -> compare(input, limit).map(c -> switch (op) {
        case "<" -> c < 0;
        case "<=" -> c <= 0;
        case ">" -> c > 0;
        case ">=" -> c >= 0;
        default -> c == 0;
      });
    }
    return NOT_HANDLED;
  }

  private static Optional<Integer> compare(Object input, BigDecimal limit) {
    BigDecimal value;
    if (input instanceof Integer || input instanceof Long || input instanceof Short || input instanceof Byte) {
      value = BigDecimal.valueOf(((Number) input).longValue());
    } else if (input instanceof BigDecimal d) {
      value = d;
    } else if (input instanceof Double d && Double.isFinite(d)) {
      value = BigDecimal.valueOf(d);
    } else {
      return Optional.empty();
    }
    return Optional.of(value.compareTo(limit));
  }

  private static List<String> strings(String list) {
    List<String> values = new ArrayList<>();
    int i = 0;
    while ((i = list.indexOf('"', i)) >= 0) {
      int end = list.indexOf('"', i + 1);
      values.add(list.substring(i + 1, end));
      i = end + 1;
    }
    return List.copyOf(values);
  }

  /** For tests: how a cell text is answered. */
  static boolean handlesUnaryTest(String text) {
    return compile(text.trim()) != NOT_HANDLED;
  }
}
