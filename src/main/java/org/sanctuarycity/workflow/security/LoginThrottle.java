package org.sanctuarycity.workflow.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing without letting an outsider lock anyone out (issue 23, finding 5). Failed
 * logins are counted per client and account, and per client across accounts; past the free attempts that
 * client must wait, doubling each time up to a ceiling. Another client, such as an administrator at their own
 * desk, is not affected, and no account is ever locked: the engine's own lock-out, which anyone could trigger
 * for any account with a dozen wrong passwords, is turned off (loginMaxAttempts, loginDelayBase in
 * application.yaml). Applies to HTTP Basic (/api, /engine-rest) and to the web apps' login form.
 *
 * <p>The client is the connection's address; behind the city's reverse proxy set
 * {@code server.forward-headers-strategy=native} so that it is the caller's, not the proxy's.
 */
@Component
public class LoginThrottle {

  private record Failures(int count, Instant blockedUntil, Instant lastFailure) {}

  private final Map<String, Failures> failures = new ConcurrentHashMap<>();
  private final int freeAttempts;
  private final int clientFreeAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Clock clock;

  public LoginThrottle(@Value("${app.security.login-throttle.free-attempts:5}") int freeAttempts,
      @Value("${app.security.login-throttle.client-free-attempts:20}") int clientFreeAttempts,
      @Value("${app.security.login-throttle.base-delay:PT1S}") Duration baseDelay,
      @Value("${app.security.login-throttle.max-delay:PT5M}") Duration maxDelay, Clock clock) {
    this.freeAttempts = freeAttempts;
    this.clientFreeAttempts = clientFreeAttempts;
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
    this.clock = clock;
  }

  /** How long this client must wait before it may try this account again; zero if it may now. */
  public Duration waitFor(String client, String account) {
    Instant now = clock.instant();
    Duration wait = Duration.ZERO;
    for (String key : new String[] {accountKey(client, account), clientKey(client)}) {
      Failures f = failures.get(key);
      if (f != null && f.blockedUntil() != null && f.blockedUntil().isAfter(now)) {
        Duration left = Duration.between(now, f.blockedUntil());
        wait = left.compareTo(wait) > 0 ? left : wait;
      }
    }
    return wait;
  }

  public void failed(String client, String account) {
    Instant now = clock.instant();
    count(accountKey(client, account), freeAttempts, now);
    count(clientKey(client), clientFreeAttempts, now);
    if (failures.size() > 50_000) {
      forgetOld(now);
    }
  }

  /** A successful login clears this client's count for the account; the count across accounts stays. */
  public void succeeded(String client, String account) {
    failures.remove(accountKey(client, account));
  }

  private void count(String key, int free, Instant now) {
    failures.compute(key, (k, f) -> {
      // A quiet spell as long as the ceiling forgives earlier failures.
      int count = f == null || f.lastFailure().plus(maxDelay).isBefore(now) ? 1 : f.count() + 1;
      Instant until = null;
      if (count >= free) {
        // The free attempts used up: the next one waits base-delay, and each further failure doubles it.
        long factor = 1L << Math.min(20, count - free);
        Duration delay = baseDelay.multipliedBy(factor);
        until = now.plus(delay.compareTo(maxDelay) > 0 ? maxDelay : delay);
      }
      return new Failures(count, until, now);
    });
  }

  private void forgetOld(Instant now) {
    failures.entrySet().removeIf(e -> e.getValue().lastFailure().plus(maxDelay).isBefore(now));
  }

  private static String accountKey(String client, String account) {
    return client + "|" + (account == null ? "" : account.toLowerCase(Locale.ROOT));
  }

  private static String clientKey(String client) {
    return client + "|*";
  }

  /** Thrown instead of checking the password while the client must wait; answered with 429 and Retry-After. */
  public static final class Throttled extends org.springframework.security.core.AuthenticationException {
    private final Duration retryAfter;

    public Throttled(Duration retryAfter) {
      super("Too many failed logins from this client; try again later.");
      this.retryAfter = retryAfter;
    }

    public long retryAfterSeconds() {
      return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
  }
}
