package org.sanctuarycity.workflow.idempotency;

import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** An idempotent endpoint's HTTP answer: a replay says so, with 200 and the first answer's body. */
public final class Idempotent {

  /** Marks an answer that was given before (IETF Idempotency-Key draft: the first response, again). */
  public static final String REPLAYED = "Idempotent-Replayed";

  private Idempotent() {}

  /** With {@code locationPrefix} and {@code idField}, the created resource's Location header. */
  public static ResponseEntity<Map<String, Object>> answer(IdempotentRequests.Answer answer, String locationPrefix,
      String idField) {
    ResponseEntity.BodyBuilder builder = ResponseEntity.status(answer.replayed() ? HttpStatus.OK.value() : answer.status());
    if (locationPrefix != null && answer.body().get(idField) != null) {
      builder.location(URI.create(locationPrefix + answer.body().get(idField)));
    }
    if (answer.replayed()) {
      builder.header(REPLAYED, "true");
    }
    return builder.body(answer.body());
  }
}
