package org.sanctuarycity.workflow.common;

/** The request is valid but not now: the workflow is not in the state it needs. */
public class ConflictException extends RuntimeException {
  public ConflictException(String message) {
    super(message);
  }
}
