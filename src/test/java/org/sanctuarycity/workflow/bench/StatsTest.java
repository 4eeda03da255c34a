package org.sanctuarycity.workflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

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
}
