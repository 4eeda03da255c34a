package org.sanctuarycity.workflow.complaint;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.sanctuarycity.workflow.crypto.FieldCipher;
import org.springframework.stereotype.Component;

/**
 * An accessible challenge without third-party services: a small sum in words the page reads out like any
 * text, carried in a server-signed token (HMAC-SHA256) with the time the form was served. A post is accepted
 * once per token, only with the right answer, and only between the minimum and maximum fill time.
 *
 * <p>The signing key is derived from the configured encryption keys, not made at startup: with several nodes
 * behind a load balancer the form may be served by one node and posted to another. The record of used tokens
 * stays in memory, so with N nodes a token could be replayed at most once per node; the rate limit and the
 * fill-time window bound what that is worth.
 */
@Component
class ComplaintChallenge {

  record Question(int a, int b, String token) {}

  private final byte[] key;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Long> used = new ConcurrentHashMap<>();
  private final Clock clock;
  private final ComplaintPageProperties properties;

  ComplaintChallenge(Clock clock, ComplaintPageProperties properties, FieldCipher cipher) {
    this.clock = clock;
    this.properties = properties;
    this.key = cipher.derivedKey("complaint-challenge");
  }

  Question issue() {
    int a = 1 + random.nextInt(9);
    int b = 1 + random.nextInt(9);
    byte[] nonce = new byte[12];
    random.nextBytes(nonce);
    // The token names the time and a nonce; the answer is not in it, only in its signature, so reading the
    // token tells nothing (issue 23, finding 6: it used to carry the sum in plain base64).
    String payload = clock.millis() + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.US_ASCII))
        + "." + sign(payload + "." + (a + b));
    return new Question(a, b, token);
  }

  /** One answer per token: a wrong answer uses the token up too, so the sum cannot be guessed by trying. */
  boolean verify(String token, String answer) {
    if (token == null || answer == null || token.length() > 300 || !answer.strip().matches("\\d{1,3}")) {
      return false;
    }
    String[] parts = token.split("\\.");
    if (parts.length != 2) {
      return false;
    }
    String payload;
    try {
      payload = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      return false;
    }
    String[] fields = payload.split("\\.");
    if (fields.length != 2 || !fields[0].matches("\\d{1,19}")) {
      return false;
    }
    long issued = Long.parseLong(fields[0]);
    long age = clock.millis() - issued;
    if (age < properties.minFillSeconds() * 1000L || age > properties.maxFillSeconds() * 1000L) {
      return false;
    }
    long now = clock.millis();
    used.values().removeIf(t -> now - t > properties.maxFillSeconds() * 1000L);
    if (used.putIfAbsent(fields[1], issued) != null) {
      return false;
    }
    return MessageDigest.isEqual(sign(payload + "." + answer.strip()).getBytes(StandardCharsets.US_ASCII),
        parts[1].getBytes(StandardCharsets.US_ASCII));
  }

  private String sign(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
