package org.sanctuarycity.workflow.compliance;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.IntermediateThrowEvent;
import org.camunda.bpm.model.bpmn.instance.LinkEventDefinition;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Which mandatory steps (warrant verification, legal review, decision log) lie on EVERY path from a
 * start of a process to one of its activities. Used to refuse a migration that would put a running
 * request at that activity without having done those steps.
 *
 * <p>A step is on every path to the activity exactly when the activity cannot be reached from any
 * start once all elements of that step (other than the activity itself) are removed. The graph is the
 * one the engine runs: sequence flows (from sourceRef/targetRef), boundary events from the activity
 * they are attached to, a subprocess into its starts and out of its ends, link events, and every start of
 * an event subprocess as a start of its own (it can fire at any time). A call activity is passed through.
 * Where the graph is simplified, it errs towards requiring a step, never towards allowing a skip.
 */
final class MandatorySteps {

  private final StepClassifier steps;

  MandatorySteps(ComplianceRules rules) {
    this.steps = new StepClassifier(rules);
  }

  /** The step of an element of this model, if it is one; empty for unknown ids. */
  Optional<ComplianceStep> stepOf(BpmnModelInstance model, String activityId) {
    return node(model, activityId).flatMap(steps::stepOf);
  }

  /** The mandatory steps on every path from a start of the model to {@code activityId}, in order. */
  Set<ComplianceStep> requiredBefore(BpmnModelInstance model, String activityId) {
    Set<ComplianceStep> required = EnumSet.noneOf(ComplianceStep.class);
    Optional<FlowNode> target = node(model, activityId);
    if (target.isEmpty()) {
      return required; // the engine refuses a plan that maps to an unknown activity
    }
    for (ComplianceStep step : ComplianceStep.REQUIRED) {
      if (!reachableAvoiding(model, target.get(), step)) {
        required.add(step);
      }
    }
    return required;
  }

  private boolean reachableAvoiding(BpmnModelInstance model, FlowNode target, ComplianceStep step) {
    Deque<FlowNode> queue = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    for (FlowNode start : starts(model)) {
      if (passable(start, target, step) && seen.add(start.getId())) {
        queue.add(start);
      }
    }
    while (!queue.isEmpty()) {
      FlowNode node = queue.poll();
      if (node.getId().equals(target.getId())) {
        return true;
      }
      for (FlowNode next : successors(model, node)) {
        if (passable(next, target, step) && seen.add(next.getId())) {
          queue.add(next);
        }
      }
    }
    return false;
  }

  private boolean passable(FlowNode node, FlowNode target, ComplianceStep step) {
    return node.getId().equals(target.getId()) || steps.stepOf(node).filter(step::equals).isEmpty();
  }

  private static Optional<FlowNode> node(BpmnModelInstance model, String activityId) {
    String id = activityId.endsWith("#multiInstanceBody")
        ? activityId.substring(0, activityId.length() - "#multiInstanceBody".length()) : activityId;
    return model.getModelElementById(id) instanceof FlowNode n ? Optional.of(n) : Optional.empty();
  }

  private static List<FlowNode> starts(BpmnModelInstance model) {
    List<FlowNode> starts = new ArrayList<>();
    for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
      ModelElementInstance parent = node.getParentElement();
      boolean processLevel = parent instanceof org.camunda.bpm.model.bpmn.instance.Process;
      boolean eventSubprocess = parent instanceof SubProcess sub && sub.triggeredByEvent();
      if ((processLevel || eventSubprocess) && isStart(model, node)) {
        starts.add(node);
      }
    }
    return starts;
  }

  private static boolean isStart(BpmnModelInstance model, FlowNode node) {
    if (node instanceof BoundaryEvent) {
      return false;
    }
    if (node instanceof Activity activity && activity.isForCompensation()) {
      return false;
    }
    if (node instanceof IntermediateCatchEvent && !linkNames(node).isEmpty()) {
      return false;
    }
    return incoming(model, node).isEmpty();
  }

  private static List<FlowNode> successors(BpmnModelInstance model, FlowNode node) {
    List<FlowNode> next = new ArrayList<>();
    List<SequenceFlow> out = outgoing(model, node);
    out.forEach(f -> next.add(f.getTarget()));
    for (BoundaryEvent b : model.getModelElementsByType(BoundaryEvent.class)) {
      if (b.getAttachedTo() != null && b.getAttachedTo().getId().equals(node.getId())) {
        next.add(b);
      }
    }
    if (node instanceof SubProcess sub && !sub.triggeredByEvent()) {
      for (FlowElement e : sub.getFlowElements()) {
        if (e instanceof FlowNode inner && isStart(model, inner)) {
          next.add(inner);
        }
      }
    }
    if (node instanceof IntermediateThrowEvent && !linkNames(node).isEmpty()) {
      List<String> names = linkNames(node);
      for (IntermediateCatchEvent c : model.getModelElementsByType(IntermediateCatchEvent.class)) {
        if (c.getParentElement() == node.getParentElement() && linkNames(c).stream().anyMatch(names::contains)) {
          next.add(c);
        }
      }
    } else if (out.isEmpty() && node.getParentElement() instanceof SubProcess sub && !sub.triggeredByEvent()) {
      // The end of a subprocess continues after it.
      outgoing(model, sub).forEach(f -> next.add(f.getTarget()));
    }
    return next;
  }

  private static List<SequenceFlow> outgoing(BpmnModelInstance model, FlowNode node) {
    return model.getModelElementsByType(SequenceFlow.class).stream()
        .filter(f -> f.getSource() != null && f.getTarget() != null && node.getId().equals(f.getSource().getId()))
        .toList();
  }

  private static List<SequenceFlow> incoming(BpmnModelInstance model, FlowNode node) {
    return model.getModelElementsByType(SequenceFlow.class).stream()
        .filter(f -> f.getTarget() != null && node.getId().equals(f.getTarget().getId())).toList();
  }

  private static List<String> linkNames(FlowNode node) {
    return node.getChildElementsByType(LinkEventDefinition.class).stream()
        .map(LinkEventDefinition::getName).filter(n -> n != null).toList();
  }
}
