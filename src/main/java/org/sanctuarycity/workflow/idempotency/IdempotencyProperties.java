package org.sanctuarycity.workflow.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * app.idempotency: how long a key keeps its first answer ({@code window}), and how long a first request may be in
 * flight before a retry may take the key over ({@code in-flight-lease}: a request that died with its JVM committed
 * nothing, so after the lease its retry runs afresh).
 */
@ConfigurationProperties("app.idempotency")
public record IdempotencyProperties(Duration window, Duration inFlightLease) {

  public IdempotencyProperties {
    window = window == null ? Duration.ofHours(24) : window;
    inFlightLease = inFlightLease == null ? Duration.ofMinutes(1) : inFlightLease;
  }
}
