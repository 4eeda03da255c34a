package org.sanctuarycity.workflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.FileInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.InputEntry;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.junit.jupiter.api.Test;

/**
 * The fast FEEL path must answer exactly as Camunda's Scala FEEL engine: cell by cell over every table in
 * bpmn/, and decision by decision over many input combinations.
 */
class LiteralFeelEngineTest {

  static final File BPMN = new File("bpmn");

  final FeelEngine reference = new ScalaFeelEngineFactory(List.of()).createInstance();
  final LiteralFeelEngine fast = new LiteralFeelEngine(new ScalaFeelEngineFactory(List.of()).createInstance());

  static List<DmnModelInstance> tables() {
    File[] files = BPMN.listFiles((d, n) -> n.endsWith(".dmn"));
    assertThat(files).as("DMN tables in bpmn/").isNotEmpty();
    return Arrays.stream(files).sorted().map(Dmn::readModelFromFile).toList();
  }

  /** Every string literal in the tables, so each list cell is tried with values in and out of it. */
  static Set<Object> candidateInputs(List<DmnModelInstance> tables) {
    Set<Object> values = new LinkedHashSet<>();
    Pattern literal = Pattern.compile("\"([^\"\\\\]*)\"");
    for (DmnModelInstance t : tables) {
      for (InputEntry e : t.getModelElementsByType(InputEntry.class)) {
        Matcher m = literal.matcher(e.getTextContent());
        while (m.find()) {
          values.add(m.group(1));
        }
      }
    }
    values.addAll(Arrays.asList("", "other", true, false, 0, 1, -1, 5, 72L, 0.5, null));
    return values;
  }

  static VariableContext with(String name, Object value) {
    return Variables.createVariables().putValue(name, value).asVariableContext();
  }

  /** The answer, or the kind of failure: both engines must agree on either. */
  static Object outcome(java.util.function.Supplier<Object> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return "failed: " + e.getClass().getSimpleName();
    }
  }

  @Test
  void everyInputCellOfEveryTableAnswersAsTheScalaEngineForEveryCandidateInput() {
    List<DmnModelInstance> tables = tables();
    Set<Object> inputs = candidateInputs(tables);
    int compared = 0;
    int handled = 0;
    for (DmnModelInstance t : tables) {
      for (InputEntry e : t.getModelElementsByType(InputEntry.class)) {
        String text = e.getTextContent();
        if (text == null || text.isBlank() || text.trim().equals("-")) {
          continue;
        }
        if (LiteralFeelEngine.handlesUnaryTest(text)) {
          handled++;
        }
        for (Object input : inputs) {
          Object expected = outcome(() -> reference.evaluateSimpleUnaryTests(text, "cellInput", with("cellInput", input)));
          Object actual = outcome(() -> fast.evaluateSimpleUnaryTests(text, "cellInput", with("cellInput", input)));
          assertThat(actual).as("cell %s with input %s", text, input).isEqualTo(expected);
          compared++;
        }
      }
    }
    assertThat(handled).as("cells the fast path answers").isGreaterThan(20);
    assertThat(compared).isGreaterThan(1000);
  }

  @Test
  void cellsOutsideTheLiteralFormsGoToTheScalaEngine() {
    for (String text : List.of("\"a\\\"b\"", "[1..5]", "date(\"2026-01-01\")", "x > 1", "not(1)", "\"a\", 1",
        "upper case(\"a\")", "> 1e3")) {
      assertThat(LiteralFeelEngine.handlesUnaryTest(text)).as(text).isFalse();
    }
    for (String text : List.of("\"A\"", "\"A\",\"B\"", "not(\"A\")", "not( \"A\" , \"B\" )", "true", "false", "> 0",
        "<= 72", "5", "-3.25")) {
      assertThat(LiteralFeelEngine.handlesUnaryTest(text)).as(text).isTrue();
    }
    // Same answers for these too, including the ones the fast path refuses.
    for (String text : List.of("[1..5]", "not(\"A\")", "> 0", "5", "-3.25", "\"a\", 1")) {
      for (Object input : Arrays.asList("A", "B", 0, 3, 5L, -3.25, true, null)) {
        Object expected = outcome(() -> reference.evaluateSimpleUnaryTests(text, "cellInput", with("cellInput", input)));
        Object actual = outcome(() -> fast.evaluateSimpleUnaryTests(text, "cellInput", with("cellInput", input)));
        assertThat(actual).as("cell %s with input %s", text, input).isEqualTo(expected);
      }
    }
  }

  @Test
  void outputCellsAndInputExpressionsGiveTheSameValuesOfTheSameTypes() {
    List<DmnModelInstance> tables = tables();
    int compared = 0;
    for (DmnModelInstance t : tables) {
      for (OutputEntry e : t.getModelElementsByType(OutputEntry.class)) {
        String text = e.getTextContent();
        if (text == null || text.isBlank()) {
          continue;
        }
        // Twice: the second answer comes from the kept literal.
        for (int i = 0; i < 2; i++) {
          Object expected = outcome(() -> reference.evaluateSimpleExpression(text, with("x", 1)));
          Object actual = outcome(() -> fast.evaluateSimpleExpression(text, with("x", 1)));
          assertThat(actual).as("output %s", text).isEqualTo(expected);
          assertThat(actual == null ? null : actual.getClass()).as("type of output %s", text)
              .isEqualTo(expected == null ? null : expected.getClass());
          compared++;
        }
      }
      for (Input input : t.getModelElementsByType(Input.class)) {
        String text = input.getInputExpression().getText().getTextContent();
        for (Object value : Arrays.asList("DETAINER", "", true, false, 3, 3L, 2.5, null)) {
          Object expected = outcome(() -> reference.evaluateSimpleExpression(text, with(text, value)));
          Object actual = outcome(() -> fast.evaluateSimpleExpression(text, with(text, value)));
          assertThat(actual).as("input %s = %s", text, value).isEqualTo(expected);
          assertThat(actual == null ? null : actual.getClass()).isEqualTo(expected == null ? null : expected.getClass());
          compared++;
        }
        // A variable that is not there at all.
        Object expected = outcome(() -> reference.evaluateSimpleExpression(text, with("somethingElse", 1)));
        Object actual = outcome(() -> fast.evaluateSimpleExpression(text, with("somethingElse", 1)));
        assertThat(actual).as("missing %s", text).isEqualTo(expected);
      }
    }
    assertThat(compared).isGreaterThan(50);
  }

  @Test
  void everyDecisionGivesTheSameResultsWithAndWithoutTheFastPath() throws Exception {
    DmnEngine plain = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
    DefaultDmnEngineConfiguration config = (DefaultDmnEngineConfiguration) DmnEngineConfiguration
        .createDefaultDmnEngineConfiguration();
    config.setFeelEngineFactory(LiteralFeelEngine.factory(config));
    DmnEngine withFastPath = config.buildEngine();
    assertThat(config.getFeelEngine()).isInstanceOf(LiteralFeelEngine.class);

    List<DmnModelInstance> tables = tables();
    List<Object> values = new ArrayList<>(candidateInputs(tables));
    Random random = new Random(20261127);
    int evaluations = 0;
    for (File f : BPMN.listFiles((d, n) -> n.endsWith(".dmn"))) {
      List<DmnDecision> a;
      List<DmnDecision> b;
      try (InputStream in = new FileInputStream(f); InputStream in2 = new FileInputStream(f)) {
        a = plain.parseDecisions(in);
        b = withFastPath.parseDecisions(in2);
      }
      DmnModelInstance model = Dmn.readModelFromFile(f);
      // Values of each input's type (and null), so that the rules, not type errors, decide.
      Map<String, List<Object>> variables = new HashMap<>();
      for (Input input : model.getModelElementsByType(Input.class)) {
        String type = String.valueOf(input.getInputExpression().getTypeRef());
        List<Object> ofType = new ArrayList<>(values.stream().filter(v -> switch (type) {
          case "string" -> v instanceof String;
          case "boolean" -> v instanceof Boolean;
          case "integer", "long", "double" -> v instanceof Number;
          default -> true;
        }).toList());
        ofType.add(null);
        variables.put(input.getInputExpression().getText().getTextContent().trim(), ofType);
      }
      for (int d = 0; d < a.size(); d++) {
        for (int i = 0; i < 600; i++) {
          Map<String, Object> vars = new HashMap<>();
          variables.forEach((v, ofType) -> vars.put(v, ofType.get(random.nextInt(ofType.size()))));
          DmnDecision da = a.get(d);
          DmnDecision db = b.get(d);
          Object expected = outcome(() -> resultList(plain.evaluateDecision(da, vars)));
          Object actual = outcome(() -> resultList(withFastPath.evaluateDecision(db, vars)));
          assertThat(actual).as("%s with %s", da.getKey(), vars).isEqualTo(expected);
          evaluations++;
        }
      }
    }
    assertThat(evaluations).isGreaterThan(1500);
  }

  static Object resultList(DmnDecisionResult result) {
    List<Map<String, Object>> rows = new ArrayList<>();
    result.forEach(r -> rows.add(new HashMap<>(r.getEntryMap())));
    return rows.stream().map(m -> {
      Map<String, String> typed = new HashMap<>();
      m.forEach((k, v) -> typed.put(k, v == null ? "null" : v.getClass().getSimpleName() + ":" + v));
      return typed;
    }).map(Objects::toString).toList();
  }
}
