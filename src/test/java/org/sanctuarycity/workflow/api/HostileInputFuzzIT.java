package org.sanctuarycity.workflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Hostile input, generated with jqwik, across every input family: the request, reply, contact and legal-basis APIs,
 * the verification and legal-review task forms through the engine's REST API, query parameters, headers, and
 * multipart deployments with odd file names. Each input is a valid one mutated (a field replaced by a hostile value,
 * removed, or an unknown one added) or plain garbage. Every answer must be below 500, and after every refusal the
 * row count of every table, the application's and the engine's, must be unchanged. That is shown cheaply when the
 * transaction snapshot is the same before and after the call (no transaction id was assigned or ended, so no row
 * can have been inserted or deleted anywhere); whenever the snapshot moved (the refused call itself, or anything
 * else in the cluster) every table is counted again and compared with the count from before. The seed is fixed
 * (7) so CI is reproducible; explore with {@code -DargLine=-Dfuzz.seed=<seed>}; {@code -Dfuzz.inputs=<n>} sets the total
 * (default 10,000).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class HostileInputFuzzIT {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  private HttpApi api;
  private Random random;
  private String countAll;
  private String countedAt;
  private String counts;
  private int provenBySnapshot;
  private int provenByCount;
  private final Map<String, int[]> tally = new TreeMap<>();
  private final List<String> failures = new ArrayList<>();

  @Test
  void tenThousandHostileInputsGetNoServerErrorAndRefusalsWriteNothing() throws Exception {
    // A fixed seed keeps CI reproducible; any other seed explores further (-DargLine=-Dfuzz.seed=N).
    long seed = Long.getLong("fuzz.seed", 7L);
    int total = Integer.getInteger("fuzz.inputs", 10_000);
    random = new Random(seed);
    api = new HttpApi(port);
    // Generators outside a jqwik property need a session of their own.
    JqwikSession.start();
    try {
      run(total, seed);
    } finally {
      JqwikSession.finish();
    }
  }

  private void run(int total, long seed) throws Exception {
    text = ANY_TEXT.generator(1000);
    ascii = ASCII.generator(1000);
    longs = LONGS.generator(1000);
    doubles = DOUBLES.generator(1000);
    List<String> tables = jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema ="
        + " current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name", String.class);
    countAll = "SELECT pg_current_snapshot()::text, concat_ws(',', "
        + tables.stream().map(t -> "(SELECT count(*) FROM \"" + t + "\")").collect(Collectors.joining(", ")) + ")";

    Map<String, Supplier<HttpApi.Answer>> families = new LinkedHashMap<>();
    families.put("requests", () -> postJson("desk", "/api/requests", mutate(requestBody()), idempotencyHeader()));
    families.put("contacts", () -> postJson("officer", "/api/contacts", mutate(ContactApiIT.contact("3100 block of Gage Ave")),
        idempotencyHeader()));
    families.put("replies", () -> postJson("desk", "/api/requests/" + reference() + "/replies",
        mutate(new LinkedHashMap<>(Map.of("receivedAt", "2026-12-01T10:00:00Z", "summary", "The agency replied."))),
        idempotencyHeader()));
    families.put("legal-bases", () -> postJson("attorney", "/api/legal-bases", mutate(legalBasis()), Map.of()));
    families.put("verify-form", () -> submitForm("verifier", verifyTask(),
        FederalRequestApiIT.administrativeDetainerChecks("Called back.")));
    families.put("legal-review-form", () -> submitForm("attorney", reviewTask(), new LinkedHashMap<>(Map.of(
        "decision", "DECLINE", "legalBasis", "SB54_7284_6_A1B", "releasedItems", "[]", "trustCriterion", "NOT_ASSESSED",
        "pii_rationale", "No hold on a detainer."))));
    families.put("query-parameters", this::query);
    families.put("headers", this::headers);
    families.put("multipart", this::multipart);
    double[] share = {0.22, 0.14, 0.08, 0.08, 0.13, 0.11, 0.12, 0.06, 0.06};

    List<String> names = new ArrayList<>(families.keySet());
    for (int f = 0; f < names.size(); f++) {
      int n = (int) Math.round(total * share[f]);
      for (int i = 0; i < n; i++) {
        String family = names.get(f);
        // Requests and tasks the family works on are made first, so the count compares the fuzzed call alone.
        prepare(family);
        // The row counts of the last count are still the counts now if no transaction has started or ended since
        // (same snapshot); otherwise (a 2xx, a preparation, anything in the background) count again.
        if (!snapshot().equals(countedAt)) {
          count();
        }
        String before = counts;
        String beforeSnapshot = countedAt;
        HttpApi.Answer answer;
        try {
          answer = families.get(family).get();
        } catch (IllegalArgumentException notSendable) {
          // The HTTP client refuses to send such a header or URI at all; nothing reached the server.
          answer = null;
        }
        int[] t = tally.computeIfAbsent(family, k -> new int[5]);
        if (answer == null) {
          i--;
          continue;
        }
        t[0]++;
        if (answer.status() >= 500) {
          t[3]++;
          failures.add(family + " " + answer.status() + " " + excerpt(answer.body()));
        } else if (answer.status() >= 400) {
          t[2]++;
          if (snapshot().equals(beforeSnapshot)) {
            // No transaction id was assigned and none ended: no row anywhere can have been inserted or deleted.
            provenBySnapshot++;
          } else {
            // Something was assigned a transaction id (the refused call, or background activity): count exactly.
            count();
            provenByCount++;
            if (!counts.equals(before)) {
              t[4]++;
              failures.add(family + " " + answer.status() + " wrote rows: " + changed(tables, before, counts));
            }
          }
        } else {
          t[1]++;
        }
      }
    }
    StringBuilder report = new StringBuilder("HostileInputFuzzIT seed=" + seed + "\n");
    report.append(String.format("%-18s %7s %7s %7s %7s %8s%n", "family", "inputs", "2xx/3xx", "4xx", "5xx", "partial"));
    int[] sum = new int[5];
    tally.forEach((family, t) -> {
      report.append(String.format("%-18s %7d %7d %7d %7d %8d%n", family, t[0], t[1], t[2], t[3], t[4]));
      for (int k = 0; k < 5; k++) {
        sum[k] += t[k];
      }
    });
    report.append(String.format("%-18s %7d %7d %7d %7d %8d%n", "total", sum[0], sum[1], sum[2], sum[3], sum[4]));
    report.append(String.format("refusals shown unchanged: %d by an unchanged snapshot, %d by counting every table%n",
        provenBySnapshot, provenByCount));
    System.out.print(report);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/fuzz-report.txt"), report);
    assertThat(sum[0]).isGreaterThanOrEqualTo(total - 10);
    assertThat(failures).as("server errors and partial writes (seed %d)", seed).isEmpty();
  }

  /**
   * The transaction snapshot ({@code xmin:xmax:xip}). Inserting or deleting a row needs a transaction id; one assigned
   * and finished moves {@code xmax}, one in progress at the first look and ended by the second leaves the in-progress
   * list. So the same snapshot text twice means no row count can have changed in between, in any table.
   */
  private String snapshot() {
    return jdbc.queryForObject("SELECT pg_current_snapshot()::text", String.class);
  }

  /** Every table's row count, with the snapshot it was read in (one statement, so the two agree). */
  private void count() {
    jdbc.query(countAll, rs -> {
      countedAt = rs.getString(1);
      counts = rs.getString(2);
    });
  }

  // ------------------------------------------------------------ families

  private HttpApi.Answer postJson(String user, String path, Object body, Map<String, String> headers) {
    byte[] bytes = body instanceof byte[] b ? b : json(body);
    return api.raw(user, "POST", path, "application/json", bytes, headers);
  }

  private HttpApi.Answer submitForm(String user, String taskId, Map<String, Object> valid) {
    Object mutated = mutate(valid);
    Object body;
    if (mutated instanceof Map<?, ?> m) {
      Map<String, Object> vars = new LinkedHashMap<>();
      m.forEach((k, v) -> {
        Map<String, Object> typed = new LinkedHashMap<>();
        typed.put("value", v);
        if (random.nextInt(4) == 0) {
          typed.put("type", pick("String", "Json", "Object", "Integer", "Long", "Double", "Date", "Bytes", "File",
              "Boolean", "Null", "Xml", hostileString()));
        }
        if (random.nextInt(20) == 0) {
          typed.put("valueInfo", Map.of("objectTypeName", pick("java.lang.Runtime", "java.util.HashMap", hostileString()),
              "serializationDataFormat", pick("application/x-java-serialized-object", "application/json")));
        }
        vars.put(String.valueOf(k), typed);
      });
      body = Map.of("variables", vars);
    } else {
      body = mutated;
    }
    HttpApi.Answer answer = postJson(user, "/engine-rest/task/" + taskId + "/submit-form", body, Map.of());
    if (answer.status() < 300) {
      // A mutation that was still valid completed the task: the next input needs a fresh one.
      verifyTask = null;
      reviewTask = null;
    }
    return answer;
  }

  private HttpApi.Answer query() {
    String path = pick("/api/transparency/entries", "/api/transparency/checkpoints", "/api/transparency/proofs/inclusion",
        "/api/transparency/proofs/consistency", "/transparency/report.csv", "/transparency/report.json",
        "/api/transparency/export", "/engine-rest/task", "/engine-rest/task/count", "/api/health", "/transparency");
    StringBuilder q = new StringBuilder("?");
    int params = 1 + random.nextInt(3);
    for (int i = 0; i < params; i++) {
      String name = random.nextBoolean() ? pick("from", "to", "reference", "seq", "size", "page", "after", "first",
          "second", "maxResults", "firstResult", "sortBy", "sortOrder", "candidateGroup", "nameLike", "taskVariables",
          "processVariables", "dueBefore", "orQueries") : hostileString();
      q.append(encode(name)).append('=').append(encode(String.valueOf(hostileValue()))).append('&');
    }
    return api.raw(random.nextBoolean() ? "desk" : null, "GET", path + q, null, null, Map.of());
  }

  private HttpApi.Answer headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    String contentType = pick("application/json", "text/plain", "application/xml", "application/json; charset=latin1",
        "multipart/form-data", "application/x-www-form-urlencoded", "*/*", asciiString());
    headers.put("Accept", pick("application/json", "text/html", "application/xml", "*/*", asciiString()));
    headers.put("Idempotency-Key", asciiString());
    if (random.nextBoolean()) {
      headers.put("X-Forwarded-For", pick("1.2.3.4", "::1", asciiString()));
    }
    return api.raw("desk", "POST", "/api/requests", contentType, json(requestBody()), headers);
  }

  private HttpApi.Answer multipart() {
    String boundary = "----fuzz" + random.nextInt(1_000_000);
    String name = pick("federal-request.bpmn", "x.bpmn", "../../../etc/passwd.bpmn", "rules.dmn", "form.form",
        "a".repeat(1 + random.nextInt(600)) + ".bpmn", hostileString() + ".bpmn", "CON.bpmn", "x.bpmn\u0000.txt");
    byte[] content;
    switch (random.nextInt(4)) {
      case 0 -> content = json(hostileValue());
      case 1 -> {
        content = new byte[random.nextInt(4096)];
        random.nextBytes(content);
      }
      case 2 -> content = ("<?xml version=\"1.0\"?><bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">"
          + "<bpmn:process id=\"" + hostileString() + "\" isExecutable=\"true\"><bpmn:startEvent id=\"s\"/>")
          .getBytes(StandardCharsets.UTF_8);
      default -> content = ("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>").getBytes(StandardCharsets.UTF_8);
    }
    StringBuilder head = new StringBuilder();
    head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n")
        .append(random.nextBoolean() ? "fuzz" : hostileString()).append("\r\n");
    head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(name.replace("\"", ""))
        .append("\"; filename=\"").append(name.replace("\"", "")).append("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
    byte[] a = head.toString().getBytes(StandardCharsets.UTF_8);
    byte[] z = (random.nextInt(10) == 0 ? "\r\n--" + boundary : "\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[a.length + content.length + z.length];
    System.arraycopy(a, 0, body, 0, a.length);
    System.arraycopy(content, 0, body, a.length, content.length);
    System.arraycopy(z, 0, body, a.length + content.length, z.length);
    return api.raw("admin", "POST", "/engine-rest/deployment/create", "multipart/form-data; boundary=" + boundary, body,
        Map.of());
  }

  // ------------------------------------------------------------ fixtures

  private String reference;
  private String verifyTask;
  private String reviewTask;

  private void prepare(String family) {
    switch (family) {
      case "replies" -> reference();
      case "verify-form" -> verifyTask();
      case "legal-review-form" -> reviewTask();
      default -> { }
    }
  }

  private String reference() {
    if (reference == null) {
      reference = newRequest();
    }
    return reference;
  }

  private String verifyTask() {
    if (verifyTask == null) {
      verifyTask = api.openTask("verifier", newRequest()).get("id").asText();
    }
    return verifyTask;
  }

  private String reviewTask() {
    if (reviewTask == null) {
      String ref = newRequest();
      JsonNode verify = api.openTask("verifier", ref);
      assertThat(api.complete("verifier", verify.get("id").asText(),
          FederalRequestApiIT.administrativeDetainerChecks("Called back.")).status()).isEqualTo(204);
      reviewTask = api.openTask("attorney", ref).get("id").asText();
    }
    return reviewTask;
  }

  private String newRequest() {
    HttpApi.Answer created = api.post("desk", "/api/requests", requestBody(),
        Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("reference").asText();
  }

  private static Map<String, Object> requestBody() {
    return FederalRequestApiIT.request("Fuzz Subject", "1990-02-03", true, "DETAINER");
  }

  private static Map<String, Object> legalBasis() {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("code", "FUZZ_" + Long.toHexString(Double.doubleToLongBits(Math.random())).toUpperCase());
    b.put("label", "Fuzz basis");
    b.put("description", "Generated.");
    b.put("warrant", false);
    b.put("forbidsCooperation", false);
    b.put("authorizesItems", List.of("PUBLIC_RECORDS"));
    return b;
  }

  private Map<String, String> idempotencyHeader() {
    return random.nextInt(10) == 0 ? Map.of("Idempotency-Key", asciiString()) : Map.of();
  }

  // ------------------------------------------------------------ generation

  private static final Arbitrary<String> ANY_TEXT = Arbitraries.strings().all().ofMinLength(0).ofMaxLength(300);
  private static final Arbitrary<String> ASCII = Arbitraries.strings().ascii().ofMinLength(0).ofMaxLength(200);
  private static final Arbitrary<Long> LONGS = Arbitraries.longs();
  private static final Arbitrary<Double> DOUBLES = Arbitraries.doubles();
  private RandomGenerator<String> text;
  private RandomGenerator<String> ascii;
  private RandomGenerator<Long> longs;
  private RandomGenerator<Double> doubles;

  private String hostileString() {
    return switch (random.nextInt(6)) {
      case 0 -> pick("${7*7}", "#{''.getClass()}", "<script>alert(1)</script>", "'; DROP TABLE federal_request;--",
          "../../etc/passwd", "\u0000", "\uD800", "\uFFFF", "2026-13-45T25:61:00Z", "9999-12-31T23:59:59Z",
          "-999999999-01-01T00:00:00Z", "NaN", "ICE_ERO ", "detainer", "COMPLY", "JUDICIAL_VALID", "true", "null", "[]",
          "{}", "FR-2026-00001", "\u202Eevil", "%00", "%s%s%s", "\r\nX-Injected: 1");
      case 1 -> "x".repeat(random.nextInt(3) == 0 ? 200_000 : 1 + random.nextInt(20_000));
      case 2 -> ascii.next(random).value();
      default -> text.next(random).value();
    };
  }

  private String asciiString() {
    return ascii.next(random).value();
  }

  private Object hostileValue() {
    return switch (random.nextInt(10)) {
      case 0 -> null;
      case 1 -> longs.next(random).value();
      case 2 -> doubles.next(random).value();
      case 3 -> random.nextBoolean();
      case 4 -> new ArrayList<>(List.of(hostileString(), longs.next(random).value()));
      case 5 -> new LinkedHashMap<>(Map.of(hostileString(), hostileString()));
      default -> hostileString();
    };
  }

  /** A valid body with one to three hostile changes, or (one time in ten) no valid body at all. */
  private Object mutate(Map<String, Object> valid) {
    int kind = random.nextInt(20);
    if (kind == 0) {
      byte[] garbage = new byte[random.nextInt(2048)];
      random.nextBytes(garbage);
      return garbage;
    }
    if (kind == 1) {
      return pick("[]", "\"text\"", "42", "null", "{", "{\"a\":", "{}{}", "\uFEFF{}").getBytes(StandardCharsets.UTF_8);
    }
    Map<String, Object> body = deepCopy(valid);
    int changes = 1 + random.nextInt(3);
    for (int i = 0; i < changes; i++) {
      mutateOne(body);
    }
    return body;
  }

  @SuppressWarnings("unchecked")
  private void mutateOne(Map<String, Object> map) {
    if (map.isEmpty() || random.nextInt(8) == 0) {
      map.put(random.nextBoolean() ? hostileString() : "unknownField", hostileValue());
      return;
    }
    List<String> keys = new ArrayList<>(map.keySet());
    String key = keys.get(random.nextInt(keys.size()));
    Object v = map.get(key);
    if (v instanceof Map<?, ?> nested && random.nextBoolean()) {
      mutateOne((Map<String, Object>) nested);
    } else if (v instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> first && random.nextBoolean()) {
      mutateOne((Map<String, Object>) first);
    } else if (random.nextInt(5) == 0) {
      map.remove(key);
    } else {
      map.put(key, hostileValue());
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> deepCopy(Map<String, Object> m) {
    Map<String, Object> copy = new LinkedHashMap<>();
    m.forEach((k, v) -> {
      if (v instanceof Map<?, ?> nested) {
        copy.put(k, deepCopy((Map<String, Object>) nested));
      } else if (v instanceof List<?> list) {
        List<Object> l = new ArrayList<>();
        list.forEach(e -> l.add(e instanceof Map<?, ?> em ? deepCopy((Map<String, Object>) em) : e));
        copy.put(k, l);
      } else {
        copy.put(k, v);
      }
    });
    return copy;
  }

  private String pick(String... options) {
    return options[random.nextInt(options.length)];
  }

  private static byte[] json(Object body) {
    try {
      return HttpApi.JSON.writeValueAsBytes(body);
    } catch (Exception e) {
      // Lone surrogates cannot be written as JSON by Jackson: send them as raw (invalid) UTF-8 instead.
      return String.valueOf(body).getBytes(StandardCharsets.UTF_8);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String excerpt(String body) {
    return body == null ? "" : body.substring(0, Math.min(200, body.length())).replaceAll("\\s+", " ");
  }

  private static String changed(List<String> tables, String before, String after) {
    String[] b = before.split(",");
    String[] a = after.split(",");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < tables.size(); i++) {
      if (!a[i].equals(b[i])) {
        out.add(tables.get(i) + " " + b[i] + "->" + a[i]);
      }
    }
    return String.join(", ", out);
  }
}
