package org.sanctuarycity.workflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HexFormat;
import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sanctuarycity.workflow.complaint.ComplaintPageProperties;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The public complaint page without login: Spanish form, CSRF, challenge, filing, a resent form, status check. The
 * confirmation: a grouped code without look-alike characters, read in any case and with or without separators,
 * what happens next and by when (app.complaints.review-days and response-days), the status page as a link, a print
 * button; a code of the format used before (32 case-sensitive characters) still gives the status.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ComplaintPageIT {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired ComplaintPageProperties pageProperties;

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
    String token = find(filed.body(), "id=\"token\"><code class=\"status-code\">([^<]+)<");
    // Four groups of four from the 30 symbols without 0/O, 1/I/L and U.
    assertThat(token).matches("[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}(-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{4}){3}");
    assertThat(jdbc.queryForObject("SELECT status_token_hash FROM complaint WHERE reference = ?", String.class, number))
        .as("only the hash of the code is stored").isEqualTo(sha256(token.replace("-", ""))).doesNotContain(token);
    // What happens next and by when, in Spanish, with the dates of the configured days after today (city time).
    LocalDate today = LocalDate.now(ZoneId.of("America/Los_Angeles"));
    DateTimeFormatter spanish = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.forLanguageTag("es"));
    assertThat(find(filed.body(), "<li id=\"next-review\">([^<]+)</li>")).isEqualTo("A más tardar el "
        + spanish.format(today.plusDays(pageProperties.reviewDays())) + " (" + pageProperties.reviewDays()
        + " días después de presentarla), la Oficina del Abogado de la Ciudad habrá revisado su queja, habrá puesto "
        + "bajo retención legal los registros relacionados para que no se puedan borrar y habrá asignado a una "
        + "persona para investigarla.");
    assertThat(find(filed.body(), "<li id=\"next-response\">([^<]+)</li>")).startsWith("A más tardar el "
        + spanish.format(today.plusDays(pageProperties.responseDays())) + " (" + pageProperties.responseDays() + " días");
    assertThat(filed.body()).doesNotContain("fiscal");
    // The status page is a link, in the page's language and with the number filled in, never the code.
    String link = find(filed.body(), "<a id=\"status-link\" class=\"print-url\" href=\"([^\"]+)\"").replace("&amp;", "&");
    assertThat(link).isEqualTo("http://localhost:" + port + "/complaints/status?lang=es&number=" + number);
    HttpResponse<String> linked = getFrom("198.51.100.24", link.substring(("http://localhost:" + port).length()));
    assertThat(linked.statusCode()).isEqualTo(200);
    assertThat(linked.body()).contains("lang=\"es\"", "<title>Estado de la queja</title>",
        "id=\"number\" name=\"number\" type=\"text\" maxlength=\"20\" autocomplete=\"off\" value=\"" + number + "\"",
        "href=\"/complaints/status?lang=en&amp;number=" + number + "\"").doesNotContain("id=\"status\"");
    // The print button is shown by the page's own script (the CSP allows no inline script); the print stylesheet exists.
    assertThat(filed.body()).contains("<button type=\"button\" id=\"print\" hidden>Imprimir esta página</button>",
        "<script src=\"/assets/print.js\" defer></script>");
    assertThat(get(client, "/assets/print.js").body()).contains("window.print()");
    assertThat(get(client, "/assets/app.css").body()).contains("@media print", "a.print-url::after");

    // The same form sent again (a dropped connection, a second click) gets the first answer, not a second complaint.
    int complaints = jdbc.queryForObject("SELECT count(*) FROM complaint", Integer.class);
    HttpResponse<String> resent = post(client, form);
    assertThat(resent.statusCode()).as(resent.body()).isEqualTo(200);
    assertThat(find(resent.body(), "id=\"number\">(CP-\\d{4}-\\d{5})<")).isEqualTo(number);
    assertThat(find(resent.body(), "id=\"token\"><code class=\"status-code\">([^<]+)<")).isEqualTo(token);
    assertThat(find(resent.body(), "<li id=\"next-review\">([^<]+)</li>"))
        .isEqualTo(find(filed.body(), "<li id=\"next-review\">([^<]+)</li>"));
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
    // Typed in small letters, without the dashes or with spaces instead, the code still gives the status.
    String lower = token.toLowerCase(Locale.ROOT);
    assertThat(getFrom("198.51.100.23", "/complaints/status?lang=es&number=" + number + "&token="
        + lower.replace("-", "")).statusCode()).isEqualTo(200);
    HttpResponse<String> spaced = getFrom("198.51.100.23", "/complaints/status?lang=es&number=" + number.toLowerCase(Locale.ROOT)
        + "&token=" + URLEncoder.encode(" " + lower.replace("-", " ") + " ", StandardCharsets.UTF_8));
    assertThat(spaced.statusCode()).isEqualTo(200);
    assertThat(spaced.body()).contains("Presentada: la revisará la Oficina del Abogado de la Ciudad.");
    // One symbol changed is another code.
    String changed = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
    assertThat(getFrom("198.51.100.25", "/complaints/status?number=" + number + "&token=" + changed).statusCode())
        .isEqualTo(404);

    // A complaint filed before the grouped codes keeps its 32-character code, exactly as it was shown (case-sensitive).
    String legacy = "Qm9uIGFwcMOpdGl0LWV0LXBhcy1sZQ_x";
    jdbc.update("UPDATE complaint SET status_token_hash = ? WHERE reference = ?", sha256(legacy), number);
    assertThat(getFrom("198.51.100.25", "/complaints/status?number=" + number + "&token=" + legacy).statusCode())
        .isEqualTo(200);
    assertThat(getFrom("198.51.100.25", "/complaints/status?number=" + number + "&token="
        + legacy.toLowerCase(Locale.ROOT)).statusCode()).isEqualTo(404);
    assertThat(getFrom("198.51.100.25", "/complaints/status?number=" + number + "&token=" + token).statusCode())
        .isEqualTo(404);
  }

  static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
