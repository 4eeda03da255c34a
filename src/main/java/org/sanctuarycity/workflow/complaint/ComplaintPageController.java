package org.sanctuarycity.workflow.complaint;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.TreeMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.sanctuarycity.workflow.common.FieldProblem;
import org.sanctuarycity.workflow.common.IdempotencyKeyReusedException;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.common.RetryLaterException;
import org.sanctuarycity.workflow.idempotency.IdempotentRequests;
import org.sanctuarycity.workflow.policy.CityProperties;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The public complaint pages, no login: /complaints/new (form), POST /complaints (CSRF token, signed
 * challenge, rate limit, size limits) and /complaints/status (number + token show the status only).
 * Every value shown is HTML-escaped. The only script is /assets/print.js (the confirmation's print button, same
 * origin, so the strict CSP of the pages applies unchanged); without it the page says to use the browser's Print.
 */
@Controller
class ComplaintPageController {

  private final ComplaintService complaints;
  private final ComplaintMessages messages;
  private final ComplaintChallenge challenge;
  private final ComplaintPageProperties properties;
  private final Clock clock;
  private final IdempotentRequests idempotent;
  private final CityProperties city;
  private final Map<String, long[]> windows = new ConcurrentHashMap<>();

  ComplaintPageController(ComplaintService complaints, ComplaintMessages messages, ComplaintChallenge challenge,
      ComplaintPageProperties properties, Clock clock, IdempotentRequests idempotent, CityProperties city) {
    this.complaints = complaints;
    this.messages = messages;
    this.challenge = challenge;
    this.properties = properties;
    this.clock = clock;
    this.idempotent = idempotent;
    this.city = city;
  }

  /** The challenge was answered wrongly: thrown inside the idempotent work so that the form's key is freed. */
  private static final class ChallengeFailed extends RuntimeException {
    ChallengeFailed() {
      super(null, null, false, false);
    }
  }

  @GetMapping(value = "/complaints/new", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> form(@RequestParam(name = "lang", required = false) String lang, HttpServletRequest request) {
    String l = messages.language(lang);
    return page(HttpStatus.OK, l, msg("title", l), form(l, request, null));
  }

  @PostMapping(value = "/complaints", produces = MediaType.TEXT_HTML_VALUE,
      consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<String> file(@RequestParam Map<String, String> form, HttpServletRequest request) {
    String l = messages.language(form.get("lang"));
    if (request.getContentLengthLong() > properties.maxBodyBytes()) {
      return page(HttpStatus.PAYLOAD_TOO_LARGE, l, msg("title", l), error(l, request, msg("error.input", l, "size")));
    }
    if (!allow(request)) {
      return page(HttpStatus.TOO_MANY_REQUESTS, l, msg("title", l), "<h1>" + e(msg("error.title", l)) + "</h1><p>" + e(msg("error.rate", l)) + "</p>");
    }
    // The form's challenge token is its Idempotency-Key: a resident whose connection dropped, or who pressed the
    // button twice, sends the same form again and gets the first answer (the same number and code), not a second
    // complaint and not an error. The same token with other content is refused and files nothing.
    Map<String, String> content = new TreeMap<>(form);
    content.remove("_csrf");
    String token = form.get("challengeToken");
    IdempotentRequests.Answer answer;
    try {
      answer = idempotent.run("complaints", "public", token == null ? null : key(token), null, content, () -> {
        if (!challenge.verify(token, form.get("challengeAnswer"))) {
          throw new ChallengeFailed();
        }
        boolean anonymous = "on".equals(form.get("anonymous")) || "true".equals(form.get("anonymous"));
        List<String> refs = form.get("references") == null || form.get("references").isBlank() ? List.of()
            : Arrays.stream(form.get("references").split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
        ComplaintService.Filed filed = complaints.file(new NewComplaint(l, anonymous,
            "on".equals(form.get("attorney")), form.get("name"), form.get("contact"), date(form.get("incidentDate")),
            form.get("location"), form.get("description"), refs), "WEB");
        // The filing day is part of the answer, so a resent form shows the same dates.
        return IdempotentRequests.Answer.of(201, Map.of("reference", filed.reference(),
            "statusToken", filed.statusToken(), "filedOn", LocalDate.now(clock.withZone(city.zone())).toString()));
      });
    } catch (ChallengeFailed wrong) {
      return page(HttpStatus.BAD_REQUEST, l, msg("title", l), error(l, request, msg("error.challenge", l)));
    } catch (IdempotencyKeyReusedException other) {
      return page(HttpStatus.UNPROCESSABLE_ENTITY, l, msg("title", l), error(l, request, msg("error.resent", l)));
    } catch (RetryLaterException running) {
      return ResponseEntity.status(HttpStatus.CONFLICT)
          .header("Retry-After", Long.toString(running.retryAfterSeconds()))
          .contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noStore())
          .body(page(HttpStatus.CONFLICT, l, msg("title", l), "<h1>" + e(msg("filed.pending", l)) + "</h1>").getBody());
    } catch (InvalidInputException ex) {
      String fields = ex.getProblems().stream().map(FieldProblem::toString).collect(Collectors.joining("; "));
      return page(ex.isTooLarge() ? HttpStatus.PAYLOAD_TOO_LARGE : HttpStatus.BAD_REQUEST, l, msg("title", l),
          error(l, request, msg("error.input", l, fields)));
    }
    return page(answer.replayed() ? HttpStatus.OK : HttpStatus.CREATED, l, msg("filed.title", l),
        confirmation(l, request, (String) answer.body().get("reference"), (String) answer.body().get("statusToken"),
            (String) answer.body().get("filedOn")));
  }

  /**
   * The number and code, what happens next and by when (app.complaints.review-days, response-days), the status
   * page as a link (with the number filled in, never the code) and a print button. Printed, the link's address is
   * spelled out and the code stays on the page (app.css).
   */
  private String confirmation(String l, HttpServletRequest request, String reference, String code, String filedOn) {
    LocalDate filed = filedOn == null ? LocalDate.now(clock.withZone(city.zone())) : LocalDate.parse(filedOn);
    DateTimeFormatter day = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(Locale.forLanguageTag(l));
    String statusUrl = ServletUriComponentsBuilder.fromContextPath(request).path("/complaints/status")
        .queryParam("lang", l).queryParam("number", reference).build().toUriString();
    return "<h1>" + e(msg("filed.title", l)) + "</h1>"
        + "<dl class=\"confirmation\"><dt>" + e(msg("filed.number", l)) + "</dt><dd id=\"number\">" + e(reference)
        + "</dd><dt>" + e(msg("filed.token", l)) + "</dt><dd id=\"token\"><code class=\"status-code\">" + e(code)
        + "</code></dd></dl><p>" + e(msg("filed.keep", l)) + "</p>"
        + "<p class=\"noprint\"><button type=\"button\" id=\"print\" hidden>" + e(msg("filed.print", l))
        + "</button></p><h2>" + e(msg("filed.next", l)) + "</h2><ol id=\"next\">"
        + "<li id=\"next-review\">" + e(msg("filed.next.review", l, day.format(filed.plusDays(properties.reviewDays())),
            properties.reviewDays())) + "</li>"
        + "<li id=\"next-response\">" + e(msg("filed.next.response", l,
            day.format(filed.plusDays(properties.responseDays())), properties.responseDays())) + "</li>"
        + "<li>" + e(msg("filed.next.status", l)) + " <a id=\"status-link\" class=\"print-url\" href=\""
        + e(statusUrl) + "\">" + e(msg("filed.statusLink", l)) + "</a></li></ol>"
        + "<script src=\"/assets/print.js\" defer></script>";
  }

  /** The token is up to 300 characters; the key column takes 128. */
  private static String key(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @GetMapping(value = "/complaints/status", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> status(@RequestParam(required = false) String number, @RequestParam(required = false) String token,
      @RequestParam(name = "lang", required = false) String lang, HttpServletRequest request) {
    String l = messages.language(lang);
    StringBuilder h = new StringBuilder();
    languages(h, l, "/complaints/status", number != null && number.matches("CP-\\d{4}-\\d{5}") ? number : null);
    h.append("<h1>").append(e(msg("status.title", l))).append("</h1>");
    HttpStatus code = HttpStatus.OK;
    // The confirmation's link brings the number alone: the form is shown with it filled in, and nothing is checked.
    if (token != null) {
      if (!allow(request)) {
        return page(HttpStatus.TOO_MANY_REQUESTS, l, msg("status.title", l), "<p>" + e(msg("error.rate", l)) + "</p>");
      }
      var status = complaints.status(number, token);
      h.append("<p id=\"status\" role=\"status\">")
          .append(e(status.map(s -> msg("status." + s.name(), l)).orElse(msg("status.unknown", l)))).append("</p>");
      code = status.isPresent() ? HttpStatus.OK : HttpStatus.NOT_FOUND;
    }
    h.append("<form method=\"get\" action=\"/complaints/status\"><input type=\"hidden\" name=\"lang\" value=\"")
        .append(e(l)).append("\">").append(field("number", msg("status.number", l), "text", 20, number))
        .append(field("token", msg("status.token", l), "text", 100, null))
        .append("<button type=\"submit\">").append(e(msg("status.check", l))).append("</button></form>");
    return page(code, l, msg("status.title", l), h.toString());
  }

  /** Links to the same page in each language; {@code number} (a complaint number or null) is kept. */
  private void languages(StringBuilder h, String l, String path, String number) {
    h.append("<nav aria-label=\"").append(e(msg("language", l))).append("\"><ul class=\"languages\">");
    for (String lang : messages.languages()) {
      h.append("<li><a lang=\"").append(e(lang)).append("\" href=\"").append(path).append("?lang=").append(e(lang))
          .append(number == null ? "" : "&amp;number=" + e(number)).append("\">")
          .append(e(Locale.forLanguageTag(lang).getDisplayLanguage(Locale.forLanguageTag(lang)))).append("</a></li>");
    }
    h.append("</ul></nav>");
  }

  private String form(String l, HttpServletRequest request, String problem) {
    ComplaintChallenge.Question q = challenge.issue();
    StringBuilder h = new StringBuilder();
    languages(h, l, "/complaints/new", null);
    h.append("<h1>").append(e(msg("title", l))).append("</h1>");
    if (problem != null) {
      h.append("<div class=\"error\" role=\"alert\"><p>").append(e(problem)).append("</p></div>");
    }
    h.append("<p>").append(e(msg("intro", l))).append("</p>")
        .append("<form method=\"post\" action=\"/complaints\" accept-charset=\"UTF-8\">")
        .append("<input type=\"hidden\" name=\"lang\" value=\"").append(e(l)).append("\">");
    CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
    if (csrf != null) {
      h.append("<input type=\"hidden\" name=\"").append(e(csrf.getParameterName())).append("\" value=\"")
          .append(e(csrf.getToken())).append("\">");
    }
    h.append(checkbox("anonymous", msg("anonymous", l))).append(checkbox("attorney", msg("attorney", l)))
        .append(field("name", msg("name", l), "text", ComplaintService.SHORT_MAX))
        .append(field("contact", msg("contact", l), "text", ComplaintService.SHORT_MAX))
        .append(field("incidentDate", msg("incidentDate", l), "date", 10))
        .append(field("location", msg("location", l), "text", ComplaintService.SHORT_MAX))
        .append("<p><label for=\"description\">").append(e(msg("description", l))).append("</label><br>")
        .append("<textarea id=\"description\" name=\"description\" rows=\"8\" cols=\"60\" required maxlength=\"")
        .append(ComplaintService.DESCRIPTION_MAX).append("\"></textarea></p>")
        .append(field("references", msg("references", l), "text", 400))
        .append("<input type=\"hidden\" name=\"challengeToken\" value=\"").append(e(q.token())).append("\">")
        .append("<p><label for=\"challengeAnswer\">").append(e(msg("challenge", l, q.a(), q.b()))).append("</label><br>")
        .append("<input id=\"challengeAnswer\" name=\"challengeAnswer\" inputmode=\"numeric\" required maxlength=\"3\"")
        .append(" autocomplete=\"off\"></p>")
        .append("<p><button type=\"submit\">").append(e(msg("submit", l))).append("</button></p></form>");
    return h.toString();
  }

  private String error(String l, HttpServletRequest request, String problem) {
    return form(l, request, msg("error.title", l) + ": " + problem);
  }

  /** A fixed window per client address: at most maxPerHour posts and status checks per hour. */
  private boolean allow(HttpServletRequest request) {
    long hour = clock.millis() / 3_600_000L;
    long[] w = windows.compute(request.getRemoteAddr(), (k, v) -> v == null || v[0] != hour ? new long[] {hour, 1}
        : new long[] {hour, v[1] + 1});
    if (windows.size() > 10_000) {
      windows.values().removeIf(v -> v[0] != hour);
    }
    return w[1] <= properties.maxPerHour();
  }

  private ResponseEntity<String> page(HttpStatus status, String lang, String title, String body) {
    String html = "<!doctype html><html lang=\"" + e(lang) + "\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + e(title)
        + "</title><link rel=\"stylesheet\" href=\"/assets/app.css\"></head><body><main class=\"container\">" + body
        + "</main></body></html>";
    return ResponseEntity.status(status).cacheControl(CacheControl.noStore()).contentType(MediaType.parseMediaType(
        "text/html;charset=UTF-8")).body(html);
  }

  private String msg(String key, String lang, Object... args) {
    return messages.getMessage(key, args, key, Locale.forLanguageTag(lang));
  }

  private static String field(String name, String label, String type, int max) {
    return field(name, label, type, max, null);
  }

  private static String field(String name, String label, String type, int max, String value) {
    return "<p><label for=\"" + name + "\">" + e(label) + "</label><br><input id=\"" + name + "\" name=\"" + name
        + "\" type=\"" + type + "\" maxlength=\"" + max + "\" autocomplete=\"off\""
        + (value == null ? "" : " value=\"" + e(value) + "\"") + "></p>";
  }

  private static String checkbox(String name, String label) {
    return "<p><input id=\"" + name + "\" name=\"" + name + "\" type=\"checkbox\"> <label for=\"" + name + "\">"
        + e(label) + "</label></p>";
  }

  private static LocalDate date(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(s.strip());
    } catch (DateTimeParseException ex) {
      throw InvalidInputException.of("incidentDate", "is not a date (YYYY-MM-DD)");
    }
  }

  private static String e(String s) {
    return s == null ? "" : htmlEscape(s, "UTF-8");
  }
}
