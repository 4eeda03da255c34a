package org.sanctuarycity.workflow.transparency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The public report as JSON, with the city attorney's small-count policy applied: what
 * /transparency/report.json answers and what a quarterly report freezes, so both are the same text.
 */
@Component
public class PublicReport {

  /** Counts with the small-count policy applied: {@code count} is null where only {@code shown} may be published. */
  public record JsonRow(String code, String label, Long count, String shown) {}

  public record JsonSection(String key, String title, List<JsonRow> rows, String unit) {}

  public record JsonReport(LocalDate from, LocalDate to, String datesIn, List<JsonSection> sections) {}

  private final TransparencyReports reports;
  private final ReportProperties policy;
  private final ObjectMapper json;

  public PublicReport(TransparencyReports reports, ReportProperties policy, ObjectMapper json) {
    this.reports = reports;
    this.policy = policy;
    this.json = json;
  }

  /** The report for the UTC days {@code from} to {@code to}, both included. */
  public JsonReport report(LocalDate from, LocalDate to) {
    TransparencyReports.Report r = reports.report(from, to);
    return new JsonReport(from, to, "UTC", r.sections().stream()
        .map(s -> new JsonSection(s.key(), s.title(), s.rows().stream()
            .map(row -> new JsonRow(row.code(), row.label(), masked(s, row.count()) ? null : row.count(),
                shown(s, row.count())))
            .toList(), s.unit()))
        .toList());
  }

  /** The UTC years that have log entries, oldest first. */
  public List<Integer> years() {
    return reports.yearsWithEntries();
  }

  /** The exact text the public JSON download has for this period (the application's ObjectMapper, compact). */
  public String text(LocalDate from, LocalDate to) {
    try {
      return json.writeValueAsString(report(from, to));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the report could not be written as JSON", e);
    }
  }

  boolean masked(TransparencyReports.Section s, long n) {
    return s.isCount() && n > 0 && n < policy.smallCountThreshold();
  }

  String shown(TransparencyReports.Section s, long n) {
    return masked(s, n) ? "fewer than " + policy.smallCountThreshold() : Long.toString(n);
  }
}
