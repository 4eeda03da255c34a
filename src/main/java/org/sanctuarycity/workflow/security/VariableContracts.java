package org.sanctuarycity.workflow.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.sanctuarycity.workflow.common.ProcessVariableContract;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Which variables each shipped process may hold: what its module declares ({@link ProcessVariableContract})
 * plus the field keys of every form its model names (camunda:formRef). A process the city deployed later, with
 * no declared contract, may hold the names of all of them.
 */
final class VariableContracts {

  private final Map<String, Set<String>> byProcess;
  private final Set<String> all;

  VariableContracts(List<ProcessVariableContract> declared) {
    Map<String, Set<String>> forms = formFields();
    Map<String, Set<String>> names = new HashMap<>();
    for (ProcessVariableContract contract : declared) {
      names.computeIfAbsent(contract.processKey(), k -> new TreeSet<>()).addAll(contract.names());
    }
    formRefsByProcess().forEach((process, refs) -> refs.forEach(ref ->
        names.computeIfAbsent(process, k -> new TreeSet<>()).addAll(forms.getOrDefault(ref, Set.of()))));
    Set<String> union = new TreeSet<>();
    names.values().forEach(union::addAll);
    forms.values().forEach(union::addAll);
    names.replaceAll((k, v) -> Set.copyOf(v));
    this.byProcess = Map.copyOf(names);
    this.all = Set.copyOf(union);
  }

  /** The names the process with this key may hold. */
  Set<String> allowed(String processKey) {
    return processKey == null ? all : byProcess.getOrDefault(processKey, all);
  }

  private static Map<String, Set<String>> formFields() {
    ObjectMapper json = new ObjectMapper();
    Map<String, Set<String>> fields = new HashMap<>();
    for (Resource form : resources("classpath*:forms/**/*.form")) {
      try (InputStream in = form.getInputStream()) {
        JsonNode root = json.readTree(in);
        Set<String> keys = new TreeSet<>();
        collectKeys(root.path("components"), keys);
        fields.put(root.path("id").asText(), keys);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read form " + form.getDescription(), e);
      }
    }
    return fields;
  }

  private static void collectKeys(JsonNode components, Set<String> into) {
    for (JsonNode component : components) {
      if (component.hasNonNull("key")) {
        into.add(component.get("key").asText());
      }
      collectKeys(component.path("components"), into);
    }
  }

  private static Map<String, Set<String>> formRefsByProcess() {
    Map<String, Set<String>> refs = new HashMap<>();
    for (Resource file : resources("classpath*:bpmn/**/*.bpmn")) {
      try (InputStream in = file.getInputStream()) {
        BpmnModelInstance model = Bpmn.readModelFromStream(in);
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
          String ref = node.getAttributeValueNs(BpmnModelConstants.CAMUNDA_NS, "formRef");
          Process process = processOf(node);
          if (ref != null && !ref.isBlank() && process != null) {
            refs.computeIfAbsent(process.getId(), k -> new TreeSet<>()).add(ref);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file.getDescription(), e);
      }
    }
    return refs;
  }

  private static Process processOf(ModelElementInstance element) {
    ModelElementInstance e = element.getParentElement();
    while (e != null && !(e instanceof Process)) {
      e = e.getParentElement();
    }
    return (Process) e;
  }

  private static Resource[] resources(String pattern) {
    try {
      return new PathMatchingResourcePatternResolver().getResources(pattern);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
