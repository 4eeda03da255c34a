package org.sanctuarycity.workflow.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.sanctuarycity.workflow.transparency.LogKeys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Published reports over HTTP, without login: the frozen JSON is byte for byte what /transparency/report.json
 * answered for the period, its SHA-256 matches, and the signature verifies with the published public key
 * alone. The annual page shows the year's numbers and the signed quarterly reports.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class PublishedReportsIT {

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired IdentityService identityService;
  final ObjectMapper json = new ObjectMapper();

  HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  void aPublishedReportIsPublicAndVerifiableWithThePublicKeyAlone() throws Exception {
    String publicJson = get("/transparency/report.json?from=2002-04-01&to=2002-06-30").body();
    ProcessInstance pi = runtimeService.startProcessInstanceByKey("transparency-report",
        Map.of(ReportVariables.PERIOD_FROM, "2002-04-01", ReportVariables.PERIOD_TO, "2002-06-30"));
    identityService.setAuthentication("attorney", List.of("city-attorney"));
    try {
      taskService.complete(taskService.createTaskQuery().processInstanceId(pi.getId()).singleResult().getId(),
          Map.of(ReportVariables.OUTCOME, "APPROVE"));
    } finally {
      identityService.clearAuthentication();
    }

    HttpResponse<String> list = get("/api/transparency/reports");
    assertThat(list.statusCode()).isEqualTo(200);
    JsonNode entry = null;
    for (JsonNode n : json.readTree(list.body())) {
      if ("TR-2002-Q2".equals(n.path("reference").asText())) {
        entry = n;
      }
    }
    assertThat(entry).isNotNull();
    assertThat(entry.has("reportJson")).isFalse();

    HttpResponse<String> one = get("/api/transparency/reports/" + entry.path("id").asLong());
    assertThat(one.statusCode()).isEqualTo(200);
    JsonNode r = json.readTree(one.body());
    String frozen = r.path("reportJson").asText();
    assertThat(frozen).isEqualTo(publicJson);
    assertThat(r.path("report")).isEqualTo(json.readTree(publicJson));
    assertThat(r.path("sha256").asText()).isEqualTo(HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(frozen.getBytes(StandardCharsets.UTF_8))));

    // Rebuild the signed text from the published fields and verify with the public key from the public endpoint.
    JsonNode key = json.readTree(get("/api/transparency/public-key").body());
    String signed = "{\"v\":1,\"type\":\"transparency-report\",\"origin\":" + json.writeValueAsString(r.path("origin").asText())
        + ",\"reference\":\"TR-2002-Q2\",\"revision\":" + r.path("revision").asInt() + ",\"from\":\"2002-04-01\","
        + "\"to\":\"2002-06-30\",\"sha256\":\"" + r.path("sha256").asText() + "\",\"logSeq\":" + r.path("logSeq").asLong()
        + ",\"publishedAt\":\"" + r.path("publishedAt").asText() + "\"}";
    Signature s = Signature.getInstance("Ed25519");
    s.initVerify(LogKeys.publicKey(Base64.getDecoder().decode(key.path("publicKey").asText())));
    s.update(signed.getBytes(StandardCharsets.UTF_8));
    assertThat(s.verify(Base64.getDecoder().decode(r.path("signature").asText()))).isTrue();

    assertThat(get("/api/transparency/reports/987654321").statusCode()).isEqualTo(404);

    HttpResponse<String> annual = get("/transparency/annual?year=2002");
    assertThat(annual.statusCode()).isEqualTo(200);
    assertThat(annual.body()).contains("TRUTH Act community forum", "Department of Justice (SB 54)", "TR-2002-Q2",
        r.path("sha256").asText(), "/assets/app.css");
    assertThat(get("/transparency/annual?year=1999").statusCode()).isEqualTo(400);
  }
}
