package org.sanctuarycity.workflow.compliance;

import java.util.List;

/**
 * One reason a deployment is refused.
 *
 * @param resource file name in the deployment (e.g. bpmn/federal-request.bpmn)
 * @param elementId the element to fix (Modeler highlights it)
 * @param elementIds every element involved, e.g. the whole path from a start to a response
 * @param message what is wrong and what to do, in plain words
 */
public record Violation(String resource, String elementId, List<String> elementIds, String message) {

  public Violation {
    elementIds = List.copyOf(elementIds);
  }

  @Override
  public String toString() {
    return resource + ": " + message;
  }
}
