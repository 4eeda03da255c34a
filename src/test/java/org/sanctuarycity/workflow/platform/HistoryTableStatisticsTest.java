package org.sanctuarycity.workflow.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HistoryTableStatisticsTest {

  @Test
  void theSettingIsWrittenAsPostgresPrintsItBackSoARestartFindsItSet() {
    assertThat(HistoryTableStatistics.format(0.5)).isEqualTo("0.5");
    assertThat(HistoryTableStatistics.format(1.0)).isEqualTo("1");
    assertThat(HistoryTableStatistics.format(0.05)).isEqualTo("0.05");
  }

  @Test
  void aScaleFactorOutsidePostgresBoundsIsRefusedAtStartWithTheSettingsName() {
    for (double bad : new double[] {-0.1, 100.5, Double.NaN}) {
      assertThatThrownBy(() -> new HistoryTableStatistics(bad)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("app.history-tables.analyze-scale-factor");
    }
  }
}
