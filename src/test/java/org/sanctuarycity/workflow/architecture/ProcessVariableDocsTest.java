package org.sanctuarycity.workflow.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.sanctuarycity.workflow.common.ProcessVariableContract;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * docs/processes.md is the administrators' contract of each process's variables. It is checked against the
 * contracts the engine enforces (the modules' {@link ProcessVariableContract} beans): every variable a process may
 * hold is documented in its section, and every variable a table lists is one the process may hold, so the page
 * cannot drift from the code in either direction.
 */
class ProcessVariableDocsTest {

  private static final Map<String, String> SECTION_MARKER = Map.of(
      "federal-request", "## Process variable contract: `federal-request`",
      "immigration-contact", "### Immigration-contact report (`bpmn/immigration-contact.bpmn`)",
      "complaint", "### Complaint under the private right of action (`bpmn/complaint.bpmn`)",
      "transparency-report", "### Quarterly transparency report (`bpmn/transparency-report.bpmn`)");

  private static final List<String> CONTRACT_CONFIGURATIONS = List.of(
      "org.sanctuarycity.workflow.intake.FederalRequestVariableContract",
      "org.sanctuarycity.workflow.review.AmendmentVariableContract",
      "org.sanctuarycity.workflow.consent.ConsentVariableContract",
      "org.sanctuarycity.workflow.contact.ContactVariableContract",
      "org.sanctuarycity.workflow.complaint.ComplaintVariableContract",
      "org.sanctuarycity.workflow.report.ReportVariableContract");

  @Test
  void everyVariableOfEveryProcessIsDocumentedAndEveryDocumentedVariableIsAllowed() throws Exception {
    Map<String, Set<String>> contracts = contracts();
    assertThat(contracts).containsOnlyKeys(SECTION_MARKER.keySet());
    String page = Files.readString(Path.of("docs/processes.md"), StandardCharsets.UTF_8);
    Set<String> formFields = formFields();
    List<String> problems = new ArrayList<>();
    contracts.forEach((process, names) -> {
      String section = section(page, SECTION_MARKER.get(process));
      Set<String> mentioned = backticked(section);
      for (String name : names) {
        boolean documented = name.endsWith("_")
            ? mentioned.stream().anyMatch(m -> m.startsWith(name))
            : mentioned.contains(name);
        if (!documented) {
          problems.add(process + ": " + name + " is allowed by the engine but not documented");
        }
      }
      for (String listed : firstColumnOfVariableTables(section)) {
        if (!names.contains(listed) && !formFields.contains(listed)) {
          problems.add(process + ": " + listed + " is documented but the process may not hold it");
        }
      }
    });
    assertThat(problems).isEmpty();
  }

  @Test
  void aStaleRowIsFound() {
    String section = "| Variable | Type |\n|---|---|\n| `gone`, `requestId` | String |\n";
    assertThat(firstColumnOfVariableTables(section)).containsExactly("gone", "requestId");
  }

  private static Map<String, Set<String>> contracts() throws ClassNotFoundException {
    Map<String, Set<String>> byProcess = new TreeMap<>();
    try (var context = new AnnotationConfigApplicationContext()) {
      for (String name : CONTRACT_CONFIGURATIONS) {
        context.register(Class.forName(name));
      }
      context.refresh();
      context.getBeansOfType(ProcessVariableContract.class).values().forEach(c ->
          byProcess.computeIfAbsent(c.processKey(), k -> new TreeSet<>()).addAll(c.names()));
    }
    return byProcess;
  }

  private static String section(String page, String heading) {
    int start = page.indexOf(heading);
    assertThat(start).as("heading " + heading).isNotNegative();
    int level = heading.indexOf(' ');
    Matcher next = Pattern.compile("(?m)^#{1," + level + "} ").matcher(page);
    int end = next.find(start + heading.length()) ? next.start() : page.length();
    return page.substring(start, end);
  }

  private static Set<String> backticked(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("`([^`]+)`").matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /** Names in the first column of the tables whose header starts with "| Variable". */
  static List<String> firstColumnOfVariableTables(String section) {
    List<String> names = new ArrayList<>();
    boolean inTable = false;
    for (String line : section.split("\n")) {
      if (line.startsWith("| Variable")) {
        inTable = true;
      } else if (!line.startsWith("|")) {
        inTable = false;
      } else if (inTable && !line.startsWith("|---")) {
        String first = line.substring(1, line.indexOf('|', 1));
        Matcher m = Pattern.compile("`([^`]+)`").matcher(first);
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }

  private static Set<String> formFields() throws IOException {
    Set<String> keys = new TreeSet<>();
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.filter(p -> p.toString().endsWith(".form")).toList()) {
        Matcher m = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"").matcher(Files.readString(form));
        while (m.find()) {
          keys.add(m.group(1));
        }
      }
    }
    return keys;
  }
}
