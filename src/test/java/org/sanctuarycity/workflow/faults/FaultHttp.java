package org.sanctuarycity.workflow.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * A user's HTTP connection to the application. A call that got no answer (connection refused or cut, timeout)
 * returns null: that is what a client sees of a power cut, and the caller decides whether to retry.
 */
final class FaultHttp {

  static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  FaultHttp(int port) {
    this.base = "http://localhost:" + port;
  }

  record Answer(int status, String body, HttpHeaders headers) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("not JSON (HTTP " + status + ")", e);
      }
    }

    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** Retry-After in seconds, or the given default. */
    long retryAfter(long otherwise) {
      return headers.firstValue("Retry-After").map(v -> {
        try {
          return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
          return otherwise;
        }
      }).orElse(otherwise);
    }
  }

  Answer get(String user, String path) {
    return send(user, HttpRequest.newBuilder(URI.create(base + path)).GET(), Map.of());
  }

  Answer post(String user, String path, Object body, Map<String, String> headers) {
    try {
      String text = body == null ? "" : JSON.writeValueAsString(body);
      return send(user, HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)), headers);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A streamed GET (the log export); null when there was no answer. */
  InputStream stream(String user, String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET().timeout(Duration.ofSeconds(60));
    authorize(user, b);
    try {
      HttpResponse<InputStream> r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      if (r.statusCode() != 200) {
        r.body().close();
        throw new IllegalStateException("GET " + path + " answered " + r.statusCode());
      }
      return r.body();
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Answer send(String user, HttpRequest.Builder builder, Map<String, String> headers) {
    authorize(user, builder);
    headers.forEach(builder::header);
    // Longer than the pool's 5 s wait for a connection, so a 503 of a database outage arrives as an answer.
    builder.timeout(Duration.ofSeconds(30));
    try {
      HttpResponse<String> r = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body(), r.headers());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void authorize(String user, HttpRequest.Builder builder) {
    if (user != null) {
      builder.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    }
  }
}
