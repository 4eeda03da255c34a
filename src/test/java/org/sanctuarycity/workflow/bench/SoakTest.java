package org.sanctuarycity.workflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SoakTest {

  @Test
  void theHeapFigureIsG1sOneLineAndNotTheRegionOrMetaspaceLines() {
    String g1 = """
        12345:
         garbage-first heap   total 131072K, used 61234K [0x00000000e8000000, 0x0000000100000000)
          region size 1024K, 2 young (2048K), 0 survivors (0K)
         Metaspace       used 98765K, committed 99500K, reserved 1179648K
          class space    used 12345K, committed 12800K, reserved 1048576K
        """;

    assertThat(Soak.heapUsedKb(g1)).isEqualTo(61234);
    assertThat(Soak.metaspaceUsedKb(g1)).isEqualTo(98765);
  }

  @Test
  void withAGenerationalCollectorTheGenerationsAreAdded() {
    String parallel = """
        12345:
         PSYoungGen      total 38400K, used 1000K [0x00000000f5580000, 0x0000000100000000, 0x0000000100000000)
          eden space 33280K, 3% used [0x00000000f5580000,0x00000000f5670000,0x00000000f7600000)
         ParOldGen       total 87552K, used 50000K [0x00000000e0000000, 0x00000000e5580000, 0x00000000f5580000)
         Metaspace       used 7000K, committed 7200K, reserved 1056768K
        """;

    assertThat(Soak.heapUsedKb(parallel)).isEqualTo(51000);
  }

  @Test
  void noHeapFigureIsAnErrorNotZero() {
    assertThatThrownBy(() -> Soak.heapUsedKb("12345:\nCommand not found\n")).isInstanceOf(IllegalStateException.class);
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
