package org.sanctuarycity.workflow.common;

/** An Idempotency-Key came back with a different request than the one it was first used for: HTTP 422. */
public class IdempotencyKeyReusedException extends RuntimeException {
  public IdempotencyKeyReusedException() {
    super("This Idempotency-Key was already used for a different request; use a new key for a new request.");
  }
}
