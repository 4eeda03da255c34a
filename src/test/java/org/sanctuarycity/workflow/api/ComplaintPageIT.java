package org.sanctuarycity.workflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** The public complaint page without login: Spanish form, CSRF, challenge, filing, status check. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ComplaintPageIT {

  @LocalServerPort int port;

  HttpResponse<String> get(HttpClient client, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(HttpClient client, Map<String, String> form) throws Exception {
    String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/complaints"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static String find(String html, String regex) {
    Matcher m = Pattern.compile(regex).matcher(html);
    assertThat(m.find()).as(regex).isTrue();
    return m.group(1);
  }

  @Test
  void anAnonymousComplaintIsFiledInSpanishAndItsStatusIsVisibleOnlyWithTheToken() throws Exception {
    HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    HttpResponse<String> page = get(client, "/complaints/new?lang=es");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("lang=\"es\"", "Presentar una queja", "¿cuánto es");
    assertThat(get(client, "/complaints/new").body()).contains("File a complaint");

    String html = page.body();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("lang", "es");
    form.put("_csrf", find(html, "name=\"_csrf\" value=\"([^\"]+)\""));
    form.put("challengeToken", find(html, "name=\"challengeToken\" value=\"([^\"]+)\""));
    Matcher q = Pattern.compile("cuánto es (\\d+) más (\\d+)").matcher(html);
    assertThat(q.find()).isTrue();
    form.put("challengeAnswer", String.valueOf(Integer.parseInt(q.group(1)) + Integer.parseInt(q.group(2))));
    form.put("anonymous", "on");
    form.put("description", "Un agente <b>sin identificación</b> me detuvo.");

    // Too fast: the challenge wants a minimum fill time.
    assertThat(post(client, form).statusCode()).isEqualTo(400);
    Thread.sleep(5200);
    HttpResponse<String> again = get(client, "/complaints/new?lang=es");
    form.put("_csrf", find(again.body(), "name=\"_csrf\" value=\"([^\"]+)\""));
    form.put("challengeToken", find(again.body(), "name=\"challengeToken\" value=\"([^\"]+)\""));
    Matcher q2 = Pattern.compile("cuánto es (\\d+) más (\\d+)").matcher(again.body());
    assertThat(q2.find()).isTrue();
    form.put("challengeAnswer", String.valueOf(Integer.parseInt(q2.group(1)) + Integer.parseInt(q2.group(2))));
    Thread.sleep(5200);
    HttpResponse<String> filed = post(client, form);
    assertThat(filed.statusCode()).as(filed.body()).isEqualTo(201);
    String number = find(filed.body(), "id=\"number\">(CP-\\d{4}-\\d{5})<");
    String token = find(filed.body(), "id=\"token\"><code>([A-Za-z0-9_-]+)<");

    // The same challenge cannot be used twice.
    assertThat(post(client, form).statusCode()).isEqualTo(400);
    // Without the CSRF token nothing is filed.
    Map<String, String> noCsrf = new LinkedHashMap<>(form);
    noCsrf.remove("_csrf");
    assertThat(post(HttpClient.newHttpClient(), noCsrf).statusCode()).isEqualTo(403);

    HttpResponse<String> status = get(HttpClient.newHttpClient(), "/complaints/status?lang=es&number=" + number + "&token=" + token);
    assertThat(status.body()).contains("Presentada");
    HttpResponse<String> wrong = get(HttpClient.newHttpClient(), "/complaints/status?number=" + number + "&token=guess");
    assertThat(wrong.statusCode()).isEqualTo(404);
    assertThat(wrong.body()).contains("No complaint matches").doesNotContain("sin identificación");
  }
}
