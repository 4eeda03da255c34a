package org.sanctuarycity.workflow.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.MapperFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.sanctuarycity.workflow.common.IdempotencyKeyReusedException;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.common.RetryLaterException;
import org.sanctuarycity.workflow.crypto.FieldCipher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Idempotency-Key for every state-changing endpoint that clients retry, in the manner of the IETF Idempotency-Key
 * header draft. The key is bound to a fingerprint of the request (its scope, path and canonical body):
 * <ul>
 *   <li>the first request claims the key in a short transaction of its own, then runs; its answer is stored in the
 *       same transaction as its work, so either both are there or neither is;</li>
 *   <li>a retry with the same request gets the first answer again, marked as a replay;</li>
 *   <li>a reuse with a different request is refused with 422: it would otherwise be silently dropped;</li>
 *   <li>a retry while the first is still running gets 409 with Retry-After;</li>
 *   <li>a first request that failed frees its key; one that died with its JVM frees it after the in-flight lease;</li>
 *   <li>a key expires after {@code app.idempotency.window} and may then be used again.</li>
 * </ul>
 */
@Service
public class IdempotentRequests {

  /** What an endpoint answers: its status and body, and whether this is the first answer replayed. */
  public record Answer(int status, Map<String, Object> body, boolean replayed) {
    public static Answer of(int status, Map<String, Object> body) {
      return new Answer(status, body, false);
    }
  }

  /** Sorted keys, so a body with its fields in another order is the same request. */
  private static final ObjectMapper CANONICAL = JsonMapper.builder()
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .findAndAddModules().build();

  private final JdbcTemplate jdbc;
  private final FieldCipher cipher;
  private final IdempotencyProperties properties;
  private final TransactionTemplate own;
  private final TransactionTemplate joined;

  IdempotentRequests(JdbcTemplate jdbc, FieldCipher cipher, IdempotencyProperties properties,
      PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.properties = properties;
    this.own = new TransactionTemplate(transactions);
    this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.joined = new TransactionTemplate(transactions);
  }

  /**
   * Runs {@code work} once per key and request. Without a key it simply runs (the caller chose not to retry).
   *
   * @param scope the endpoint family, for example {@code requests}
   * @param path what the request addresses besides its body, for example the reference it replies to
   * @param request the parsed body; its canonical JSON is fingerprinted
   */
  public Answer run(String scope, String principal, String key, String path, Object request, Supplier<Answer> work) {
    if (key == null) {
      return joined.execute(status -> work.get());
    }
    check(key);
    String fingerprint = fingerprint(scope, path, request);
    Answer earlier = own.execute(status -> claim(scope, principal, key, fingerprint));
    if (earlier != null) {
      return earlier;
    }
    try {
      return joined.execute(status -> {
        Answer answer = work.get();
        jdbc.update("UPDATE idempotency_key SET state = 'DONE', result = ?, result_status = ?"
                + " WHERE scope = ? AND principal = ? AND key = ? AND fingerprint = ? AND state = 'IN_FLIGHT'",
            cipher.encrypt(json(answer.body())), answer.status(), scope, principal, key, fingerprint);
        return answer;
      });
    } catch (RuntimeException failed) {
      // Nothing was stored: the client may send the request again, corrected or not, under the same key.
      own.executeWithoutResult(status -> jdbc.update("DELETE FROM idempotency_key WHERE scope = ? AND principal = ?"
          + " AND key = ? AND fingerprint = ? AND state = 'IN_FLIGHT'", scope, principal, key, fingerprint));
      throw failed;
    }
  }

  /** Claims the key, or returns the first answer; null when the caller now holds the key. */
  private Answer claim(String scope, String principal, String key, String fingerprint) {
    Instant now = Instant.now();
    Timestamp expires = Timestamp.from(now.plus(properties.window()));
    int inserted = jdbc.update("INSERT INTO idempotency_key (scope, principal, key, fingerprint, state, started_at,"
        + " expires_at) VALUES (?, ?, ?, ?, 'IN_FLIGHT', ?, ?) ON CONFLICT DO NOTHING",
        scope, principal, key, fingerprint, Timestamp.from(now), expires);
    if (inserted == 1) {
      return null;
    }
    List<Map<String, Object>> rows = jdbc.queryForList("SELECT fingerprint, state, result, result_status, started_at,"
        + " expires_at FROM idempotency_key WHERE scope = ? AND principal = ? AND key = ? FOR UPDATE",
        scope, principal, key);
    if (rows.isEmpty()) {
      // Freed between the insert and the select by a first request that failed: take it.
      return claim(scope, principal, key, fingerprint);
    }
    Map<String, Object> row = rows.get(0);
    Instant started = ((Timestamp) row.get("started_at")).toInstant();
    boolean expired = !((Timestamp) row.get("expires_at")).toInstant().isAfter(now);
    boolean inFlight = "IN_FLIGHT".equals(row.get("state"));
    boolean abandoned = inFlight && !started.plus(properties.inFlightLease()).isAfter(now);
    if (expired || abandoned) {
      jdbc.update("UPDATE idempotency_key SET fingerprint = ?, state = 'IN_FLIGHT', result = NULL,"
          + " result_status = NULL, started_at = ?, expires_at = ? WHERE scope = ? AND principal = ? AND key = ?",
          fingerprint, Timestamp.from(now), expires, scope, principal, key);
      return null;
    }
    if (!fingerprint.equals(row.get("fingerprint"))) {
      throw new IdempotencyKeyReusedException();
    }
    if (inFlight) {
      long wait = Math.max(1, Duration.between(now, started.plus(properties.inFlightLease())).toSeconds());
      throw new RetryLaterException("The first request with this Idempotency-Key is still being processed;"
          + " retry in a moment with the same key.", Math.min(wait, 5));
    }
    return new Answer((Integer) row.get("result_status"), body(cipher.decrypt((String) row.get("result"))), true);
  }

  /** Expired keys are of no use to anyone; hourly, like the checkpoints. */
  @Scheduled(cron = "${app.idempotency.cleanup-cron:0 17 * * * *}", zone = "UTC")
  public int deleteExpired() {
    return jdbc.update("DELETE FROM idempotency_key WHERE expires_at < now()");
  }

  private static void check(String key) {
    if (key.isBlank() || key.length() > 128 || !key.chars().allMatch(c -> c > 32 && c < 127)) {
      throw InvalidInputException.of("Idempotency-Key", "must be 1 to 128 visible ASCII characters");
    }
  }

  static String fingerprint(String scope, String path, Object request) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((scope + "\n" + (path == null ? "" : path) + "\n").getBytes(StandardCharsets.UTF_8));
      sha.update(CANONICAL.writeValueAsBytes(request));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException("cannot fingerprint the request", e);
    }
  }

  private static String json(Map<String, Object> body) {
    try {
      return CANONICAL.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot store the answer", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(String json) {
    try {
      return CANONICAL.readValue(json, Map.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read the stored answer", e);
    }
  }
}
