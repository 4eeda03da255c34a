package org.sanctuarycity.workflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** One user's HTTP connection to the application (HTTP/1.1 keep-alive, HTTP Basic like the API tests). */
final class BenchHttp {

  static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final String base;

  BenchHttp(int port) {
    this.base = "http://localhost:" + port;
  }

  record Answer(int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("not JSON: " + body, e);
      }
    }
  }

  Answer get(String user, String path) {
    return send(user, HttpRequest.newBuilder(URI.create(base + path)).GET(), Map.of());
  }

  Answer post(String user, String path, Object body, Map<String, String> headers) {
    try {
      String text = body instanceof String s ? s : JSON.writeValueAsString(body);
      return send(user, HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)), headers);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Client-side time per labelled step, for the breakdown of a full request in results.md. */
  static final Map<String, double[]> STEP_MS = new java.util.concurrent.ConcurrentHashMap<>();

  static void resetSteps() {
    STEP_MS.clear();
  }

  static <T> T timed(String step, java.util.function.Supplier<T> call) {
    long t0 = System.nanoTime();
    T result = call.get();
    double ms = (System.nanoTime() - t0) / 1e6;
    STEP_MS.merge(step, new double[] {ms, 1}, (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]});
    return result;
  }

  Answer send(String user, HttpRequest.Builder builder, Map<String, String> headers) {
    if (user != null) {
      builder.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    }
    headers.forEach(builder::header);
    builder.timeout(Duration.ofSeconds(60));
    try {
      HttpResponse<String> r = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  String openTaskId(String user, String reference) {
    JsonNode tasks = timed("GET /engine-rest/task?processInstanceBusinessKey= (" + user + ")", () -> expect(
        get(user, "/engine-rest/task?processInstanceBusinessKey=" + reference + "&maxResults=10"), 200)).json();
    if (tasks.size() != 1) {
      throw new IllegalStateException("expected one task for " + user + " on " + reference + ": " + tasks);
    }
    return tasks.get(0).get("id").asText();
  }

  void complete(String user, String taskId, Map<String, Object> variables) {
    Map<String, Object> vars = new LinkedHashMap<>();
    variables.forEach((k, v) -> vars.put(k, Map.of("value", v)));
    timed("POST /engine-rest/task/{id}/complete (" + user + ", " + String.join(",", variables.keySet()).substring(0,
        Math.min(24, String.join(",", variables.keySet()).length())) + ")",
        () -> expect(post(user, "/engine-rest/task/" + taskId + "/complete", Map.of("variables", vars), Map.of()), 204));
  }

  /** Waits until the started application answers the desk on its port; fails if it exits or takes over 300 s. */
  static void awaitReady(Process process, int port, String name, java.nio.file.Path log) throws InterruptedException {
    long t0 = System.nanoTime();
    BenchHttp http = new BenchHttp(port);
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
      }
      try {
        if (http.get("desk", "/api/legal-bases").status() == 200) {
          return;
        }
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      if (System.nanoTime() - t0 > java.util.concurrent.TimeUnit.SECONDS.toNanos(300)) {
        throw new IllegalStateException(name + " did not start within 300 s");
      }
      Thread.sleep(500);
    }
  }

  static Answer expect(Answer a, int status) {
    if (a.status() != status) {
      throw new IllegalStateException("HTTP " + a.status() + " (expected " + status + "): "
          + a.body().substring(0, Math.min(300, a.body().length())));
    }
    return a;
  }
}
