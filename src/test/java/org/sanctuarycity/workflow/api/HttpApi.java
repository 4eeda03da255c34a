package org.sanctuarycity.workflow.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** A small HTTP client for driving the booted application as its users do. */
final class HttpApi {

  static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;

  HttpApi(int port) {
    this.base = "http://localhost:" + port;
  }

  record Answer(int status, String body, java.net.http.HttpHeaders headers) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }
  }

  Answer get(String user, String path) {
    return send(user, HttpRequest.newBuilder(URI.create(base + path)).GET(), Map.of());
  }

  Answer post(String user, String path, Object body) {
    return post(user, path, body, Map.of());
  }

  Answer post(String user, String path, Object body, Map<String, String> headers) {
    try {
      String text = body instanceof String s ? s : JSON.writeValueAsString(body);
      return send(user, HttpRequest.newBuilder(URI.create(base + path))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)), headers);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Any method, any bytes, any content type: for hostile input. */
  Answer raw(String user, String method, String path, String contentType, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    return send(user, builder, headers);
  }

  Answer send(String user, HttpRequest.Builder builder, Map<String, String> headers) {
    signIn(builder, user);
    headers.forEach(builder::header);
    try {
      HttpResponse<String> r = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body(), r.headers());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /** A GET whose answer is bytes (the PDFs), so that the body is not decoded as text. */
  HttpResponse<byte[]> getBytes(String user, String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).GET();
    signIn(builder, user);
    try {
      return client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static void signIn(HttpRequest.Builder builder, String user) {
    if (user != null) {
      builder.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    }
  }

  /** The single open task of a request, as seen by {@code user}. */
  JsonNode openTask(String user, String reference) {
    JsonNode tasks = get(user, "/engine-rest/task?processInstanceBusinessKey=" + reference + "&maxResults=10").json();
    if (tasks.size() != 1) {
      throw new AssertionError("expected one task visible to " + user + " for " + reference + " but got " + tasks);
    }
    return tasks.get(0);
  }

  Answer complete(String user, String taskId, Map<String, Object> variables) {
    Map<String, Object> vars = new java.util.LinkedHashMap<>();
    variables.forEach((k, v) -> vars.put(k, Map.of("value", v)));
    return post(user, "/engine-rest/task/" + taskId + "/complete", Map.of("variables", vars));
  }

  /** POST /engine-rest/deployment/create as Camunda Modeler sends it: multipart, one part per file. */
  Answer deploy(String user, Map<String, byte[]> files) {
    String boundary = "----ModelerBoundary" + java.util.UUID.randomUUID().toString().replace("-", "");
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    fields.put("deployment-name", "modeler-deployment");
    fields.put("deployment-source", "Camunda Modeler");
    fields.put("deploy-changed-only", "true");
    fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
        + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
    files.forEach((file, bytes) -> {
      body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file + "\"; filename=\""
          + file + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.writeBytes(bytes);
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    });
    body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(user, HttpRequest.newBuilder(URI.create(base + "/engine-rest/deployment/create"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), Map.of());
  }
}
