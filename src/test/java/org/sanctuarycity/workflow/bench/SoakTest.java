package org.sanctuarycity.workflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SoakTest {

  @Test
  void theMetaspaceFigureIsTheMetaspaceLineNotTheClassSpaceLine() {
    String g1 = """
        12345:
         garbage-first heap   total 131072K, used 61234K [0x00000000e8000000, 0x0000000100000000)
          region size 1024K, 2 young (2048K), 0 survivors (0K)
         Metaspace       used 98765K, committed 99500K, reserved 1179648K
          class space    used 12345K, committed 12800K, reserved 1048576K
        """;

    assertThat(Soak.metaspaceUsedKb(g1)).isEqualTo(98765);
  }

  @Test
  void theHeapAfterGcIsTheLastFullGcsFigureInTheLog() {
    String log = """
        [12.001s] GC(7) Pause Young (Normal) (G1 Evacuation Pause) 180M->120M(256M) 9.120ms
        [30.050s] GC(8) Pause Full (Diagnostic Command) 200M->118M(256M) 210.5ms
        [45.010s] GC(9) Pause Young (Normal) (G1 Evacuation Pause) 170M->121M(256M) 8.000ms
        [60.100s] GC(10) Pause Full (Diagnostic Command) 1G->512K(2G) 300.0ms
        """;

    assertThat(Soak.lastFullGcAfterMb(log)).isEqualTo(0.5);
    assertThat(Soak.lastFullGcAfterMb(log.lines().limit(3).collect(java.util.stream.Collectors.joining("\n"))))
        .isEqualTo(118.0);
    assertThatThrownBy(() -> Soak.lastFullGcAfterMb("[1.0s] GC(0) Pause Young (Normal) 10M->5M(64M) 1ms"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void theSoakRunsOnlyWhenNamed() {
    String before = System.getProperty("bench.only");
    try {
      System.clearProperty("bench.only");
      assertThat(BenchSuite.runs("fullFlow")).isTrue();
      assertThat(BenchSuite.runs("soak")).isFalse();
      System.setProperty("bench.only", "intake, soak");
      assertThat(BenchSuite.runs("soak")).isTrue();
      assertThat(BenchSuite.runs("fullFlow")).isFalse();
    } finally {
      if (before == null) {
        System.clearProperty("bench.only");
      } else {
        System.setProperty("bench.only", before);
      }
    }
  }
}
