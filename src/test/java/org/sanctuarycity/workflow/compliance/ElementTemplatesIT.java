package org.sanctuarycity.workflow.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.junit.jupiter.api.Test;
import org.sanctuarycity.workflow.security.Groups;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The element templates administrators pick in Camunda Modeler: each file parses, each template has
 * the keys Modeler needs, its implementation is fixed (hidden) and names a delegate bean that exists in
 * the running application, its groups and forms exist, and its compliance step is one the guard accepts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ElementTemplatesIT {

  static final Path FOLDER = Path.of("bpmn/.camunda/element-templates");
  static final String SCHEMA = "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json";

  @Autowired ApplicationContext context;

  static List<JsonNode> templates() throws IOException {
    List<JsonNode> all = new ArrayList<>();
    try (Stream<Path> files = Files.list(FOLDER)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (root.isArray()) {
          root.forEach(all::add);
        } else {
          all.add(root);
        }
      }
    }
    return all;
  }

  static Map<String, String> bindings(JsonNode template) {
    Map<String, String> values = new HashMap<>();
    template.get("properties").forEach(p -> values.put(p.get("binding").get("type").asText() + ":"
        + p.get("binding").get("name").asText(), p.path("value").asText(null)));
    return values;
  }

  @Test
  void everyTemplateIsComplete() throws IOException {
    List<JsonNode> templates = templates();
    assertThat(templates).extracting(t -> t.get("name").asText()).contains("Register request", "Classify request",
        "Verify warrant and requester", "Legal review", "Log decision", "Send response", "Record response",
        "Notify the person");
    Set<String> ids = new java.util.HashSet<>();
    for (JsonNode t : templates) {
      String name = t.path("name").asText();
      assertThat(t.path("$schema").asText()).as(name).isEqualTo(SCHEMA);
      assertThat(ids.add(t.path("id").asText())).as("unique id of " + name).isTrue();
      assertThat(t.path("version").isInt()).as(name).isTrue();
      assertThat(t.path("appliesTo").isArray() && !t.path("appliesTo").isEmpty()).as(name).isTrue();
      assertThat(t.path("properties").isArray()).as(name).isTrue();
      for (JsonNode p : t.get("properties")) {
        assertThat(p.path("type").asText()).as(name).isIn("Hidden", "String", "Text", "Dropdown", "Boolean");
        assertThat(p.path("binding").path("type").asText()).as(name).isNotEmpty();
        assertThat(p.path("binding").path("name").asText()).as(name).isNotEmpty();
        if (!"Hidden".equals(p.path("type").asText())) {
          // Everything an administrator can type is required.
          assertThat(p.path("constraints").path("notEmpty").asBoolean()).as(name + " " + p.path("label")).isTrue();
        }
      }
      // The implementation is fixed: a task's implementation and group are never editable.
      for (JsonNode p : t.get("properties")) {
        String bound = p.get("binding").get("name").asText();
        if (bound.equals("camunda:delegateExpression") || bound.equals("camunda:candidateGroups")
            || bound.equals("compliance-step")) {
          assertThat(p.get("type").asText()).as(name + " " + bound).isEqualTo("Hidden");
        }
      }
    }
  }

  @Test
  void everyReferencedDelegateGroupFormAndStepExists() throws IOException {
    ComplianceRules rules = ComplianceRules.of(Set.copyOf(Groups.ALL), Set.of());
    for (JsonNode t : templates()) {
      String name = t.get("name").asText();
      Map<String, String> b = bindings(t);
      String delegate = b.get("property:camunda:delegateExpression");
      String group = b.get("property:camunda:candidateGroups");
      String form = b.get("property:camunda:formRef");
      String step = b.get("camunda:property:compliance-step");
      assertThat(delegate != null || group != null).as(name + " has an implementation or a group").isTrue();
      if (delegate != null) {
        assertThat(delegate).as(name).matches("\\$\\{[A-Za-z]+}");
        String bean = delegate.substring(2, delegate.length() - 1);
        assertThat(context.containsBean(bean)).as(name + ": bean " + bean).isTrue();
        assertThat(context.getBean(bean)).as(name).isInstanceOf(JavaDelegate.class);
      }
      if (group != null) {
        assertThat(Groups.ALL).as(name).contains(group);
        assertThat(form).as(name + " has a form").isNotNull();
        assertThat(Path.of("forms", form + ".form")).as(name).exists();
      }
      if (step != null) {
        ComplianceStep s = ComplianceStep.fromValue(step).orElseThrow();
        switch (s) {
          case WARRANT_VERIFICATION -> assertThat(rules.verificationGroups()).contains(group);
          case LEGAL_REVIEW -> assertThat(rules.legalReviewGroups()).contains(group);
          case DECISION_LOG -> assertThat(rules.decisionLogDelegates()).contains(delegate.substring(2, delegate.length() - 1));
          case RESPONSE -> assertThat(group).isNotNull();
        }
      }
    }
  }
}
