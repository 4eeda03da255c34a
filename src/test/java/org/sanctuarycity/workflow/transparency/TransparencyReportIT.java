package org.sanctuarycity.workflow.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/** The public report page and its downloads: counts equal the log's, come from the daily counts, no login needed. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TransparencyReportIT {

  @LocalServerPort int port;
  @Autowired TransparencyLog log;
  @Autowired TransparencyReports reports;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate tx;

  HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theReportCountsWhatTheLogHoldsAndIsPublic() throws Exception {
    tx.executeWithoutResult(s -> {
      for (int i = 0; i < 3; i++) {
        log.append(new LogEvent("federal-request", "FR-2026-8000" + i, EventType.RECEIVED, "CBP", "SUBPOENA", null, null,
            null, "police-desk", "desk", UUID.randomUUID()));
      }
      log.append(new LogEvent("federal-request", "FR-2026-80000", EventType.DECIDED, "CBP", "SUBPOENA",
          "NONE", "DECLINE", "SB54_7284_6_A1D", "city-attorney", "attorney", UUID.randomUUID()));
    });
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    // The daily counts agree with the log itself for every event type and agency.
    Long mismatches = jdbc.queryForObject("""
        SELECT count(*) FROM (
          SELECT (recorded_at AT TIME ZONE 'UTC')::date AS day, event_type, coalesce(agency, '') AS agency, count(*) AS n
            FROM transparency_entry GROUP BY 1, 2, 3) e
        FULL JOIN (
          SELECT day, event_type, agency, sum(n) AS n FROM transparency_daily_count GROUP BY 1, 2, 3) c
          USING (day, event_type, agency)
        WHERE e.n IS DISTINCT FROM c.n""", Long.class);
    assertThat(mismatches).isZero();

    long cbp = jdbc.queryForObject("SELECT count(*) FROM transparency_entry WHERE event_type = 'RECEIVED' "
        + "AND agency = 'CBP' AND (recorded_at AT TIME ZONE 'UTC')::date = ?", Long.class, today);
    TransparencyReports.Report r = reports.report(today, today);
    assertThat(r.sections().get(0).rows()).anySatisfy(row -> {
      assertThat(row.code()).isEqualTo("CBP");
      assertThat(row.count()).isEqualTo(cbp);
    });

    // Outcomes of the requests received today: the one declined above, and pending ones.
    TransparencyReports.Section outcome = r.sections().stream().filter(x -> x.key().equals("outcome")).findFirst()
        .orElseThrow();
    assertThat(outcome.rows()).anySatisfy(row -> {
      assertThat(row.code()).isEqualTo("PENDING");
      assertThat(row.count()).isGreaterThanOrEqualTo(2);
    });
    assertThat(outcome.rows()).anySatisfy(row -> assertThat(row.code()).isEqualTo("DECLINE"));
    long pending = jdbc.queryForObject("SELECT count(DISTINCT r.reference) FROM transparency_entry r WHERE "
        + "r.event_type = 'RECEIVED' AND (r.recorded_at AT TIME ZONE 'UTC')::date = ? AND NOT EXISTS (SELECT 1 FROM "
        + "transparency_entry d WHERE d.reference = r.reference AND d.event_type = 'DECIDED' "
        + "AND d.decision <> 'REQUEST_INFO')", Long.class, today);
    assertThat(outcome.rows().stream().filter(x -> x.code().equals("PENDING")).findFirst().orElseThrow().count())
        .isEqualTo(pending);
    TransparencyReports.Section time = r.sections().stream().filter(x -> x.key().equals("timeToDecision")).findFirst()
        .orElseThrow();
    assertThat(time.unit()).isEqualTo("hours");
    assertThat(time.rows()).extracting(TransparencyReports.Row::label).containsExactly("Median", "90th percentile");

    HttpResponse<String> page = get("/transparency?from=" + today + "&to=" + today);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<h1>Requests from federal immigration authorities</h1>")
        .contains("<th scope=\"row\">CBP</th><td class=\"num\">" + cbp + "</td>").contains("verify-log")
        .contains("<svg class=\"chart\"").doesNotContain("attorney\"").doesNotContain(">desk<");
    assertThat(get("/transparency?period=month").statusCode()).isEqualTo(200);
    assertThat(get("/transparency?period=week").statusCode()).isEqualTo(400);

    HttpResponse<String> csv = get("/transparency/report.csv?from=" + today + "&to=" + today);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(csv.body()).startsWith("from,to,table,code,label,count\r\n")
        .contains(",agency,\"CBP\",\"CBP\",\"" + cbp + "\"");

    HttpResponse<String> checkPage = get("/transparency/verify.html");
    assertThat(checkPage.statusCode()).isEqualTo(200);
    assertThat(checkPage.body()).contains("<script src=\"/assets/verify-log.js\" defer></script>");
    assertThat(get("/assets/verify-log.js").statusCode()).isEqualTo(200);

    JsonNode json = new ObjectMapper().readTree(get("/transparency/report.json?from=" + today + "&to=" + today).body());
    assertThat(json.get("from").asText()).isEqualTo(today.toString());
    assertThat(json.get("sections").get(3).get("key").asText()).isEqualTo("decision");
    assertThat(json.get("sections").get(3).get("rows").toString()).contains("Declined");
  }
}
