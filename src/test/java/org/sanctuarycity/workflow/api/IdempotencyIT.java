package org.sanctuarycity.workflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Idempotency-Key as a client that retries meets it, over HTTP: a retry gets the first answer again, a different
 * request under a used key is refused with 422 (never silently dropped), a retry while the first still runs gets
 * 409 with Retry-After, a key that failed or expired may be used again, and keys of different users never meet.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class IdempotencyIT {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  @Test
  void aDifferentRequestUnderAUsedKeyIsRefusedWith422AndTheFirstIsReplayed() {
    HttpApi api = new HttpApi(port);
    String key = UUID.randomUUID().toString();
    Map<String, Object> first = FederalRequestApiIT.request(name(), "1980-03-14", true, "DETAINER");
    HttpApi.Answer created = api.post("desk", "/api/requests", first, Map.of("Idempotency-Key", key));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String reference = created.json().get("reference").asText();
    long requests = count("federal_request");

    Map<String, Object> second = FederalRequestApiIT.request(name(), "1991-07-01", false, "RECORDS_REQUEST");
    HttpApi.Answer refused = api.post("desk", "/api/requests", second, Map.of("Idempotency-Key", key));
    FederalRequestApiIT.assertProblem(refused, 422, "Idempotency-Key");
    assertThat(refused.body()).contains("different request");
    assertThat(count("federal_request")).isEqualTo(requests);

    // The same request, its fields in another order, is the same request: the first answer comes back.
    Map<String, Object> reordered = new LinkedHashMap<>();
    List<String> fields = new java.util.ArrayList<>(first.keySet());
    java.util.Collections.reverse(fields);
    fields.forEach(k -> reordered.put(k, first.get(k)));
    HttpApi.Answer replayed = api.post("desk", "/api/requests", reordered, Map.of("Idempotency-Key", key));
    assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
    assertThat(replayed.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(replayed.json().get("reference").asText()).isEqualTo(reference);
    assertThat(count("federal_request")).isEqualTo(requests);

    // Another user's key of the same value is another key.
    HttpApi.Answer otherUser = api.post("admin", "/api/requests", second, Map.of("Idempotency-Key", key));
    assertThat(otherUser.status()).as(otherUser.body()).isEqualTo(201);
    assertThat(otherUser.json().get("reference").asText()).isNotEqualTo(reference);
  }

  @Test
  void aRetryWhileTheFirstIsStillRunningGets409AndOneThatDiedFreesTheKeyAfterItsLease() {
    HttpApi api = new HttpApi(port);
    String key = UUID.randomUUID().toString();
    Map<String, Object> body = FederalRequestApiIT.request(name(), "1975-11-30", true, "DETAINER");
    assertThat(api.post("desk", "/api/requests", body, Map.of("Idempotency-Key", key)).status()).isEqualTo(201);
    // As if the first request were still running: its claim is in flight and fresh.
    jdbc.update("UPDATE idempotency_key SET state = 'IN_FLIGHT', result = NULL, started_at = now() WHERE key = ?", key);
    long requests = count("federal_request");

    HttpApi.Answer busy = api.post("desk", "/api/requests", body, Map.of("Idempotency-Key", key));
    assertThat(busy.status()).as(busy.body()).isEqualTo(409);
    assertThat(busy.headers().firstValue("Retry-After")).isPresent();
    assertThat(busy.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(count("federal_request")).isEqualTo(requests);

    // A first request that died with its JVM committed nothing; after the lease its retry runs.
    jdbc.update("UPDATE idempotency_key SET started_at = now() - interval '2 minutes' WHERE key = ?", key);
    HttpApi.Answer retried = api.post("desk", "/api/requests", body, Map.of("Idempotency-Key", key));
    assertThat(retried.status()).as(retried.body()).isEqualTo(201);
    assertThat(count("federal_request")).isEqualTo(requests + 1);
  }

  @Test
  void aKeyWhoseRequestWasRefusedOrExpiredMayBeUsedAgain() {
    HttpApi api = new HttpApi(port);
    String key = UUID.randomUUID().toString();
    // Refused by the intake's rules, after the key was claimed: the claim goes with the refusal.
    Map<String, Object> bad = FederalRequestApiIT.request(name(), "1980-01-01", true, "DETAINER");
    bad.put("receivedAt", java.time.OffsetDateTime.now().plusDays(2).toString());
    assertThat(api.post("desk", "/api/requests", bad, Map.of("Idempotency-Key", key)).status()).isEqualTo(400);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE key = ?", Long.class, key)).isZero();
    Map<String, Object> corrected = FederalRequestApiIT.request(name(), "1980-01-01", true, "DETAINER");
    assertThat(api.post("desk", "/api/requests", corrected, Map.of("Idempotency-Key", key)).status()).isEqualTo(201);

    jdbc.update("UPDATE idempotency_key SET expires_at = now() - interval '1 second' WHERE key = ?", key);
    Map<String, Object> later = FederalRequestApiIT.request(name(), "1962-05-05", false, "RECORDS_REQUEST");
    assertThat(api.post("desk", "/api/requests", later, Map.of("Idempotency-Key", key)).status()).isEqualTo(201);
  }

  @Test
  void contactsAndTheirFederalRequestsAreIdempotentToo() {
    HttpApi api = new HttpApi(port);
    String key = UUID.randomUUID().toString();
    Map<String, Object> report = ContactApiIT.contact("3400 block of Pacific Blvd");
    HttpApi.Answer created = api.post("officer", "/api/contacts", report, Map.of("Idempotency-Key", key));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long contacts = count("contact_report");
    long requests = count("federal_request");
    HttpApi.Answer again = api.post("officer", "/api/contacts", report, Map.of("Idempotency-Key", key));
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().get("reference").asText()).isEqualTo(created.json().get("reference").asText());
    Map<String, Object> other = ContactApiIT.contact("3500 block of Pacific Blvd");
    FederalRequestApiIT.assertProblem(api.post("officer", "/api/contacts", other, Map.of("Idempotency-Key", key)),
        422, "Idempotency-Key");
    assertThat(count("contact_report")).isEqualTo(contacts);
    assertThat(count("federal_request")).isEqualTo(requests);
  }

  @Test
  void anAgencyReplyIsRecordedOnceHoweverOftenItIsRetried() {
    HttpApi api = new HttpApi(port);
    HttpApi.Answer created = api.post("desk", "/api/requests",
        FederalRequestApiIT.request(name(), "1984-04-04", false, "RECORDS_REQUEST"),
        Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    String reference = created.json().get("reference").asText();
    Map<String, Object> checks = FederalRequestApiIT.administrativeDetainerChecks("Called back.");
    assertThat(api.complete("verifier", api.openTask("verifier", reference).get("id").asText(), checks).status())
        .isEqualTo(204);
    HttpApi.Answer info = api.complete("attorney", api.openTask("attorney", reference).get("id").asText(),
        Map.of("decision", "REQUEST_INFO", "legalBasis", "ORDINANCE_2025_06", "pii_rationale", "Which statute?"));
    assertThat(info.status()).as(info.body()).isEqualTo(204);

    String key = UUID.randomUUID().toString();
    Map<String, Object> reply = Map.of("receivedAt", java.time.OffsetDateTime.now().minusMinutes(5).toString(),
        "summary", "The agency cites 8 U.S.C. 1357.");
    HttpApi.Answer first = api.post("desk", "/api/requests/" + reference + "/replies", reply, Map.of("Idempotency-Key", key));
    assertThat(first.status()).as(first.body()).isEqualTo(201);
    HttpApi.Answer again = api.post("desk", "/api/requests/" + reference + "/replies", reply, Map.of("Idempotency-Key", key));
    assertThat(again.status()).as(again.body()).isEqualTo(200);
    assertThat(again.json().get("replyId").asText()).isEqualTo(first.json().get("replyId").asText());
    assertThat(jdbc.queryForObject("SELECT count(*) FROM agency_reply a JOIN federal_request f ON f.id = a.request_id"
        + " WHERE f.reference = ?", Long.class, reference)).isEqualTo(1);
    JsonNode changed = api.post("desk", "/api/requests/" + reference + "/replies",
        Map.of("receivedAt", reply.get("receivedAt"), "summary", "Something else."), Map.of("Idempotency-Key", key)).json();
    assertThat(changed.get("status").asInt()).isEqualTo(422);
  }

  private long count(String table) {
    return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
  }

  private static String name() {
    return "Retry Subject-" + UUID.randomUUID().toString().substring(0, 6);
  }
}
