package org.sanctuarycity.workflow.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a report period is split into whole months and edge days, and percentiles from rounded durations. */
class ReportSpanTest {

  static LocalDate d(String s) {
    return LocalDate.parse(s);
  }

  @Test
  void calendarPeriodsAreWholeMonthsOnly() {
    TransparencyReports.Span q = TransparencyReports.Span.of(d("2026-07-01"), d("2026-09-30"));
    assertThat(q.monthsFrom()).isEqualTo(d("2026-07-01"));
    assertThat(q.monthsTo()).isEqualTo(d("2026-09-01"));
    assertThat(q.headFrom()).isAfter(q.headTo());
    assertThat(q.tailFrom()).isAfter(q.tailTo());
    TransparencyReports.Span feb = TransparencyReports.Span.of(d("2028-02-01"), d("2028-02-29"));
    assertThat(List.of(feb.monthsFrom(), feb.monthsTo())).containsExactly(d("2028-02-01"), d("2028-02-01"));
    assertThat(feb.headFrom()).isAfter(feb.headTo());
    assertThat(feb.tailFrom()).isAfter(feb.tailTo());
  }

  @Test
  void chosenDaysReadWholeMonthsAndTheDaysAtEitherEdge() {
    TransparencyReports.Span s = TransparencyReports.Span.of(d("2025-12-15"), d("2026-03-03"));
    assertThat(List.of(s.monthsFrom(), s.monthsTo())).containsExactly(d("2026-01-01"), d("2026-02-01"));
    assertThat(List.of(s.headFrom(), s.headTo())).containsExactly(d("2025-12-15"), d("2025-12-31"));
    assertThat(List.of(s.tailFrom(), s.tailTo())).containsExactly(d("2026-03-01"), d("2026-03-03"));
    // No whole month inside: every day from the daily rows, once.
    TransparencyReports.Span across = TransparencyReports.Span.of(d("2026-01-20"), d("2026-02-27"));
    assertThat(across.monthsFrom()).isAfter(across.monthsTo());
    assertThat(List.of(across.headFrom(), across.headTo())).containsExactly(d("2026-01-20"), d("2026-02-27"));
    assertThat(across.tailFrom()).isAfter(across.tailTo());
    TransparencyReports.Span day = TransparencyReports.Span.of(d("2026-03-31"), d("2026-03-31"));
    assertThat(day.monthsFrom()).isAfter(day.monthsTo());
    assertThat(List.of(day.headFrom(), day.headTo())).containsExactly(d("2026-03-31"), d("2026-03-31"));
  }

  @Test
  void percentilesInterpolateAsPercentileContOverTheRoundedDurations() {
    // 1, 2, 3, 4 hours: median 2.5 rounds to 3; 90th percentile 3.7 rounds to 4 (as percentile_cont would).
    List<TransparencyReports.Row> rows = TransparencyReports.percentiles(
        List.of(new long[] {1, 1}, new long[] {2, 1}, new long[] {3, 1}, new long[] {4, 1}), 1);
    assertThat(rows).extracting(TransparencyReports.Row::count).containsExactly(3L, 4L);
    // 10 durations of 0 h and one of 240 h: median 0, 90th percentile 0 + 0.0 * 240; 48 h in days is 2.
    assertThat(TransparencyReports.percentiles(List.of(new long[] {0, 10}, new long[] {240, 1}), 1))
        .extracting(TransparencyReports.Row::count).containsExactly(0L, 0L);
    assertThat(TransparencyReports.percentiles(List.of(new long[] {48, 3}), 24))
        .extracting(TransparencyReports.Row::count).containsExactly(2L, 2L);
    // 9 of 1 h and one of 101 h: position 8.1 lies between 1 and 101, so 1 + 0.1 * 100 = 11.
    assertThat(TransparencyReports.percentiles(List.of(new long[] {1, 9}, new long[] {101, 1}), 1).get(1).count())
        .isEqualTo(11);
    assertThat(TransparencyReports.percentiles(List.of(), 1)).isEmpty();
    assertThat(TransparencyReports.percentiles(null, 1)).isEmpty();
  }
}
