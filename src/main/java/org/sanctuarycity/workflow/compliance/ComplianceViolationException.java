package org.sanctuarycity.workflow.compliance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;
import org.camunda.bpm.engine.ResourceReport;
import org.camunda.bpm.engine.impl.bpmn.parser.ResourceReportImpl;

/**
 * A deployment refused by the compliance guard. It is a {@link ParseException} on purpose: the
 * engine's REST API answers it with 400 and a body whose "message" lists every problem and whose
 * "details" name the elements per file, which is what Camunda Modeler shows in its deploy dialog.
 */
public class ComplianceViolationException extends ParseException {

  private static final long serialVersionUID = 1L;

  private final transient List<Violation> violations;
  private final transient List<ResourceReport> reports;

  public ComplianceViolationException(List<Violation> violations) {
    super(message(violations), violations.get(0).resource(), List.of(), List.of());
    this.violations = List.copyOf(violations);
    Map<String, List<Problem>> byResource = new LinkedHashMap<>();
    for (Violation v : violations) {
      byResource.computeIfAbsent(v.resource(), r -> new ArrayList<>()).add(new ViolationProblem(v));
    }
    List<ResourceReport> list = new ArrayList<>();
    byResource.forEach((resource, problems) -> list.add(new ResourceReportImpl(resource, problems, List.of())));
    this.reports = List.copyOf(list);
  }

  public List<Violation> getViolations() {
    return violations;
  }

  @Override
  public List<ResourceReport> getResorceReports() {
    return reports;
  }

  static String message(List<Violation> violations) {
    StringBuilder text = new StringBuilder("Deployment refused by the city's compliance guard (")
        .append(violations.size()).append(violations.size() == 1 ? " problem" : " problems")
        .append("). Nothing in this deployment was deployed. Fix the following in Camunda Modeler and deploy again:");
    int i = 1;
    for (Violation v : violations) {
      text.append("\n").append(i++).append(". [").append(v.resource()).append("] ").append(v.message());
    }
    return text.toString();
  }

  /** The engine's problem type; no line numbers, since the model API does not keep them. */
  private record ViolationProblem(Violation violation) implements Problem {
    @Override
    public String getMessage() {
      return violation.message();
    }

    @Override
    public int getLine() {
      return 0;
    }

    @Override
    public int getColumn() {
      return 0;
    }

    @Override
    public String getMainElementId() {
      return violation.elementId();
    }

    @Override
    public List<String> getElementIds() {
      return violation.elementIds();
    }
  }
}
