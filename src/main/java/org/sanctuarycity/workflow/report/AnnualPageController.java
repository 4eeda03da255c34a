package org.sanctuarycity.workflow.report;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.sanctuarycity.workflow.common.InvalidInputException;
import org.sanctuarycity.workflow.policy.CityProperties;
import org.sanctuarycity.workflow.transparency.PublicReport;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * /transparency/annual?year=YYYY: printable pages (no login) for the TRUTH Act community forum and for the
 * California DOJ (SB 54), from the same numbers as /transparency (small-count policy applied), with the
 * quarterly reports published for that year and their fingerprints. Print CSS is in /assets/app.css.
 */
@Controller
class AnnualPageController {

  private final PublicReport publicReport;
  private final ReportSnapshots snapshots;
  private final CityProperties city;
  private final Clock clock;

  AnnualPageController(PublicReport publicReport, ReportSnapshots snapshots, CityProperties city, Clock clock) {
    this.publicReport = publicReport;
    this.snapshots = snapshots;
    this.city = city;
    this.clock = clock;
  }

  @GetMapping(value = "/transparency/annual", produces = MediaType.TEXT_HTML_VALUE)
  @ResponseBody
  String annual(@RequestParam(required = false) Integer year) {
    int thisYear = LocalDate.now(clock.withZone(ZoneOffset.UTC)).getYear();
    int y = year == null ? thisYear - 1 : year;
    if (y < 2000 || y > thisYear) {
      throw InvalidInputException.of("year", "must be a year from 2000 to " + thisYear);
    }
    LocalDate from = LocalDate.of(y, 1, 1);
    LocalDate to = LocalDate.of(y, 12, 31);
    PublicReport.JsonReport r = publicReport.report(from, to);
    Map<String, PublicReport.JsonSection> s = r.sections().stream()
        .collect(Collectors.toMap(PublicReport.JsonSection::key, Function.identity()));
    List<PublishedReport> quarters = snapshots.publishedIn(y);
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>Immigration requests in ").append(y).append(": annual data | ").append(e(city.name()))
        .append("</title><link rel=\"stylesheet\" href=\"/assets/app.css\"></head><body class=\"annual\">")
        .append("<a class=\"skip\" href=\"#main\">Skip to main content</a>")
        .append("<header class=\"banner\"><div class=\"container\">").append(e(city.name())).append("</div></header>")
        .append("<main id=\"main\" class=\"container\">")
        .append("<h1>Requests from federal immigration authorities in ").append(y).append("</h1>")
        .append("<p class=\"lead\">Annual data of the ").append(e(city.name())).append(" under ")
        .append(e(city.ordinance())).append(", from 1 January to 31 December ").append(y)
        .append(" (dates in UTC). The numbers are the same as on <a href=\"/transparency?period=year&amp;date=")
        .append(from).append("\">the public report page</a>; they are counts only and never identify a person. ")
        .append("To print, use your browser's Print command: each part starts on a new page.</p>")
        .append("<nav class=\"noprint\" aria-label=\"Years\"><p>Years with records: ");
    // Only years the log holds entries for: a link to a year before the system kept records would promise data.
    List<Integer> years = publicReport.years();
    if (years.isEmpty()) {
      h.append("none yet.");
    }
    for (int other : years) {
      if (other == y) {
        h.append("<strong aria-current=\"page\">").append(other).append("</strong> ");
      } else {
        h.append("<a href=\"/transparency/annual?year=").append(other).append("\">").append(other).append("</a> ");
      }
    }
    h.append("</p></nav>");

    h.append("<section class=\"print-part\" aria-labelledby=\"forum\"><h2 id=\"forum\">Part 1. For the TRUTH Act community forum</h2>")
        .append("<p>The TRUTH Act (California Government Code 7283 to 7283.2) asks the local governing body to hold a ")
        .append("community forum each year in which local law enforcement gave Immigration and Customs Enforcement ")
        .append("access to any person, and to present the data on that access. These tables show how many requests ")
        .append("came in, the kind of access they asked for, and what the city decided.</p>");
    table(h, s.get("accessCategory"));
    table(h, s.get("agency"));
    table(h, s.get("decision"));
    table(h, s.get("notices"));
    h.append("</section>");

    h.append("<section class=\"print-part\" aria-labelledby=\"doj\"><h2 id=\"doj\">Part 2. For the California ")
        .append("Department of Justice (SB 54)</h2>")
        .append("<p>The California Values Act (SB 54, Government Code 7284 and following) limits how local agencies ")
        .append("may help with immigration enforcement and includes reporting to the Department of Justice. These tables ")
        .append("give the city's numbers for the year, by type of request and by outcome, for the annual submission.</p>");
    table(h, s.get("requestType"));
    table(h, s.get("outcome"));
    table(h, s.get("timeToDecision"));
    table(h, s.get("closed"));
    h.append("</section>");

    h.append("<section class=\"print-part\" aria-labelledby=\"signed\"><h2 id=\"signed\">Signed quarterly reports of ")
        .append(y).append("</h2>");
    if (quarters.isEmpty()) {
      h.append("<p>No quarterly report of this year has been published yet.</p>");
    } else {
      h.append("<p>Each quarterly report was reviewed by the city attorney, frozen and signed with the city's log key. ")
          .append("Its fingerprint (SHA-256) is also written to the public log, so it can be checked against the ")
          .append("signed checkpoints.</p><table><caption>Published quarterly reports</caption><thead><tr>")
          .append("<th scope=\"col\">Report</th><th scope=\"col\">Period</th><th scope=\"col\">Published</th>")
          .append("<th scope=\"col\">Fingerprint (SHA-256)</th></tr></thead><tbody>");
      for (PublishedReport q : quarters) {
        h.append("<tr><th scope=\"row\"><a href=\"/api/transparency/reports/").append(q.id()).append("\">")
            .append(e(q.reference())).append("</a></th><td>").append(q.from()).append(" to ").append(q.to())
            .append("</td><td>").append(q.publishedAt().toString(), 0, 10).append("</td><td class=\"hash\">")
            .append(e(q.sha256())).append("</td></tr>");
      }
      h.append("</tbody></table>");
    }
    h.append("<p>How to check the log yourself: see <a href=\"/transparency#verify\">the public report page</a>.</p>")
        .append("</section></main></body></html>");
    return h.toString();
  }

  private static void table(StringBuilder h, PublicReport.JsonSection s) {
    if (s == null) {
      return;
    }
    h.append("<table class=\"annual-table\"><caption>").append(e(s.title())).append("</caption><thead><tr>")
        .append("<th scope=\"col\">").append("hours".equals(s.unit()) ? "Measure" : "Category")
        .append("</th><th scope=\"col\" class=\"num\">").append("hours".equals(s.unit()) ? "Hours" : "Count")
        .append("</th></tr></thead><tbody>");
    if (s.rows().isEmpty()) {
      h.append("<tr><td colspan=\"2\">None in this year.</td></tr>");
    }
    for (PublicReport.JsonRow row : s.rows()) {
      h.append("<tr><th scope=\"row\">").append(e(row.label())).append("</th><td class=\"num\">").append(e(row.shown()))
          .append("</td></tr>");
    }
    h.append("</tbody></table>");
  }

  private static String e(String s) {
    return s == null ? "" : htmlEscape(s, "UTF-8");
  }
}
