package org.sanctuarycity.workflow.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The city attorney's small-count policy applies to counts, never to durations; 0 means exact. */
class ReportMaskingTest {

  static final TransparencyReports.Section COUNTS = new TransparencyReports.Section("agency", "t", "e", List.of());
  static final TransparencyReports.Section HOURS = new TransparencyReports.Section("timeToDecision", "t", "e", List.of(),
      "hours");

  @Test
  void smallCountsAreShownAsFewerThanTheThreshold() {
    TransparencyPageController page = new TransparencyPageController(null, new ReportProperties(5), null, null);
    assertThat(page.shown(COUNTS, 0)).isEqualTo("0");
    assertThat(page.shown(COUNTS, 1)).isEqualTo("fewer than 5");
    assertThat(page.shown(COUNTS, 4)).isEqualTo("fewer than 5");
    assertThat(page.shown(COUNTS, 5)).isEqualTo("5");
    assertThat(page.shown(HOURS, 3)).isEqualTo("3");
  }

  @Test
  void theDefaultIsExact() {
    TransparencyPageController page = new TransparencyPageController(null, new ReportProperties(0), null, null);
    assertThat(page.shown(COUNTS, 1)).isEqualTo("1");
  }
}
