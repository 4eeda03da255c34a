package org.sanctuarycity.workflow.compliance;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.impl.BpmnModelConstants;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.ConditionExpression;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaExecutionListener;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaScript;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaTaskListener;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The compliance guard: a pure analysis of BPMN and DMN files, with no engine and no Spring. It runs
 * when the engine deploys (see {@link ComplianceDeploymentGuard}) and in the build over {@code bpmn/}.
 *
 * <p>For every executable process it checks that no path from any start to a response step skips,
 * or reorders, warrant verification, legal review and the logged decision ({@link PathAnalysis}); and
 * that the building blocks are the city's own: candidate groups from the list, delegates that the
 * application publishes, a history time to live, and no scripts or class/expression implementations.
 */
public class ComplianceGuard {

  /** One file of a deployment. */
  public record Resource(String name, byte[] content) {}

  /** Processes already deployed, for call activities whose target is not in the same deployment. */
  @FunctionalInterface
  public interface DeployedProcesses {
    Optional<Process> latest(String processKey);

    static DeployedProcesses none() {
      return key -> Optional.empty();
    }
  }

  private static final Pattern BEAN_EXPRESSION = Pattern.compile("^\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}$");
  private static final Set<String> NON_SCRIPT_LANGUAGES = Set.of("feel", "juel", "feel-scala", "feel-juel",
      "http://www.omg.org/spec/feel/20140401", "https://www.omg.org/spec/dmn/20191111/feel/");

  private final ComplianceRules rules;

  public ComplianceGuard(ComplianceRules rules) {
    this.rules = rules;
  }

  public ComplianceRules rules() {
    return rules;
  }

  public static boolean isBpmn(String name) {
    return name.endsWith(".bpmn") || name.endsWith(".bpmn20.xml");
  }

  public static boolean isDmn(String name) {
    return name.endsWith(".dmn") || name.endsWith(".dmn11.xml");
  }

  /** Every violation in these files; an empty list means the deployment may go ahead. */
  public List<Violation> check(List<Resource> resources, DeployedProcesses deployed) {
    List<Violation> violations = new ArrayList<>();
    Map<String, BpmnModelInstance> models = new LinkedHashMap<>();
    for (Resource resource : resources) {
      if (isBpmn(resource.name())) {
        // A file the model API cannot read is left to the engine, whose parser reports it with line numbers.
        parseBpmn(resource).ifPresent(model -> {
          models.put(resource.name(), model);
          checkExpressions(resource.name(), rootOf(model.getDocument()), violations);
        });
      } else if (isDmn(resource.name())) {
        parseDmn(resource).ifPresent(model -> {
          checkDecisions(resource.name(), model, violations);
          checkExpressions(resource.name(), rootOf(model.getDocument()), violations);
        });
      }
    }
    Map<String, Process> inDeployment = new LinkedHashMap<>();
    models.values().forEach(model -> executableProcesses(model).forEach(p -> inDeployment.put(p.getId(), p)));
    DeployedProcesses lookup = key -> Optional.ofNullable(inDeployment.get(key)).or(() -> deployed.latest(key));
    StepClassifier steps = new StepClassifier(rules);
    models.forEach((name, model) -> {
      checkNamespaces(name, model, violations);
      for (Process process : executableProcesses(model)) {
        checkBuildingBlocks(name, process, steps, violations);
        new PathAnalysis(name, process, steps, lookup, violations).run();
      }
    });
    return violations;
  }

  /** Convenience for tests and the build: one file, nothing deployed beside it. */
  public List<Violation> check(String name, byte[] content) {
    return check(List.of(new Resource(name, content)), DeployedProcesses.none());
  }

  static Optional<BpmnModelInstance> parseBpmn(Resource resource) {
    try {
      return Optional.of(Bpmn.readModelFromStream(new ByteArrayInputStream(resource.content())));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<DmnModelInstance> parseDmn(Resource resource) {
    try {
      return Optional.of(Dmn.readModelFromStream(new ByteArrayInputStream(resource.content())));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  static List<Process> executableProcesses(BpmnModelInstance model) {
    return model.getModelElementsByType(Process.class).stream().filter(Process::isExecutable).toList();
  }

  // ---------------------------------------------------------------------------------------------
  // Decisions

  private void checkDecisions(String resource, DmnModelInstance model, List<Violation> out) {
    for (Decision decision : model.getModelElementsByType(Decision.class)) {
      String ttl = decision.getCamundaHistoryTimeToLiveString();
      if (ttl == null || ttl.isBlank()) {
        out.add(new Violation(resource, decision.getId(), List.of(decision.getId()), "Decision " + label(decision)
            + " has no history time to live. Set \"History time to live\" (camunda:historyTimeToLive, in days; "
            + "the shipped decisions use 1826)."));
      }
    }
    walk(rootOf(model.getDocument()), element -> {
      String language = element.getAttribute("expressionLanguage");
      if (!language.isEmpty() && !NON_SCRIPT_LANGUAGES.contains(language.toLowerCase(Locale.ROOT))) {
        String id = element.getAttribute("id");
        out.add(new Violation(resource, id, List.of(id), "Decision element " + (id.isEmpty() ? element.getLocalName() : id)
            + " uses the script language \"" + language + "\". Scripts are not allowed; use FEEL."));
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Expressions

  /**
   * Every expression anywhere in the file (conditions, input and output parameters, due dates, timers, DMN
   * inputs and entries in "juel") must keep to {@link ExpressionRules}: the engine would evaluate it with the
   * server's rights.
   */
  private static void checkExpressions(String resource, Element root, List<Violation> out) {
    walk(root, element -> {
      NamedNodeMap attributes = element.getAttributes();
      for (int i = 0; i < attributes.getLength(); i++) {
        Attr attribute = (Attr) attributes.item(i);
        report(resource, element, "attribute " + attribute.getName(), attribute.getValue(), out);
      }
      for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
          report(resource, element, "text", n.getNodeValue(), out);
        }
      }
    });
  }

  private static void report(String resource, Element element, String where, String text, List<Violation> out) {
    if (text == null || (!text.contains("${") && !text.contains("#{"))) {
      return;
    }
    for (String problem : ExpressionRules.problems(text)) {
      String id = nearestId(element);
      out.add(new Violation(resource, id, List.of(id), "Element " + id + " (" + element.getLocalName() + ", " + where
          + ") has the expression " + problem + ". Expressions in a model may only read variables and compare "
          + "values, such as ${decision == 'DECLINE'}."));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Building blocks

  /** Camunda still reads the old Activiti namespace as an alias; elements in it would escape the checks below. */
  private void checkNamespaces(String resource, BpmnModelInstance model, List<Violation> out) {
    walk(rootOf(model.getDocument()), element -> {
      boolean legacy = BpmnModelConstants.ACTIVITI_NS.equals(element.getNamespaceURI());
      NamedNodeMap attributes = element.getAttributes();
      for (int i = 0; i < attributes.getLength() && !legacy; i++) {
        legacy = BpmnModelConstants.ACTIVITI_NS.equals(((Attr) attributes.item(i)).getNamespaceURI());
      }
      if (legacy) {
        String id = nearestId(element);
        out.add(new Violation(resource, id, List.of(id), "Element " + id + " uses the old Activiti namespace ("
            + BpmnModelConstants.ACTIVITI_NS + "). Use the Camunda properties panel and element templates instead."));
      }
    });
  }

  private void checkBuildingBlocks(String resource, Process process, StepClassifier steps, List<Violation> out) {
    String where = "In process " + label(process) + ", ";
    String ttl = process.getCamundaHistoryTimeToLiveString();
    if (ttl == null || ttl.isBlank()) {
      out.add(violation(resource, process, "Process " + label(process) + " has no history time to live. Set "
          + "\"History cleanup > Time to live\" (camunda:historyTimeToLive, in days; the shipped process uses 1826)."));
    }
    for (ModelElementInstance element : descendants(process)) {
      if (element instanceof UserTask task) {
        checkCandidateGroups(resource, where, task, out);
      }
      if (element instanceof ScriptTask task) {
        out.add(violation(resource, task, where + "script task " + label(task) + " is not allowed: scripts run any code "
            + "on the server. Replace it with a task from the element templates."));
      } else if (element instanceof ServiceTask || element instanceof BusinessRuleTask || element instanceof SendTask) {
        checkImplementation(resource, where, (Task) element, out);
      }
      if (element instanceof MessageEventDefinition definition) {
        checkEventImplementation(resource, where, definition, out);
      }
      if (element instanceof CamundaExecutionListener listener) {
        checkListener(resource, where, listener, listener.getCamundaClass(), listener.getCamundaExpression(),
            listener.getCamundaDelegateExpression(), out);
      }
      if (element instanceof CamundaTaskListener listener) {
        checkListener(resource, where, listener, listener.getCamundaClass(), listener.getCamundaExpression(),
            listener.getCamundaDelegateExpression(), out);
      }
      if (element instanceof CamundaScript) {
        BaseElement owner = owner(element);
        out.add(violation(resource, owner, where + label(owner) + " contains a script (camunda:script). Scripts are "
            + "not allowed: they run any code on the server. Remove it; use a published delegate instead."));
      }
      if (element instanceof ConditionExpression condition) {
        String language = condition.getAttributeValue("language");
        String external = condition.getAttributeValueNs(BpmnModelConstants.CAMUNDA_NS, "resource");
        if ((language != null && !language.isBlank()) || external != null) {
          BaseElement owner = owner(element);
          out.add(violation(resource, owner, where + "the condition of " + label(owner) + " is a script"
              + (language != null ? " (language \"" + language + "\")" : "") + (external != null ? " from a resource" : "")
              + ". Scripts are not allowed; write the condition as an expression such as ${decision == 'DECLINE'}."));
        }
      }
      if (element instanceof CallActivity call) {
        String called = call.getCalledElement();
        if (called == null || called.isBlank() || called.contains("${") || called.contains("#{")) {
          out.add(violation(resource, call, where + "call activity " + label(call) + " must name the called process "
              + "by its fixed id (calledElement), so the guard can check the steps inside it."));
        }
      }
      if (element instanceof BaseElement base) {
        steps.markerProblem(base).ifPresent(problem -> out.add(violation(resource, base, where + problem)));
      }
    }
  }

  private void checkCandidateGroups(String resource, String where, UserTask task, List<Violation> out) {
    List<String> groups = task.getCamundaCandidateGroupsList();
    if (groups == null || groups.isEmpty()) {
      out.add(violation(resource, task, where + "user task " + label(task) + " has no candidate group. Set "
          + "\"Candidate groups\" to one of: " + String.join(", ", sorted(rules.candidateGroups())) + "."));
      return;
    }
    for (String group : groups) {
      String g = group.trim();
      if (!rules.candidateGroups().contains(g)) {
        out.add(violation(resource, task, where + "user task " + label(task) + " is offered to the group \"" + g
            + "\", which is not one of the city's groups (" + String.join(", ", sorted(rules.candidateGroups()))
            + "). Use one of them; expressions are not allowed."));
      }
    }
  }

  private void checkImplementation(String resource, String where, Task task, List<Violation> out) {
    String kind = task instanceof BusinessRuleTask ? "business rule task" : task instanceof SendTask ? "send task"
        : "service task";
    String delegate = camunda(task, "delegateExpression");
    if (delegate == null) {
      String actual = camunda(task, "class") != null ? "a Java class (camunda:class)"
          : camunda(task, "expression") != null ? "an expression (camunda:expression)"
          : "external".equals(camunda(task, "type")) ? "an external task topic"
          : camunda(task, "decisionRef") != null ? "a direct DMN call (camunda:decisionRef)"
          : "no implementation";
      out.add(violation(resource, task, where + kind + " " + label(task) + " uses " + actual + ". Every " + kind
          + " must use one of the application's delegates: pick it from the element templates ("
          + delegatesHint() + ")."));
      return;
    }
    checkBean(resource, where, task, kind + " " + label(task), delegate, out);
  }

  private void checkEventImplementation(String resource, String where, MessageEventDefinition definition,
      List<Violation> out) {
    BaseElement owner = owner(definition);
    if (camunda(definition, "class") != null || camunda(definition, "expression") != null) {
      out.add(violation(resource, owner, where + "message event " + label(owner) + " is implemented by a Java class or "
          + "expression. Only the application's delegates are allowed (" + delegatesHint() + ")."));
    }
    String delegate = camunda(definition, "delegateExpression");
    if (delegate != null) {
      checkBean(resource, where, owner, "message event " + label(owner), delegate, out);
    }
  }

  private void checkListener(String resource, String where, ModelElementInstance listener, String className,
      String expression, String delegate, List<Violation> out) {
    BaseElement owner = owner(listener);
    if (className != null || expression != null) {
      out.add(violation(resource, owner, where + "a listener on " + label(owner) + " uses "
          + (className != null ? "a Java class (camunda:class)" : "an expression (camunda:expression)")
          + ". Listeners must name one of the application's published beans as ${beanName}."));
    } else if (delegate != null) {
      checkBean(resource, where, owner, "a listener on " + label(owner), delegate, out);
    }
  }

  private void checkBean(String resource, String where, BaseElement element, String what, String expression,
      List<Violation> out) {
    Matcher m = BEAN_EXPRESSION.matcher(expression.trim());
    if (!m.matches()) {
      out.add(violation(resource, element, where + what + " uses the delegate expression \"" + expression
          + "\". It must be exactly ${beanName}, naming one of the application's delegates (" + delegatesHint() + ")."));
    } else if (!rules.publishedBeans().contains(m.group(1))) {
      out.add(violation(resource, element, where + what + " uses \"" + m.group(1) + "\", which is not a delegate the "
          + "application publishes (" + delegatesHint() + ")."));
    }
  }

  private String delegatesHint() {
    return String.join(", ", sorted(rules.publishedBeans()));
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  static Violation violation(String resource, BaseElement element, String message) {
    String id = element == null ? null : element.getId();
    return new Violation(resource, id, id == null ? List.of() : List.of(id), message);
  }

  static String camunda(ModelElementInstance element, String attribute) {
    String value = element.getAttributeValueNs(BpmnModelConstants.CAMUNDA_NS, attribute);
    return value == null || value.isBlank() ? null : value;
  }

  /** id "name", the way an administrator finds the element in Modeler. */
  static String label(BaseElement element) {
    if (element == null) {
      return "(unknown element)";
    }
    String name = element.getAttributeValue("name");
    String id = element.getId();
    return name == null || name.isBlank() ? String.valueOf(id)
        : id + " \"" + name.replaceAll("\\s+", " ").trim() + "\"";
  }

  private static String label(Decision decision) {
    return decision.getName() == null ? decision.getId() : decision.getId() + " \"" + decision.getName() + "\"";
  }

  /** The nearest BPMN element that holds this extension element (a listener, a script, a definition). */
  static BaseElement owner(ModelElementInstance element) {
    ModelElementInstance e = element.getParentElement();
    while (e != null && !(e instanceof FlowNode) && !(e instanceof Process)
        && !(e instanceof org.camunda.bpm.model.bpmn.instance.SequenceFlow)) {
      e = e.getParentElement();
    }
    return (BaseElement) e;
  }

  static List<ModelElementInstance> descendants(ModelElementInstance root) {
    List<ModelElementInstance> all = new ArrayList<>();
    collect(root, all);
    return all;
  }

  private static void collect(ModelElementInstance element, List<ModelElementInstance> into) {
    Collection<ModelElementInstance> children = childrenOf(element);
    for (ModelElementInstance child : children) {
      into.add(child);
      collect(child, into);
    }
  }

  private static Collection<ModelElementInstance> childrenOf(ModelElementInstance element) {
    return org.camunda.bpm.model.xml.impl.util.ModelUtil.getModelElementCollection(
        element.getDomElement().getChildElements(),
        (org.camunda.bpm.model.xml.impl.ModelInstanceImpl) element.getModelInstance());
  }

  private static String nearestId(Element element) {
    Node n = element;
    while (n instanceof Element e) {
      if (!e.getAttribute("id").isEmpty()) {
        return e.getAttribute("id");
      }
      n = e.getParentNode();
    }
    return "(document)";
  }

  private static Element rootOf(org.camunda.bpm.model.xml.instance.DomDocument document) {
    return ((org.w3c.dom.Document) document.getDomSource().getNode()).getDocumentElement();
  }

  private static void walk(Element element, java.util.function.Consumer<Element> visit) {
    visit.accept(element);
    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child) {
        walk(child, visit);
      }
    }
  }

  static List<String> sorted(Set<String> values) {
    return values.stream().sorted().toList();
  }

  /** Property {@code compliance-step} of an element, if any. */
  static Optional<String> markerOf(BaseElement element) {
    if (element.getExtensionElements() == null) {
      return Optional.empty();
    }
    return element.getExtensionElements().getElementsQuery()
        .filterByType(org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties.class).list().stream()
        .flatMap(p -> p.getCamundaProperties().stream())
        .filter(p -> ComplianceStep.PROPERTY.equals(p.getCamundaName()))
        .map(CamundaProperty::getCamundaValue)
        .findFirst();
  }
}
