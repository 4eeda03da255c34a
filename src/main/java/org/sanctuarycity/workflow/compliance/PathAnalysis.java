package org.sanctuarycity.workflow.compliance;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.LinkEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Every path from any start to any response step must pass warrant verification, legal review and
 * the logged decision, in that order.
 *
 * <p>A breadth-first search over states (element, progress, call stack). Progress counts how many of
 * the required steps the path has passed in order (0 to 3): a step only counts when it is the next one
 * expected, which is exactly "contains the steps as an ordered subsequence". Progress never goes down
 * along a path, so the set of states is finite and loops terminate. Reaching a response with progress
 * below 3 is a violation; the search remembers how it got to each state to print the path.
 *
 * <p>Where the model allows something to happen "at any time", the guard assumes the worst moment:
 * <ul>
 *   <li>a boundary event fires with the progress the path had when it entered the activity it is
 *       attached to (the activity's own step has not completed);</li>
 *   <li>an event subprocess starts with the progress its enclosing scope had when it was entered
 *       (zero for one at process level);</li>
 *   <li>an element without incoming flows (other than boundary events and compensation handlers) is
 *       a start of its scope.</li>
 * </ul>
 * Embedded subprocesses are entered at their starts and left through their ends. Call activities
 * enter the called process (found in the same deployment or among deployed ones) and return to the
 * caller at its ends; the called process's steps are part of the path. Parallel branches are judged
 * one by one: a step on a parallel branch does not count for another branch, because nothing orders them.
 */
final class PathAnalysis {

  private static final int COMPLETE = ComplianceStep.REQUIRED.length;

  private record State(FlowNode node, int progress, List<CallActivity> stack) {}

  private final String resource;
  private final Process process;
  private final StepClassifier steps;
  private final ComplianceGuard.DeployedProcesses processes;
  private final List<Violation> out;

  private final Deque<State> queue = new ArrayDeque<>();
  private final Map<State, State> cameFrom = new HashMap<>();
  private final Set<String> reported = new HashSet<>();
  private final Set<String> unresolved = new HashSet<>();

  PathAnalysis(String resource, Process process, StepClassifier steps, ComplianceGuard.DeployedProcesses processes,
      List<Violation> out) {
    this.resource = resource;
    this.process = process;
    this.steps = steps;
    this.processes = processes;
    this.out = out;
  }

  void run() {
    enterScope(process, 0, List.of(), null);
    while (!queue.isEmpty()) {
      visit(queue.poll());
    }
  }

  private void visit(State state) {
    FlowNode node = state.node();
    int progress = state.progress();
    Optional<ComplianceStep> step = steps.stepOf(node);
    if (step.isPresent() && step.get() == ComplianceStep.RESPONSE && progress < COMPLETE) {
      report(state);
    }
    // Boundary events can fire as soon as the activity starts, before its own step is done.
    for (BoundaryEvent boundary : boundaryEventsOf(node)) {
      seed(new State(boundary, progress, state.stack()), state);
    }
    if (node instanceof SubProcess sub && !sub.triggeredByEvent()) {
      enterScope(sub, progress, state.stack(), state);
      return;
    }
    if (node instanceof CallActivity call) {
      Optional<Process> target = calledProcess(call);
      boolean recursive = target.isPresent() && state.stack().stream()
          .anyMatch(c -> target.get().getId().equals(c.getCalledElement()));
      if (target.isPresent() && !recursive && !target.get().getId().equals(process.getId())) {
        List<CallActivity> stack = new ArrayList<>(state.stack());
        stack.add(call);
        enterScope(target.get(), progress, List.copyOf(stack), state);
        return;
      }
      // Recursion (or an unknown target, reported separately) passes through with no steps credited:
      // the responses inside were already checked on the first, earlier entry with lower progress.
    }
    int next = advance(progress, step.orElse(null));
    boolean moved = false;
    for (SequenceFlow flow : outgoing(node)) {
      seed(new State(flow.getTarget(), next, state.stack()), state);
      moved = true;
    }
    for (FlowNode target : linkTargets(node)) {
      seed(new State(target, next, state.stack()), state);
      moved = true;
    }
    if (!moved && !(node instanceof IntermediateThrowEvent && !linkNames(node).isEmpty())) {
      exitScope(node.getParentElement(), next, state.stack(), state);
    }
  }

  private static int advance(int progress, ComplianceStep step) {
    return progress < COMPLETE && ComplianceStep.REQUIRED[progress] == step ? progress + 1 : progress;
  }

  /** Seeds the starts of a process or subprocess, and the event subprocesses inside it. */
  private void enterScope(ModelElementInstance scope, int progress, List<CallActivity> stack, State from) {
    for (FlowElement element : flowElements(scope)) {
      if (element instanceof SubProcess sub && sub.triggeredByEvent()) {
        enterScope(sub, progress, stack, from);
      } else if (element instanceof FlowNode node && isStart(node)) {
        seed(new State(node, progress, stack), from);
      }
    }
  }

  private static boolean isStart(FlowNode node) {
    if (node instanceof BoundaryEvent) {
      return false;
    }
    if (node instanceof Activity activity && activity.isForCompensation()) {
      return false;
    }
    if (node instanceof IntermediateCatchEvent && !linkNames(node).isEmpty()) {
      return false;
    }
    return incoming(node).isEmpty();
  }

  /** A path has reached the end of a scope: continue after the subprocess, or back in the caller. */
  private void exitScope(ModelElementInstance scope, int progress, List<CallActivity> stack, State from) {
    if (scope instanceof SubProcess sub) {
      if (sub.triggeredByEvent()) {
        // An interrupting event subprocess ends its enclosing scope; a non-interrupting one just ends.
        boolean interrupting = flowElements(sub).stream()
            .anyMatch(e -> e instanceof StartEvent s && s.isInterrupting());
        if (interrupting) {
          exitScope(sub.getParentElement(), progress, stack, from);
        }
        return;
      }
      leave(sub, progress, stack, from);
    } else if (scope instanceof Process && !stack.isEmpty()) {
      CallActivity call = stack.get(stack.size() - 1);
      leave(call, progress, List.copyOf(stack.subList(0, stack.size() - 1)), from);
    }
  }

  private void leave(FlowNode scopeNode, int progress, List<CallActivity> stack, State from) {
    if (outgoing(scopeNode).isEmpty()) {
      exitScope(scopeNode.getParentElement(), progress, stack, from);
    }
    for (SequenceFlow flow : outgoing(scopeNode)) {
      seed(new State(flow.getTarget(), progress, stack), from);
    }
  }

  private void seed(State state, State from) {
    if (!cameFrom.containsKey(state)) {
      cameFrom.put(state, from);
      queue.add(state);
    }
  }

  private Optional<Process> calledProcess(CallActivity call) {
    String key = call.getCalledElement();
    if (key == null || key.isBlank() || key.contains("${") || key.contains("#{")) {
      return Optional.empty(); // reported by the building-block checks
    }
    Optional<Process> target = processes.latest(key);
    if (target.isEmpty() && unresolved.add(call.getId())) {
      out.add(ComplianceGuard.violation(resource, call, "In process " + ComplianceGuard.label(process)
          + ", call activity " + ComplianceGuard.label(call) + " calls the process \"" + key + "\", which is neither in "
          + "this deployment nor deployed. Deploy it first or in the same deployment, so its steps can be checked."));
    }
    return target;
  }

  private void report(State state) {
    ComplianceStep missing = ComplianceStep.REQUIRED[state.progress()];
    if (!reported.add(state.node().getId() + "/" + state.progress())) {
      return;
    }
    List<State> path = new ArrayList<>();
    for (State s = state; s != null; s = cameFrom.get(s)) {
      path.add(0, s);
    }
    List<String> ids = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (State s : path) {
      ids.add(s.node().getId());
      Process owner = processOf(s.node());
      String prefix = owner == null || owner.getId().equals(process.getId()) ? "" : "[" + owner.getId() + "] ";
      labels.add(prefix + ComplianceGuard.label(s.node()));
    }
    String after = state.progress() == 0 ? "" : " after the " + ComplianceStep.REQUIRED[state.progress() - 1].plainName();
    String message = "Process " + ComplianceGuard.label(process) + " can reach the response step "
        + ComplianceGuard.label(state.node()) + " without the " + missing.plainName() + after
        + ". Missing step: " + missing.value() + ". Path: " + String.join(" -> ", labels) + ". Every path from a start "
        + "to a response must pass, in this order, a warrant-verification step, a legal-review step and a "
        + "decision-log step. " + fixHint(missing);
    out.add(new Violation(resource, state.node().getId(), ids, message));
  }

  private static String fixHint(ComplianceStep missing) {
    return switch (missing) {
      case WARRANT_VERIFICATION -> "Put a \"Verify warrant\" task (element template) on this path before the legal review.";
      case LEGAL_REVIEW -> "Put a \"Legal review\" task (element template) on this path after the verification and "
          + "before the decision is logged.";
      case DECISION_LOG -> "Put a \"Log decision\" task (element template) on this path after the legal review and "
          + "before the response.";
      case RESPONSE -> "";
    };
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * Flows are taken from sourceRef/targetRef, as the engine does; the bpmn:incoming and bpmn:outgoing
   * child elements that FlowNode#getOutgoing reads are optional and could be left out to hide a path.
   */
  private static List<SequenceFlow> outgoing(FlowNode node) {
    return node.getModelInstance().getModelElementsByType(SequenceFlow.class).stream()
        .filter(f -> f.getSource() != null && node.getId().equals(f.getSource().getId())).toList();
  }

  private static List<SequenceFlow> incoming(FlowNode node) {
    return node.getModelInstance().getModelElementsByType(SequenceFlow.class).stream()
        .filter(f -> f.getTarget() != null && node.getId().equals(f.getTarget().getId())).toList();
  }

  private static Collection<FlowElement> flowElements(ModelElementInstance scope) {
    if (scope instanceof Process p) {
      return p.getFlowElements();
    }
    if (scope instanceof SubProcess s) {
      return s.getFlowElements();
    }
    return List.of();
  }

  private static List<BoundaryEvent> boundaryEventsOf(FlowNode node) {
    if (!(node instanceof Activity)) {
      return List.of();
    }
    return node.getModelInstance().getModelElementsByType(BoundaryEvent.class).stream()
        .filter(b -> b.getAttachedTo() != null && node.getId().equals(b.getAttachedTo().getId())).toList();
  }

  private static List<String> linkNames(FlowNode node) {
    return node.getChildElementsByType(LinkEventDefinition.class).stream()
        .map(LinkEventDefinition::getName).filter(n -> n != null).toList();
  }

  /** A link throw event continues at the link catch events of the same name in the same scope. */
  private static List<FlowNode> linkTargets(FlowNode node) {
    if (!(node instanceof IntermediateThrowEvent)) {
      return List.of();
    }
    List<String> names = linkNames(node);
    if (names.isEmpty()) {
      return List.of();
    }
    return flowElements(node.getParentElement()).stream()
        .filter(e -> e instanceof IntermediateCatchEvent)
        .map(e -> (FlowNode) e)
        .filter(c -> linkNames(c).stream().anyMatch(names::contains))
        .toList();
  }

  private static Process processOf(BaseElement element) {
    ModelElementInstance e = element;
    while (e != null && !(e instanceof Process)) {
      e = e.getParentElement();
    }
    return (Process) e;
  }
}
