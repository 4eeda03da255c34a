package org.sanctuarycity.workflow.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.Test;
import org.sanctuarycity.workflow.policy.Decision;
import org.sanctuarycity.workflow.policy.ReleasableItem;
import org.sanctuarycity.workflow.policy.TrustCriterion;

/**
 * docs/legal.md is the city attorney's map from clause to table row to test. This keeps it true: every row of the
 * law's tables cites its clause and is in the map, every test the map names exists, and the codes of the legal-review
 * form, the Java enums and the tables are one list.
 */
class LegalMapTest {

  static final List<String> LAW_TABLES = List.of("release-rules", "trust-act-eligibility", "decision-rules");
  static final Pattern CITATION = Pattern.compile("Gov\\. Code|Penal Code|\\bAB \\d+|\\bSB \\d+|U\\.S\\.C\\.|Ordinance"
      + "|catalog|domain\\.md");
  static final Pattern TEST_REFERENCE = Pattern.compile("`?([A-Z][A-Za-z0-9]+)#([a-z][A-Za-z0-9]+)`?");

  static DmnModelInstance table(String key) {
    return Dmn.readModelFromFile(Path.of("bpmn", key + ".dmn").toFile());
  }

  static String legalMap() throws IOException {
    return Files.readString(Path.of("docs/legal.md"));
  }

  @Test
  void everyRowOfTheLawsTablesCitesItsClauseAndIsInTheLegalMap() throws IOException {
    String map = legalMap();
    for (String key : LAW_TABLES) {
      for (Rule rule : table(key).getModelElementsByType(Rule.class)) {
        String description = rule.getDescription() == null ? "" : rule.getDescription().getTextContent();
        assertThat(description).as("%s row %s cites its clause", key, rule.getId()).containsPattern(CITATION);
        assertThat(map).as("docs/legal.md names %s row %s", key, rule.getId()).contains(rule.getId());
      }
    }
  }

  /** Every table in bpmn/, the classification and verification tables included: each row says which clause it carries. */
  @Test
  void everyRowOfEveryTableHasADescriptionCitingItsClause() throws IOException {
    List<Path> tables;
    try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
      tables = files.filter(p -> p.getFileName().toString().endsWith(".dmn")).sorted().toList();
    }
    assertThat(tables).hasSizeGreaterThanOrEqualTo(5);
    int rows = 0;
    for (Path file : tables) {
      for (Rule rule : Dmn.readModelFromFile(file.toFile()).getModelElementsByType(Rule.class)) {
        rows++;
        String description = rule.getDescription() == null ? "" : rule.getDescription().getTextContent().strip();
        assertThat(description).as("%s row %s has a description", file.getFileName(), rule.getId()).isNotEmpty();
        assertThat(description).as("%s row %s cites its clause", file.getFileName(), rule.getId())
            .containsPattern(CITATION);
      }
    }
    assertThat(rows).isGreaterThan(50);
  }

  @Test
  void eachReleaseRuleNamesItselfInTheRefusalItGives() {
    for (Rule rule : table("release-rules").getModelElementsByType(Rule.class)) {
      String ruleOutput = new ArrayList<>(rule.getOutputEntries()).get(1).getText().getTextContent();
      assertThat(ruleOutput).as("output 'rule' of %s", rule.getId()).isEqualTo("\"" + rule.getId() + "\"");
    }
  }

  @Test
  void everyTestTheLegalMapNamesExists() throws IOException {
    Matcher m = TEST_REFERENCE.matcher(legalMap());
    int found = 0;
    while (m.find()) {
      found++;
      String cls = m.group(1);
      String method = m.group(2);
      List<Path> sources;
      try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
        sources = files.filter(p -> p.getFileName().toString().equals(cls + ".java")).toList();
      }
      assertThat(sources).as("test class %s named in docs/legal.md", cls).hasSize(1);
      assertThat(Files.readString(sources.get(0))).as("%s#%s named in docs/legal.md", cls, method)
          .containsPattern("void " + method + "\\(");
    }
    assertThat(found).as("tests named in docs/legal.md").isGreaterThan(20);
  }

  @Test
  void theFormTheEnumsAndTheTablesShareOneListOfCodes() throws IOException {
    JsonNode form = new ObjectMapper().readTree(Path.of("forms/legal-review.form").toFile());
    assertThat(formValues(form, "releasedItems")).containsExactlyElementsOf(names(ReleasableItem.values()));
    assertThat(formValues(form, "decision")).containsExactlyInAnyOrderElementsOf(names(Decision.values()));
    assertThat(formValues(form, "trustCriterion")).containsExactlyElementsOf(names(TrustCriterion.values()));

    String release = inputEntries("release-rules");
    for (ReleasableItem item : ReleasableItem.values()) {
      assertThat(release).as("release-rules has a row for %s", item).contains("\"" + item.name() + "\"");
    }
    String trust = inputEntries("trust-act-eligibility");
    for (TrustCriterion c : TrustCriterion.values()) {
      if (c != TrustCriterion.NOT_ASSESSED) {
        assertThat(trust).as("trust-act-eligibility has a row for %s", c).contains("\"" + c.name() + "\"");
      }
    }
  }

  private static String inputEntries(String key) {
    return table(key).getModelElementsByType(Rule.class).stream()
        .flatMap(r -> r.getInputEntries().stream()).map(e -> e.getText().getTextContent())
        .collect(Collectors.joining(" "));
  }

  private static Set<String> formValues(JsonNode form, String key) {
    for (JsonNode c : form.get("components")) {
      if (key.equals(c.path("key").asText())) {
        Set<String> values = new LinkedHashSet<>();
        c.get("values").forEach(v -> values.add(v.get("value").asText()));
        return values;
      }
    }
    throw new AssertionError("no field " + key + " in legal-review.form");
  }

  private static List<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).toList();
  }
}
