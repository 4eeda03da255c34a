package org.sanctuarycity.workflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void slowRequestsThatStartedInAutovacuumSecondsAreCountedAgainstAllRequestsOfThoseSeconds() {
    List<Stats.Timed> samples = new ArrayList<>();
    for (int second = 0; second < 10; second++) {
      for (int i = 0; i < 10; i++) {
        samples.add(new Stats.Timed(second * 1000 + i * 100, 50));
      }
    }
    // Three slow requests in second 4 (autovacuum ran then) and one in second 7 (it did not).
    samples.add(new Stats.Timed(4100, 400));
    samples.add(new Stats.Timed(4200, 420));
    samples.add(new Stats.Timed(4300, 410));
    samples.add(new Stats.Timed(7500, 300));

    Map<String, Object> tail = Stats.tail(samples, 100, Set.of(4L, 5L));

    assertThat(tail).containsEntry("slower_than_p99", 4L).containsEntry("seconds_they_started_in", 2)
        .containsEntry("share_in_worst_3_seconds", 1.0)
        .containsEntry("slow_share_started_while_autovacuum_ran", 0.75)
        // 23 of the 104 requests started in seconds 4 and 5.
        .containsEntry("all_share_started_while_autovacuum_ran", 0.22);
  }

  @Test
  void theTimelineHasARowPerSecondWithItsCountsAndWhatAutovacuumDid() {
    List<Stats.Timed> samples = List.of(new Stats.Timed(10, 20), new Stats.Timed(900, 40), new Stats.Timed(1500, 300));

    List<String> rows = Stats.timeline(samples, 100, Map.of(1L, "3/10 ANALYZE act_hi_taskinst"));

    assertThat(rows).containsExactly("| 0 | 2 | 20.0 | 40.0 | 0 |  |",
        "| 1 | 1 | 300.0 | 300.0 | 1 | 3/10 ANALYZE act_hi_taskinst |");
  }
  @Test
  void theSlopeIsTheLeastSquaresFitNotLastMinusFirst() {
    // y = 3x + 1 exactly: the fit must find 3.
    assertThat(Stats.slope(new double[] {0, 1, 2, 3}, new double[] {1, 4, 7, 10})).isCloseTo(3.0, within(1e-12));
    // A flat series with one spike at the end: last minus first would say 10 per unit; the fit says 3
    // (x mean 1.5, sum of (x - mean)^2 = 5, sum of (x - mean)(y - mean) = 1.5 * 10 = 15).
    assertThat(Stats.slope(new double[] {0, 1, 2, 3}, new double[] {5, 5, 5, 15})).isCloseTo(3.0, within(1e-12));
    // Falling series have negative slopes, and the x spacing need not be even.
    assertThat(Stats.slope(new double[] {0, 0.5, 2}, new double[] {10, 9, 6})).isCloseTo(-2.0, within(1e-12));
    assertThat(Stats.slope(new double[] {1}, new double[] {1})).isNaN();
    assertThat(Stats.slope(new double[] {2, 2}, new double[] {1, 3})).isNaN();
  }

  @Test
  void theTrendIsPerHourOfMinutesWithFirstLastMinAndMax() {
    // Last minus first would be 24 MB/h (12 MB in 30 minutes); the fit over all four samples gives 19.2.
    Map<String, Object> trend = Stats.trend(new double[] {0, 10, 20, 30}, new double[] {100, 108, 104, 112}, 1);

    assertThat(trend).containsEntry("slope_per_h", 19.2).containsEntry("first", 100.0).containsEntry("last", 112.0)
        .containsEntry("min", 100.0).containsEntry("max", 112.0).containsEntry("samples", 4);
  }
}
