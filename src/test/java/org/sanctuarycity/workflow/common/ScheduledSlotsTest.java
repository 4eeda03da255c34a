package org.sanctuarycity.workflow.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.support.CronExpression;

class ScheduledSlotsTest {

  private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

  @Test
  void nodesWakingAtDifferentMomentsAgreeOnTheNightlySlot() {
    CronExpression nightly = CronExpression.parse("0 30 1 * * *");
    // 01:30 in Los Angeles on 10 March 2026 is 08:30 UTC (daylight saving time started two days before).
    Instant slot = Instant.parse("2026-03-10T08:30:00Z");
    assertThat(ScheduledSlots.lastFiring(nightly, LA, slot)).isEqualTo(slot);
    assertThat(ScheduledSlots.lastFiring(nightly, LA, slot.plusMillis(3))).isEqualTo(slot);
    assertThat(ScheduledSlots.lastFiring(nightly, LA, slot.plusSeconds(40 * 60))).isEqualTo(slot);
    // A scheduler that wakes a few milliseconds early still belongs to this night, not the one before.
    assertThat(ScheduledSlots.lastFiring(nightly, LA, slot.minusMillis(5))).isEqualTo(slot);
    assertThat(ScheduledSlots.lastFiring(nightly, LA, slot.minusSeconds(60)))
        .isEqualTo(Instant.parse("2026-03-09T08:30:00Z"));
  }

  @Test
  void hourlyAndQuarterlySchedules() {
    CronExpression hourly = CronExpression.parse("0 0 * * * *");
    assertThat(ScheduledSlots.lastFiring(hourly, ZoneOffset.UTC, Instant.parse("2026-05-01T13:59:58Z")))
        .isEqualTo(Instant.parse("2026-05-01T13:00:00Z"));
    // Within a second before a firing the scheduler has woken early for that firing.
    assertThat(ScheduledSlots.lastFiring(hourly, ZoneOffset.UTC, Instant.parse("2026-05-01T13:59:59.500Z")))
        .isEqualTo(Instant.parse("2026-05-01T14:00:00Z"));
    // Longer than the first look-back windows: found in a later one.
    assertThat(ScheduledSlots.lastFiring(CronExpression.parse("0 0 6 1 1,4,7,10 ?"), ZoneOffset.UTC,
        Instant.parse("2026-06-15T00:00:00Z"))).isEqualTo(Instant.parse("2026-04-01T06:00:00Z"));
  }
}
