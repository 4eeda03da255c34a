package org.sanctuarycity.workflow.common;

/** The same request is still being processed (or the database is away): HTTP 409 or 503 with Retry-After. */
public class RetryLaterException extends ConflictException {

  private final long retryAfterSeconds;

  public RetryLaterException(String message, long retryAfterSeconds) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
