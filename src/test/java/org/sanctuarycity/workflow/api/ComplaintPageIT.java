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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/** The public complaint page without login: Spanish form, CSRF, challenge, filing, a resent form, status check. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ComplaintPageIT {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  HttpResponse<String> get(HttpClient client, String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The test profile trusts X-Forwarded-For from loopback, as behind the city's reverse proxy. */
  HttpResponse<String> getFrom(String address, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("X-Forwarded-For", address).GET().build(), HttpResponse.BodyHandlers.ofString());
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

    // The same form sent again (a dropped connection, a second click) gets the first answer, not a second complaint.
    int complaints = jdbc.queryForObject("SELECT count(*) FROM complaint", Integer.class);
    HttpResponse<String> resent = post(client, form);
    assertThat(resent.statusCode()).as(resent.body()).isEqualTo(200);
    assertThat(find(resent.body(), "id=\"number\">(CP-\\d{4}-\\d{5})<")).isEqualTo(number);
    assertThat(find(resent.body(), "id=\"token\"><code>([A-Za-z0-9_-]+)<")).isEqualTo(token);
    // The same challenge cannot be used for anything else: other content, or another answer, files nothing.
    Map<String, String> other = new LinkedHashMap<>(form);
    other.put("description", "Otra queja con el mismo formulario.");
    HttpResponse<String> reused = post(client, other);
    assertThat(reused.statusCode()).isEqualTo(422);
    assertThat(reused.body()).contains("ya se envió con otras respuestas");
    Map<String, String> guess = new LinkedHashMap<>(form);
    guess.put("challengeAnswer", String.valueOf(Integer.parseInt(form.get("challengeAnswer")) + 1));
    assertThat(post(client, guess).statusCode()).isEqualTo(422);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM complaint", Integer.class)).isEqualTo(complaints);
    // Without the CSRF token nothing is filed.
    Map<String, String> noCsrf = new LinkedHashMap<>(form);
    noCsrf.remove("_csrf");
    assertThat(post(HttpClient.newHttpClient(), noCsrf).statusCode()).isEqualTo(403);

    // The checks come from the resident's phone, another address than the one that filed (5 an hour per address).
    HttpResponse<String> status = getFrom("198.51.100.23", "/complaints/status?lang=es&number=" + number + "&token=" + token);
    assertThat(status.body()).contains("Presentada");
    HttpResponse<String> wrong = getFrom("198.51.100.23", "/complaints/status?number=" + number + "&token=guess");
    assertThat(wrong.statusCode()).isEqualTo(404);
    assertThat(wrong.body()).contains("No complaint matches").doesNotContain("sin identificación");
  }
}
