package org.sanctuarycity.workflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every figure of /transparency/annual against a hand-counted set of requests. Four detainers are filed over the
 * API with receipt times the desk enters (84 minutes, 30 hours, 3 hours 10 minutes and 10 minutes before now) and
 * worked through the engine's REST API to known ends: two declined, answered, the person notified and closed, one
 * declined and waiting to be answered, one still at verification. Other tests write requests of the same year to
 * the same database, so the page is read before and after and each count must move by exactly the hand count
 * (nothing else runs meanwhile: the job executor is off in tests). The median and 90th percentile cannot be
 * compared by difference; they must equal those of the year's requests computed here straight from the log and
 * the receipt times entered, in which the four must have exactly their hand-counted hours (1, 30, 3, none):
 * counted from the receipt the desk entered, where counting from the RECEIVED entry would give 0, 0, 0. The page
 * links exactly the years the log has entries in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AnnualPageIT {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  /** A request of the hand-counted set: agency, and minutes between its receipt and its filing. */
  record Hand(String agency, long minutesBefore, String end) {}

  @Test
  void everyFigureOfTheAnnualPageMatchesAHandCountedSetOfRequests() {
    HttpApi api = new HttpApi(port);
    int year = LocalDate.now(ZoneOffset.UTC).getYear();
    Map<String, Map<String, String>> before = tables(page(api, year));

    List<Hand> hand = List.of(new Hand("ICE_ERO", 84, "CLOSED"), new Hand("ICE_ERO", 30 * 60, "CLOSED"),
        new Hand("CBP", 190, "DECIDED"), new Hand("CBP", 10, "PENDING"));
    Map<String, Instant> received = new LinkedHashMap<>();
    List<String> refs = new ArrayList<>();
    for (Hand h : hand) {
      Map<String, Object> body = FederalRequestApiIT.request("Annual Subject", "1990-02-03", true, "DETAINER");
      body.put("agency", h.agency());
      Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(h.minutesBefore()));
      body.put("receivedAt", OffsetDateTime.ofInstant(at, ZoneOffset.UTC).toString());
      HttpApi.Answer created = api.post("desk", "/api/requests", body);
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      String ref = created.json().get("reference").asText();
      refs.add(ref);
      received.put(ref, at);
      if (!"PENDING".equals(h.end())) {
        work(api, ref, h.end());
      }
    }
    // The decisions took seconds: the hand-counted hours are the times entered, rounded to the nearest hour.
    Map<String, Long> handHours = Map.of(refs.get(0), 1L, refs.get(1), 30L, refs.get(2), 3L);

    Map<String, Map<String, String>> after = tables(page(api, year));
    assertThat(after.keySet()).containsExactlyInAnyOrderElementsOf(before.keySet());
    // Part 1 (TRUTH Act forum) and Part 2 (SB 54): every count table, moved by exactly the hand count.
    Map<String, Map<String, Long>> expected = new LinkedHashMap<>();
    expected.put("Requests by kind of access (TRUTH Act)", Map.of("Hold notification transfer", 4L));
    expected.put("Requests received, by agency", Map.of("ICE ERO", 2L, "CBP", 2L));
    expected.put("Decisions", Map.of("Declined", 3L));
    expected.put("Notices given to affected people", Map.of("Total", 2L));
    expected.put("Requests received, by type of request", Map.of("Detainer", 4L));
    expected.put("Outcome of the requests received in the period", Map.of("Declined", 3L,
        "Pending (no final decision yet)", 1L));
    expected.put("Requests closed", Map.of("Total", 2L));
    List<String> counted = new ArrayList<>();
    for (Map.Entry<String, Map<String, String>> table : after.entrySet()) {
      String caption = table.getKey();
      if (caption.equals("Hours from receipt to decision")) {
        continue;
      }
      Map<String, Long> want = expected.get(caption);
      assertThat(want).as("a hand count for the table \"" + caption + "\" (" + table.getValue() + ")").isNotNull();
      Map<String, Long> moved = new HashMap<>();
      TreeSet<String> labels = new TreeSet<>(table.getValue().keySet());
      labels.addAll(before.get(caption).keySet());
      for (String label : labels) {
        long d = number(table.getValue().get(label)) - number(before.get(caption).get(label));
        if (d != 0) {
          moved.put(label, d);
        }
      }
      assertThat(moved).as(caption).isEqualTo(want);
      counted.add(caption);
    }
    assertThat(counted).containsExactlyInAnyOrderElementsOf(expected.keySet());

    // Hours from receipt to decision: from the receipt time entered by the desk to the first final decision.
    Map<String, Long> hours = hoursOfTheYear(year);
    for (String ref : refs) {
      assertThat(hours.get(ref)).as(ref + " (received " + received.get(ref) + ")").isEqualTo(handHours.get(ref));
    }
    List<Long> all = new ArrayList<>(hours.values());
    all.sort(null);
    Map<String, String> shown = after.get("Hours from receipt to decision");
    assertThat(shown).as("median and 90th percentile").containsOnlyKeys("Median", "90th percentile");
    assertThat(Long.parseLong(shown.get("Median"))).isEqualTo(Math.round(percentile(all, 0.5)));
    assertThat(Long.parseLong(shown.get("90th percentile"))).isEqualTo(Math.round(percentile(all, 0.9)));

    // Only years with records are linked (the year shown is marked, not linked): no 2021 to 2025 from before.
    String html = page(api, year);
    List<Integer> logged = jdbc.queryForList("SELECT DISTINCT CAST(extract(year FROM recorded_at AT TIME ZONE 'UTC') "
        + "AS INTEGER) FROM transparency_entry ORDER BY 1", Integer.class);
    List<Integer> linked = new ArrayList<>();
    Matcher m = Pattern.compile("<a href=\"/transparency/annual\\?year=(\\d{4})\">").matcher(html);
    while (m.find()) {
      linked.add(Integer.parseInt(m.group(1)));
    }
    List<Integer> others = new ArrayList<>(logged);
    others.remove(Integer.valueOf(year));
    assertThat(linked).isEqualTo(others);
    assertThat(html).contains("<strong aria-current=\"page\">" + year + "</strong>");
    for (int y = 2021; y < 2026; y++) {
      if (!logged.contains(y)) {
        assertThat(html).doesNotContain("annual?year=" + y);
      }
    }
  }

  /** Verification, a decline, and for CLOSED the response sent and the person notified. */
  private static void work(HttpApi api, String ref, String end) {
    JsonNode verify = api.openTask("verifier", ref);
    assertThat(api.complete("verifier", verify.get("id").asText(),
        FederalRequestApiIT.administrativeDetainerChecks("Called back.")).status()).isEqualTo(204);
    JsonNode review = api.openTask("attorney", ref);
    assertThat(api.complete("attorney", review.get("id").asText(), Map.of("decision", "DECLINE",
        "legalBasis", "SB54_7284_6_A1B", "pii_rationale", "Holds on detainers are prohibited.")).status())
        .isEqualTo(204);
    if (!"CLOSED".equals(end)) {
      return;
    }
    JsonNode send = api.openTask("desk", ref);
    assertThat(api.complete("desk", send.get("id").asText(), Map.of("responseMethod", "FAX")).status()).isEqualTo(204);
    JsonNode notify = api.openTask("desk", ref);
    assertThat(api.complete("desk", notify.get("id").asText(),
        Map.of("notificationMethod", "IN_PERSON", "copyGiven", true)).status()).isEqualTo(204);
    assertThat(api.get("desk", "/api/requests/" + ref).json().get("status").asText()).isEqualTo("CLOSED");
  }

  private static String page(HttpApi api, int year) {
    HttpApi.Answer page = api.get(null, "/transparency/annual?year=" + year);
    assertThat(page.status()).isEqualTo(200);
    return page.body();
  }

  /** Each table of the page: caption, then row label to the value shown, in page order. */
  static Map<String, Map<String, String>> tables(String html) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    Matcher t = Pattern.compile("<table class=\"annual-table\"><caption>([^<]+)</caption>(.*?)</table>", Pattern.DOTALL)
        .matcher(html);
    while (t.find()) {
      Map<String, String> rows = new LinkedHashMap<>();
      Matcher r = Pattern.compile("<tr><th scope=\"row\">([^<]+)</th><td class=\"num\">([^<]+)</td></tr>")
          .matcher(t.group(2));
      while (r.find()) {
        rows.put(r.group(1).replace("&amp;", "&"), r.group(2));
      }
      out.put(t.group(1).replace("&amp;", "&"), rows);
    }
    assertThat(out).as("the page's tables").hasSizeGreaterThanOrEqualTo(8);
    return out;
  }

  private static long number(String shown) {
    return shown == null ? 0 : Long.parseLong(shown);
  }

  /**
   * Each federal request first logged as RECEIVED in the year (UTC) with a final decision: its hours from the receipt
   * time entered (federal_request.received_at, or the RECEIVED entry's time where that is earlier) to the first
   * final decision logged, rounded as documented (nearest hour, nearest day past 30 days). Straight from the log
   * and the request table, not from the report's rollups.
   */
  private Map<String, Long> hoursOfTheYear(int year) {
    Map<String, Long> out = new HashMap<>();
    jdbc.query("""
        WITH r AS (SELECT reference, min(seq) AS seq, min(recorded_at) AS at FROM transparency_entry
                    WHERE process = 'federal-request' AND event_type = 'RECEIVED' GROUP BY reference),
             d AS (SELECT DISTINCT ON (e.reference) e.reference, e.recorded_at AS at FROM transparency_entry e
                     JOIN r ON r.reference = e.reference AND e.seq > r.seq
                    WHERE e.process = 'federal-request' AND e.event_type = 'DECIDED' AND e.decision IS NOT NULL
                      AND e.decision <> 'REQUEST_INFO' ORDER BY e.reference, e.seq),
             t AS (SELECT r.reference, extract(epoch FROM d.at - least(coalesce(f.received_at, r.at), r.at)) AS s
                     FROM r JOIN d USING (reference) LEFT JOIN federal_request f USING (reference)
                    WHERE extract(year FROM r.at AT TIME ZONE 'UTC') = ?)
        SELECT reference, CASE WHEN s < 720 * 3600 THEN round(s / 3600) ELSE round(s / 86400) * 24 END AS h FROM t""",
        rs -> {
          out.put(rs.getString("reference"), rs.getLong("h"));
        }, year);
    return out;
  }

  /** percentile_cont: linear interpolation between the two nearest ranks. */
  static double percentile(List<Long> sorted, double p) {
    double pos = p * (sorted.size() - 1);
    int lo = (int) Math.floor(pos);
    int hi = (int) Math.ceil(pos);
    return sorted.get(lo) + (sorted.get(hi) - sorted.get(lo)) * (pos - lo);
  }
}
