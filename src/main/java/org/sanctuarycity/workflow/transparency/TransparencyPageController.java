package org.sanctuarycity.workflow.transparency;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.policy.CityProperties;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * /transparency: the public report page (no login), server-rendered so it works without JavaScript, with
 * a chart and a table of the same numbers for each count, CSV and JSON downloads, and how to verify the log.
 * Only counts are shown; small counts follow the city attorney's policy ({@link ReportProperties}).
 */
@Controller
class TransparencyPageController {

  private final TransparencyReports reports;
  private final ReportProperties policy;
  private final CityProperties city;
  private final Clock clock;
  private final PublicReport publicReport;

  @org.springframework.beans.factory.annotation.Autowired
  TransparencyPageController(TransparencyReports reports, ReportProperties policy, CityProperties city, Clock clock,
      PublicReport publicReport) {
    this.reports = reports;
    this.policy = policy;
    this.city = city;
    this.clock = clock;
    this.publicReport = publicReport;
  }

  TransparencyPageController(TransparencyReports reports, ReportProperties policy, CityProperties city, Clock clock) {
    this(reports, policy, city, clock, new PublicReport(reports, policy, null));
  }

  /** A period: month, quarter or year containing {@code date} (today by default), or from/to. */
  record Period(String kind, LocalDate from, LocalDate to) {
    String query() {
      return "from=" + from + "&to=" + to;
    }
  }

  Period period(String kind, LocalDate date, LocalDate from, LocalDate to) {
    if (from != null || to != null) {
      if (from == null || to == null || to.isBefore(from) || from.plusYears(10).isBefore(to)) {
        throw InvalidInputException.of("to", "from and to must both be given, in order, at most 10 years apart");
      }
      return new Period("custom", from, to);
    }
    LocalDate d = date == null ? LocalDate.now(clock.withZone(ZoneOffset.UTC)) : date;
    return switch (kind == null ? "quarter" : kind) {
      case "month" -> new Period("month", d.withDayOfMonth(1), d.withDayOfMonth(d.lengthOfMonth()));
      case "year" -> new Period("year", d.withDayOfYear(1), d.withDayOfYear(d.lengthOfYear()));
      case "quarter" -> {
        LocalDate start = LocalDate.of(d.getYear(), ((d.getMonthValue() - 1) / 3) * 3 + 1, 1);
        yield new Period("quarter", start, start.plusMonths(3).minusDays(1));
      }
      default -> throw InvalidInputException.of("period", "must be month, quarter or year");
    };
  }

  @GetMapping(value = "/transparency", produces = MediaType.TEXT_HTML_VALUE)
  @ResponseBody
  String page(@RequestParam(required = false) String period,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    Period p = period(period, date, from, to);
    TransparencyReports.Report r = reports.report(p.from(), p.to());
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>Immigration requests: transparency report | ").append(e(city.name())).append("</title>")
        .append("<link rel=\"stylesheet\" href=\"/assets/app.css\"></head><body>")
        .append("<a class=\"skip\" href=\"#main\">Skip to main content</a>")
        .append("<header class=\"banner\"><div class=\"container\">").append(e(city.name())).append("</div></header>")
        .append("<main id=\"main\" class=\"container\">")
        .append("<h1>Requests from federal immigration authorities</h1>")
        .append("<p class=\"lead\">Under ").append(e(city.ordinance()))
        .append(", the city does not use its staff or resources for federal immigration enforcement unless the law "
            + "requires it, and it reports every request it receives and every contact its staff have with immigration "
            + "agents. This page counts those requests and what the city did, those contacts, and the complaints "
            + "people filed because they believe their rights under the ordinance were violated. It never shows "
            + "names, places, descriptions or other personal information.</p>");
    periodForm(h, p);
    h.append("<p>Showing <strong>").append(p.from()).append("</strong> to <strong>").append(p.to())
        .append("</strong> (dates in UTC). Download these numbers: <a href=\"/transparency/report.csv?")
        .append(e(p.query())).append("\">CSV</a> · <a href=\"/transparency/report.json?").append(e(p.query()))
        .append("\">JSON</a>.</p>");
    if (policy.smallCountThreshold() > 1) {
      h.append("<p>To protect privacy, counts from 1 to ").append(policy.smallCountThreshold() - 1)
          .append(" are shown as “fewer than ").append(policy.smallCountThreshold()).append("”.</p>");
    }
    for (TransparencyReports.Section s : r.sections()) {
      if ("contactAgency".equals(s.key())) {
        h.append("<p class=\"part\" id=\"contacts\"><strong>Contacts with immigration agents.</strong> Reports staff "
            + "file of any contact with people saying they were federal immigration agents, whether or not a request "
            + "was made.</p>");
      } else if ("complaintsFiled".equals(s.key())) {
        h.append("<p class=\"part\" id=\"complaints\"><strong>Complaints.</strong> Complaints under the ordinance's "
            + "private right of action. Only numbers are published, never who complained or what happened.</p>");
      }
      section(h, s);
    }
    h.append("<h2 id=\"verify\">How to check these records yourself</h2>")
        .append("<p>Every step the city takes on these requests is written to a public log that cannot be changed "
            + "without it showing. Every hour the city signs a “checkpoint” of the log with its key. "
            + "Anyone can download the log and check, on their own computer, that no entry was changed, removed, "
            + "reordered or back-dated since a checkpoint.</p><ol>")
        .append("<li>Download <a href=\"/api/transparency/export\">the whole log</a> (one entry per line), ")
        .append("<a href=\"/api/transparency/checkpoints/latest\">the latest checkpoint</a> and ")
        .append("<a href=\"/api/transparency/public-key\">the city's public key</a>.</li>")
        .append("<li>Run <code>java -jar sanctuary-workflow.jar verify-log transparency-log.jsonl checkpoint.json "
            + "public-key.json</code>. It prints OK, or the first entry that does not match.</li>")
        .append("<li>Or pick the three files in <a href=\"/transparency/verify.html\">the check page</a>, which "
            + "does the same in your browser without uploading anything.</li>")
        .append("<li>Keep the checkpoint. If the city ever rewrote its records, the next check against it would fail.</li>")
        .append("</ol><p>The log shows what was decided and on which legal basis; it cannot show whether a decision "
            + "was right, or record a contact that someone kept from the system.</p>")
        .append("</main></body></html>");
    return h.toString();
  }

  @GetMapping(value = "/transparency/report.csv", produces = "text/csv")
  void csv(@RequestParam(required = false) String period,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      HttpServletResponse response) throws java.io.IOException {
    Period p = period(period, date, from, to);
    TransparencyReports.Report r = reports.report(p.from(), p.to());
    StringBuilder csv = new StringBuilder("from,to,table,code,label,count\r\n");
    for (TransparencyReports.Section s : r.sections()) {
      for (TransparencyReports.Row row : s.rows()) {
        csv.append(p.from()).append(',').append(p.to()).append(',').append(s.key()).append(',')
            .append(csvCell(row.code())).append(',').append(csvCell(row.label())).append(',')
            .append(csvCell(shown(s, row.count()))).append("\r\n");
      }
    }
    response.setContentType("text/csv;charset=UTF-8");
    response.setHeader("Content-Disposition", "attachment; filename=\"transparency-" + p.from() + "-" + p.to() + ".csv\"");
    response.getWriter().write(csv.toString());
  }

  /** The same JSON a quarterly report freezes ({@link PublicReport}). */
  @GetMapping(value = "/transparency/report.json", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  PublicReport.JsonReport json(@RequestParam(required = false) String period,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    Period p = period(period, date, from, to);
    return publicReport.report(p.from(), p.to());
  }

  private boolean masked(TransparencyReports.Section s, long n) {
    return publicReport.masked(s, n);
  }

  String shown(TransparencyReports.Section s, long n) {
    return publicReport.shown(s, n);
  }

  private void periodForm(StringBuilder h, Period p) {
    h.append("<form class=\"period\" method=\"get\" action=\"/transparency\"><fieldset><legend>Period</legend>")
        .append("<label for=\"period\">Show a</label><select id=\"period\" name=\"period\">");
    for (String k : List.of("month", "quarter", "year")) {
      h.append("<option value=\"").append(k).append('"').append(k.equals(p.kind()) ? " selected" : "").append('>')
          .append(k).append("</option>");
    }
    h.append("</select><label for=\"date\">containing the date</label><input type=\"date\" id=\"date\" name=\"date\" value=\"")
        .append(p.from()).append("\"><button type=\"submit\">Show</button></fieldset></form>")
        .append("<form class=\"period\" method=\"get\" action=\"/transparency\"><fieldset><legend>Or choose dates</legend>")
        .append("<label for=\"from\">From</label><input type=\"date\" id=\"from\" name=\"from\" required value=\"")
        .append(p.from()).append("\"><label for=\"to\">to</label><input type=\"date\" id=\"to\" name=\"to\" required value=\"")
        .append(p.to()).append("\"><button type=\"submit\">Show</button></fieldset></form>");
  }

  private void section(StringBuilder h, TransparencyReports.Section s) {
    String id = "t-" + s.key();
    h.append("<h2 id=\"").append(id).append("\">").append(e(s.title())).append("</h2><p>").append(e(s.explanation()))
        .append("</p>");
    if (s.rows().isEmpty()) {
      h.append("<p>None in this period.</p>");
      return;
    }
    h.append("<div class=\"report-grid\">");
    chart(h, s);
    h.append("<table><caption>").append(e(s.title())).append("</caption><thead><tr><th scope=\"col\">")
        .append(isTotal(s) || !s.isCount() ? "Measure" : "Category").append("</th><th scope=\"col\" class=\"num\">")
        .append(s.isCount() ? "Count" : "days".equals(s.unit()) ? "Days" : "Hours").append("</th></tr>")
        .append("</thead><tbody>");
    for (TransparencyReports.Row row : s.rows()) {
      h.append("<tr><th scope=\"row\">").append(e(row.label())).append("</th><td class=\"num\">")
          .append(e(shown(s, row.count()))).append("</td></tr>");
    }
    h.append("</tbody></table></div>");
  }

  private static boolean isTotal(TransparencyReports.Section s) {
    return s.rows().size() == 1 && "Total".equals(s.rows().get(0).label());
  }

  /** A horizontal bar chart in SVG. Hidden from screen readers: the table beside it has the same numbers. */
  private void chart(StringBuilder h, TransparencyReports.Section s) {
    long max = Math.max(1, s.rows().stream().mapToLong(r -> masked(s, r.count()) ? 0 : r.count()).max().orElse(1));
    int barHeight = 28;
    int height = s.rows().size() * barHeight + 4;
    h.append("<svg class=\"chart\" aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 400 ").append(height)
        .append("\" width=\"100%\" height=\"").append(height).append("\">");
    int y = 2;
    for (TransparencyReports.Row row : s.rows()) {
      long n = masked(s, row.count()) ? 0 : row.count();
      long w = Math.round(220.0 * n / max);
      h.append("<text x=\"0\" y=\"").append(y + 18).append("\" font-size=\"13\" fill=\"#1b1b1b\">")
          .append(e(truncate(row.label()))).append("</text>")
          .append("<rect x=\"150\" y=\"").append(y + 4).append("\" width=\"").append(w).append("\" height=\"")
          .append(barHeight - 8).append("\" fill=\"#005ea2\"></rect>")
          .append("<text x=\"").append(156 + w).append("\" y=\"").append(y + 18)
          .append("\" font-size=\"13\" fill=\"#1b1b1b\">").append(e(shown(s, row.count()))).append("</text>");
      y += barHeight;
    }
    h.append("</svg>");
  }

  private static String truncate(String s) {
    return s.length() <= 22 ? s : s.substring(0, 21) + "…";
  }

  private static String csvCell(String s) {
    if (s == null) {
      return "";
    }
    // Quote always; a leading formula character is neutralised so spreadsheets do not execute it.
    String v = s.replace("\"", "\"\"");
    if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
      v = "'" + v;
    }
    return "\"" + v + "\"";
  }

  private static String e(String s) {
    return s == null ? "" : htmlEscape(s, "UTF-8");
  }
}
