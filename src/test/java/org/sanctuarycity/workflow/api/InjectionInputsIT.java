package org.sanctuarycity.workflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.util.HtmlUtils;

/**
 * Every text field of POST /api/requests, POST /api/contacts, POST /api/requests/{reference}/replies and
 * POST /api/legal-bases, tried with markup, SQL fragments, over-long values, control characters and a lone
 * surrogate. Each value is either refused with a problem naming the field (value not echoed, nothing stored)
 * or stored exactly as typed (read back through the API) and shown escaped on /requests/{reference}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class InjectionInputsIT {

  static final String SCRIPT = "<script>alert(1)</script>";
  static final String IMG = "\"><img src=x onerror=alert(1)>";
  static final String SQL = "'; DROP TABLE federal_request;--";
  static final List<String> MARKUP_AND_SQL = List.of(SCRIPT, IMG, SQL);
  static final List<String> TABLES = List.of("federal_request", "request_document", "contact_report",
      "transparency_entry", "agency_reply", "legal_basis");

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  /**
   * The catalog entries this test adds would appear in every later legal-review form of the shared test
   * database; they are retired (the catalog never deletes) once checked.
   */
  @org.junit.jupiter.api.AfterEach
  void retireTestLegalBases() {
    jdbc.update("UPDATE legal_basis SET active = FALSE WHERE code LIKE 'INJECTION\\_TEST\\_%'");
  }

  HttpApi api;
  final List<String> wrong = new ArrayList<>();
  final List<String> accepted = new ArrayList<>();
  final List<String> refusedMarkup = new ArrayList<>();
  int codes;

  /** One text field of one endpoint: where it goes in the body, its limit, and where it is read back. */
  record Field(String endpoint, String path, int max) {}

  static List<Field> fields() {
    List<Field> f = new ArrayList<>();
    f.add(new Field("requests", "requester.name", 200));
    f.add(new Field("requests", "requester.badgeNumber", 64));
    f.add(new Field("requests", "requester.phone", 64));
    f.add(new Field("requests", "requester.email", 200));
    f.add(new Field("requests", "subject.fullName", 200));
    f.add(new Field("requests", "subject.bookingNumber", 64));
    f.add(new Field("requests", "documents[0].formNumber", 40));
    f.add(new Field("requests", "documents[0].issuedBy", 300));
    f.add(new Field("requests", "documents[0].signedBy", 200));
    f.add(new Field("requests", "documents[0].signerTitle", 200));
    f.add(new Field("requests", "summary", 4000));
    f.add(new Field("contacts", "locationBlock", 200));
    f.add(new Field("contacts", "identificationDetails", 1000));
    f.add(new Field("contacts", "vehicleDescription", 1000));
    f.add(new Field("contacts", "agentsRequested", 4000));
    f.add(new Field("contacts", "staffAction", 4000));
    f.add(new Field("replies", "summary", 4000));
    f.add(new Field("legal-bases", "code", 64));
    f.add(new Field("legal-bases", "label", 200));
    f.add(new Field("legal-bases", "description", 2000));
    return f;
  }

  ObjectNode base(String endpoint) {
    Map<String, Object> body = switch (endpoint) {
      case "requests" -> FederalRequestApiIT.request("Injection Subject", "1985-05-05", false, "RECORDS_REQUEST");
      case "contacts" -> {
        Map<String, Object> c = ContactApiIT.contact("6500 block of Pacific Blvd");
        c.remove("federalRequest");
        yield c;
      }
      case "replies" -> new LinkedHashMap<>(Map.of("receivedAt", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5)
          .toString(), "summary", "The agency sent more documents."));
      case "legal-bases" -> new LinkedHashMap<>(Map.of("code", "INJECTION_TEST_" + (++codes) + "_" + System.nanoTime() % 100000,
          "label", "Injection test basis", "description", "Added by a test.", "warrant", false));
      default -> throw new IllegalArgumentException(endpoint);
    };
    return HttpApi.JSON.valueToTree(body);
  }

  /** Sets a dotted path ("documents[0].issuedBy") in the body. */
  static void set(ObjectNode body, String path, String value) {
    String[] parts = path.split("\\.");
    JsonNode node = body;
    for (int i = 0; i < parts.length - 1; i++) {
      node = step(node, parts[i]);
    }
    ((ObjectNode) node).put(parts[parts.length - 1], value);
  }

  static JsonNode step(JsonNode node, String part) {
    if (part.endsWith("]")) {
      int open = part.indexOf('[');
      return node.get(part.substring(0, open)).get(Integer.parseInt(part.substring(open + 1, part.length() - 1)));
    }
    return node.get(part);
  }

  static JsonNode read(JsonNode node, String path) {
    for (String part : path.split("\\.")) {
      node = node == null ? null : step(node, part);
    }
    return node;
  }

  Map<String, Integer> counts() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String table : TABLES) {
      counts.put(table, jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class));
    }
    return counts;
  }

  String post(Field field, String body, String replyReference) {
    return switch (field.endpoint()) {
      case "requests" -> "/api/requests";
      case "contacts" -> "/api/contacts";
      case "replies" -> "/api/requests/" + replyReference + "/replies";
      default -> "/api/legal-bases";
    };
  }

  String user(Field field) {
    return switch (field.endpoint()) {
      case "contacts" -> "officer";
      case "legal-bases" -> "attorney";
      default -> "desk";
    };
  }

  /** Sends {@code value} in {@code field}; {@code rawJson} replaces the marker in the JSON text as is. */
  HttpApi.Answer send(Field field, String value, String rawJson, String replyReference) {
    ObjectNode body = base(field.endpoint());
    String marker = "MARKER" + System.nanoTime();
    set(body, field.path(), rawJson == null ? value : "Bad " + marker + " text");
    String text = body.toString();
    if (rawJson != null) {
      text = text.replace(marker, rawJson);
    }
    return api.post(user(field), post(field, text, replyReference), text);
  }

  void expectRefused(Field field, String label, HttpApi.Answer a, int status, String value) {
    String what = field.endpoint() + " " + field.path() + " " + label;
    if (a.status() != status) {
      wrong.add(what + ": expected " + status + " but got " + a.status() + " " + abbreviate(a.body()));
      return;
    }
    problemNamesField(what, a, field, value);
  }

  void problemNamesField(String what, HttpApi.Answer a, Field field, String value) {
    if (!a.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
      wrong.add(what + ": not a problem response " + a.headers().firstValue("Content-Type"));
      return;
    }
    List<String> named = new ArrayList<>();
    JsonNode errors = a.json().path("errors");
    errors.forEach(e -> named.add(e.path("field").asText()));
    if (!named.contains(field.path())) {
      wrong.add(what + ": problem does not name the field: " + abbreviate(a.body()));
    }
    if (value != null && value.length() > 3 && a.body().contains(value)) {
      wrong.add(what + ": problem echoes the value");
    }
    for (String echo : List.of("alert(1)", "DROP TABLE", "xxxxxxxxxx")) {
      if (a.body().contains(echo)) {
        wrong.add(what + ": problem echoes " + echo);
      }
    }
  }

  static String abbreviate(String body) {
    return body == null ? "" : body.length() > 300 ? body.substring(0, 300) + "..." : body;
  }

  /** A request waiting for the agency's reply: verified, then REQUEST_INFO. */
  String awaitingReply() {
    HttpApi.Answer created = api.post("desk", "/api/requests",
        FederalRequestApiIT.request("Reply Waiter", "1975-07-07", false, "DETAINER"));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String reference = created.json().get("reference").asText();
    Map<String, Object> checks = FederalRequestApiIT.administrativeDetainerChecks("Called back.");
    assertThat(api.complete("verifier", api.openTask("verifier", reference).get("id").asText(), checks).status())
        .isEqualTo(204);
    assertThat(api.complete("attorney", api.openTask("attorney", reference).get("id").asText(),
        Map.of("decision", "REQUEST_INFO", "legalBasis", "ORDINANCE_2025_06", "pii_rationale", "Need the warrant."))
        .status()).isEqualTo(204);
    assertThat(api.get("desk", "/api/requests/" + reference).json().get("status").asText())
        .isEqualTo("AWAITING_AGENCY_REPLY");
    return reference;
  }

  @Test
  void everyTextFieldRefusesOrStoresAsTypedAndEscapes() {
    api = new HttpApi(port);
    String someRequest = api.post("desk", "/api/requests",
        FederalRequestApiIT.request("Reply Target", "1970-01-01", false, "RECORDS_REQUEST")).json().get("reference").asText();

    for (Field field : fields()) {
      // Always refused: over the limit (413), control characters and a lone surrogate (400).
      Map<String, Integer> before = counts();
      String tooLong = "x".repeat(field.max() + 1);
      if (field.path().equals("code")) {
        tooLong = "X".repeat(field.max() + 1);
      }
      expectRefused(field, "limit+1", send(field, tooLong, null, someRequest), 413, tooLong);
      expectRefused(field, "NUL", send(field, "Bad\u0000Value", null, someRequest), 400, null);
      expectRefused(field, "BEL", send(field, "Bad\u0007Value", null, someRequest), 400, null);
      expectRefused(field, "lone surrogate", send(field, null, "\\ud800", someRequest), 400, null);
      Map<String, Integer> after = counts();
      if (!after.equals(before)) {
        wrong.add(field.endpoint() + " " + field.path() + ": refused input changed row counts " + before + " -> " + after);
      }

      // Markup and SQL: refused with the field named, or stored exactly as typed and shown escaped.
      for (String value : MARKUP_AND_SQL) {
        String replyTo = field.endpoint().equals("replies") ? awaitingReply() : someRequest;
        before = counts();
        HttpApi.Answer a = send(field, value, null, replyTo);
        String what = field.endpoint() + " " + field.path() + " " + value;
        if (a.status() == 400) {
          refusedMarkup.add(what);
          problemNamesField(what, a, field, value);
          if (!counts().equals(before)) {
            wrong.add(what + ": refused input changed row counts");
          }
        } else if (a.status() / 100 == 2) {
          accepted.add(what);
          storedAsTypedAndEscaped(what, field, value, a, replyTo);
        } else {
          wrong.add(what + ": neither refused with 400 nor accepted: " + a.status() + " " + abbreviate(a.body()));
        }
      }
    }
    System.out.println("InjectionInputsIT accepted and stored as typed: " + accepted);
    System.out.println("InjectionInputsIT refused with the field named: " + refusedMarkup);
    assertThat(wrong).isEmpty();
    // Both branches are exercised: free text is stored as typed (and escaped on the page), format-checked
    // fields refuse markup.
    assertThat(accepted).contains("requests subject.fullName " + SCRIPT, "requests summary " + IMG,
        "replies summary " + SCRIPT, "contacts staffAction " + SQL, "legal-bases label " + SCRIPT);
    assertThat(refusedMarkup).contains("requests requester.email " + SCRIPT, "legal-bases code " + SQL);
  }

  void storedAsTypedAndEscaped(String what, Field field, String value, HttpApi.Answer created, String replyTo) {
    JsonNode stored;
    String page = null;
    switch (field.endpoint()) {
      case "requests" -> {
        String reference = created.json().get("reference").asText();
        stored = read(api.get("desk", "/api/requests/" + reference).json().get("personal"), field.path());
        page = page(reference);
      }
      case "contacts" -> {
        String reference = created.json().get("reference").asText();
        stored = read(api.get("officer", "/api/contacts/" + reference).json().get("personal"), field.path());
      }
      case "replies" -> {
        ArrayNode replies = (ArrayNode) api.get("desk", "/api/requests/" + replyTo).json().get("personal").get("replies");
        stored = replies.size() == 0 ? null : replies.get(replies.size() - 1).get("summary");
        page = page(replyTo);
      }
      default -> {
        String code = created.json().get("code").asText();
        stored = null;
        for (JsonNode b : api.get("attorney", "/api/legal-bases").json()) {
          if (b.get("code").asText().equals(code)) {
            stored = b.get(field.path());
          }
        }
      }
    }
    if (stored == null || !value.equals(stored.asText())) {
      wrong.add(what + ": not stored as typed, read back " + stored);
    }
    if (page != null) {
      if (page.contains("<script>alert(1)") || page.contains("<img src=x")) {
        wrong.add(what + ": rendered unescaped on /requests");
      }
      if (!page.contains(HtmlUtils.htmlEscape(value, "UTF-8"))) {
        wrong.add(what + ": escaped value not on /requests");
      }
      if (value.equals(SCRIPT) && !page.contains("&lt;script&gt;alert(1)&lt;/script&gt;")) {
        wrong.add(what + ": &lt;script&gt; not on /requests");
      }
    }
  }

  String page(String reference) {
    HttpApi.Answer page = api.send("desk", HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/requests/" + reference)).GET(), Map.of());
    assertThat(page.status()).isEqualTo(200);
    return page.body();
  }
}
