package org.sanctuarycity.workflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.sanctuarycity.workflow.security.AuthorizationSetup;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Security finding 1 (issue 23): an expression inside a task query's {@code orQueries} ran code on the server
 * for any signed-in user, because the engine checks only the top level of an ad-hoc query. Every
 * {@code *Expression} key of the task query is tried at the top level and inside {@code orQueries}, through
 * /engine-rest and through the web apps' /camunda/api/engine, as every role and as a user in no group; and
 * through filters (an extending query, a filter to be saved, a filter already stored with an expression).
 * The expression would create a file; the file must never exist and no answer may be a 5xx.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryExpressionAttackIT {

  /** Every expression-valued field of Camunda's TaskQueryDto (engine REST and the web apps' API alike). */
  static final List<String> EXPRESSION_KEYS = List.of("processInstanceBusinessKeyExpression",
      "processInstanceBusinessKeyLikeExpression", "assigneeExpression", "assigneeLikeExpression",
      "candidateGroupExpression", "candidateUserExpression", "involvedUserExpression", "ownerExpression",
      "dueAfterExpression", "dueBeforeExpression", "dueDateExpression", "followUpAfterExpression",
      "followUpBeforeOrNotExistentExpression", "followUpBeforeExpression", "followUpDateExpression",
      "createdAfterExpression", "createdBeforeExpression", "createdOnExpression", "updatedAfterExpression",
      "candidateGroupsExpression");

  static final String NO_GROUP_USER = "nogroup";
  static final String NO_GROUP_PASSWORD = "N0-Group-At-All!";
  static final Map<String, String> PASSWORDS = new LinkedHashMap<>();

  static {
    for (String user : List.of("desk", "verifier", "attorney", "supervisor", "officer", "auditor", "admin")) {
      PASSWORDS.put(user, "demo");
    }
    PASSWORDS.put(NO_GROUP_USER, NO_GROUP_PASSWORD);
  }

  @LocalServerPort int port;
  @Autowired IdentityService identityService;
  @Autowired FilterService filterService;
  @Autowired JdbcTemplate jdbc;

  final Path marker = Path.of(System.getProperty("java.io.tmpdir"), "rce-" + UUID.randomUUID());
  final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  void userInNoGroup() {
    User user = identityService.newUser(NO_GROUP_USER);
    user.setPassword(NO_GROUP_PASSWORD);
    identityService.saveUser(user);
  }

  @AfterAll
  void removeUser() throws Exception {
    identityService.deleteUser(NO_GROUP_USER);
    Files.deleteIfExists(marker);
  }

  /** The published exploit: a date-valued expression that runs a command through reflection. */
  String payload() {
    return "${\"\".getClass().forName(\"java.lang.Runtime\").getMethod(\"getRuntime\").invoke(null)"
        + ".exec(\"touch " + marker + "\").waitFor()==0 ? now() : now()}";
  }

  List<Map<String, Object>> bodies() {
    List<Map<String, Object>> bodies = new ArrayList<>();
    for (String key : EXPRESSION_KEYS) {
      bodies.add(Map.of(key, payload()));
      bodies.add(Map.of("orQueries", List.of(Map.of(key, payload()))));
      bodies.add(Map.of("orQueries", List.of(Map.of("name", "x"), Map.of(key, payload()))));
    }
    return bodies;
  }

  @Test
  void anExpressionInAnyPartOfATaskQueryIsRefusedForEveryRoleAndRunsNothing() throws Exception {
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String> user : PASSWORDS.entrySet()) {
      for (Map<String, Object> body : bodies()) {
        for (String path : List.of("/engine-rest/task?firstResult=0&maxResults=10", "/engine-rest/task/count")) {
          expectRefused(wrong, user.getKey() + " POST " + path + " " + body.keySet(),
              basic(user.getKey(), user.getValue(), HttpRequest.newBuilder(uri(path)).header("Content-Type",
                  "application/json").POST(json(body))));
        }
      }
      for (String key : EXPRESSION_KEYS) {
        String query = "?maxResults=10&" + key + "=" + URLEncoder.encode(payload(), StandardCharsets.UTF_8);
        for (String path : List.of("/engine-rest/task", "/engine-rest/task/count")) {
          expectRefused(wrong, user.getKey() + " GET " + path + " " + key,
              basic(user.getKey(), user.getValue(), HttpRequest.newBuilder(uri(path + query)).GET()));
        }
      }
    }
    // No login at all: refused before any query is built.
    HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(uri("/engine-rest/task/count"))
        .header("Content-Type", "application/json").POST(json(bodies().get(1))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(wrong).isEmpty();
    assertThat(marker).doesNotExist();
  }

  @Test
  void anExpressionThroughTheWebAppsEngineApiIsRefusedForEveryRole() throws Exception {
    List<String> wrong = new ArrayList<>();
    List<String> opened = new ArrayList<>();
    for (Map.Entry<String, String> user : PASSWORDS.entrySet()) {
      WebappSession session = WebappSession.login(port, user.getKey(), user.getValue());
      if (session == null) {
        // Only users with Tasklist access can open a session; the rest never reach the engine API.
        continue;
      }
      opened.add(user.getKey());
      for (Map<String, Object> body : bodies()) {
        for (String path : List.of("/camunda/api/engine/engine/default/task?firstResult=0&maxResults=10",
            "/camunda/api/engine/engine/default/task/count")) {
          expectRefused(wrong, user.getKey() + " web POST " + path + " " + body.keySet(), session.post(path, json(body)));
        }
      }
    }
    assertThat(opened).contains("desk", "verifier", "attorney", "officer", "admin");
    assertThat(wrong).isEmpty();
    assertThat(marker).doesNotExist();
  }

  @Test
  void anExpressionInAFilterIsRefusedWhenSavedAndWhenTheFilterIsRunWithAnExtendingQuery() throws Exception {
    List<String> wrong = new ArrayList<>();
    String filterId = filterService.createFilterQuery().filterName(AuthorizationSetup.TASK_FILTER_NAME)
        .singleResult().getId();
    for (Map.Entry<String, String> user : PASSWORDS.entrySet()) {
      for (Map<String, Object> body : bodies()) {
        for (String path : List.of("/engine-rest/filter/" + filterId + "/list?maxResults=10", "/engine-rest/filter/" + filterId
            + "/count")) {
          expectRefused(wrong, user.getKey() + " POST " + path + " " + body.keySet(),
              basic(user.getKey(), user.getValue(), HttpRequest.newBuilder(uri(path))
                  .header("Content-Type", "application/json").POST(json(body))));
        }
      }
    }
    // An administrator may create filters, but not one that carries an expression in any part of its query.
    for (Map<String, Object> query : bodies()) {
      Map<String, Object> filter = Map.of("resourceType", "Task", "name", "attack", "query", query);
      expectRefused(wrong, "admin create filter " + query.keySet(), basic("admin", "demo",
          HttpRequest.newBuilder(uri("/engine-rest/filter/create")).header("Content-Type", "application/json")
              .POST(json(filter))));
    }
    assertThat(filterService.createFilterQuery().filterName("attack").count()).isZero();
    assertThat(wrong).isEmpty();
    assertThat(marker).doesNotExist();
  }

  @Test
  void aFilterStoredWithAnExpressionBeforeTheFixIsRefusedWhenRun() throws Exception {
    // Written past the engine, as a database restored from an unpatched installation could hold it.
    String id = UUID.randomUUID().toString();
    String query = HttpApi.JSON.writeValueAsString(Map.of("orQueries", List.of(Map.of("dueAfterExpression", payload()))));
    jdbc.update("INSERT INTO act_ru_filter (id_, rev_, resource_type_, name_, owner_, query_, properties_) "
        + "VALUES (?, 1, 'Task', 'stored-attack', NULL, ?, '{}')", id, query);
    try {
      List<String> wrong = new ArrayList<>();
      for (Map.Entry<String, String> user : PASSWORDS.entrySet()) {
        for (String path : List.of("/engine-rest/filter/" + id + "/list?maxResults=10", "/engine-rest/filter/" + id + "/count")) {
          HttpResponse<String> answer = basic(user.getKey(), user.getValue(), HttpRequest.newBuilder(uri(path)).GET());
          // Users without READ on filters get 403 or 404; everyone else a refusal of the stored expression.
          if (answer.statusCode() >= 500 || answer.statusCode() == 200) {
            wrong.add(user.getKey() + " GET " + path + " -> " + answer.statusCode() + " " + answer.body());
          }
        }
      }
      assertThat(wrong).isEmpty();
      assertThat(marker).doesNotExist();
      Filter stored = filterService.getFilter(id);
      assertThat(stored).isNotNull();
    } finally {
      jdbc.update("DELETE FROM act_ru_filter WHERE id_ = ?", id);
    }
  }

  void expectRefused(List<String> wrong, String what, HttpResponse<String> answer) throws Exception {
    // 403 (no permission) is a refusal too; only a 400 naming the expression, or a 403, is right.
    if (answer.statusCode() == 400) {
      JsonNode body = HttpApi.JSON.readTree(answer.body());
      if (!body.path("message").asText().toLowerCase().contains("expression")) {
        wrong.add(what + " -> 400 without naming the expression: " + answer.body());
      }
    } else if (answer.statusCode() != 403) {
      wrong.add(what + " -> " + answer.statusCode() + " " + answer.body());
    }
    if (Files.exists(marker)) {
      wrong.add(what + " RAN THE COMMAND");
      Files.delete(marker);
    }
  }

  URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  static HttpRequest.BodyPublisher json(Object body) throws Exception {
    return HttpRequest.BodyPublishers.ofString(HttpApi.JSON.writeValueAsString(body), StandardCharsets.UTF_8);
  }

  HttpResponse<String> basic(String user, String password, HttpRequest.Builder request) throws Exception {
    request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
        .getBytes(StandardCharsets.UTF_8)));
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A Tasklist session as the browser holds it: session cookie plus Camunda's CSRF token. */
  static final class WebappSession {
    final HttpClient client = HttpClient.newHttpClient();
    final String base;
    final Map<String, String> cookies = new LinkedHashMap<>();

    WebappSession(int port) {
      this.base = "http://localhost:" + port;
    }

    static WebappSession login(int port, String user, String password) throws Exception {
      WebappSession session = new WebappSession(port);
      session.send(HttpRequest.newBuilder(URI.create(session.base + "/camunda/app/tasklist/default/")).GET());
      String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
          + URLEncoder.encode(password, StandardCharsets.UTF_8);
      HttpResponse<String> login = session.send(HttpRequest.newBuilder(URI.create(session.base
          + "/camunda/api/admin/auth/user/default/login/tasklist"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)));
      if (login.statusCode() != 200) {
        return null;
      }
      // The login starts a new session; its CSRF token comes with the next page, as Tasklist's own reload does.
      session.send(HttpRequest.newBuilder(URI.create(session.base + "/camunda/app/tasklist/default/")).GET());
      return session;
    }

    HttpResponse<String> post(String path, HttpRequest.BodyPublisher body) throws Exception {
      return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json").POST(body));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
      if (!cookies.isEmpty()) {
        request.header("Cookie", String.join("; ", cookies.entrySet().stream()
            .map(c -> c.getKey() + "=" + c.getValue()).toList()));
      }
      if (cookies.containsKey("XSRF-TOKEN")) {
        request.header("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
      }
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      for (String header : response.headers().allValues("Set-Cookie")) {
        String pair = header.split(";", 2)[0];
        int eq = pair.indexOf('=');
        cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
      }
      return response;
    }
  }
}
