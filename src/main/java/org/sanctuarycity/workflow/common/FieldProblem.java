package org.sanctuarycity.workflow.common;

/** One bad field: its path in the input and why it was refused. Never the rejected value. */
public record FieldProblem(String field, String reason) {

  @Override
  public String toString() {
    return field + ": " + reason;
  }
}
