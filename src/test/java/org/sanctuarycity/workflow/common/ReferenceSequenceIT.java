package org.sanctuarycity.workflow.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * References on the real database. Each test uses its own prefix (or year), so the shared test database's
 * other references are not touched and the numbers seen here are predictable.
 */
@SpringBootTest
@ActiveProfiles("test")
class ReferenceSequenceIT {

  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate tx;
  @Autowired ReferenceSequence references;

  /** A sequence for a year no other test uses, with a clock in that year. */
  ReferenceSequence inYear(int year) {
    Clock clock = Clock.fixed(Instant.parse(year + "-06-01T12:00:00Z"), ZoneOffset.UTC);
    return new ReferenceSequence(jdbc, clock);
  }

  String draw(ReferenceSequence seq, String prefix) {
    return tx.execute(s -> seq.next(prefix));
  }

  @Test
  void aYearStartsAtOneAndCountsUpInTheFixedFormat() {
    ReferenceSequence seq = inYear(2091);
    List<String> drawn = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      drawn.add(tx.execute(s -> seq.next("ZA")));
    }
    assertThat(drawn).containsExactly("ZA-2091-00001", "ZA-2091-00002", "ZA-2091-00003");
    // Another prefix in the same year has its own numbers.
    assertThat(draw(seq, "ZB")).isEqualTo("ZB-2091-00001");
  }

  @Test
  void aNumberHeldByAnOpenTransactionDoesNotBlockTheNext() throws Exception {
    ReferenceSequence seq = inYear(2092);
    tx.execute(s -> seq.next("ZC"));
    CountDownLatch drawn = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<String> slow = pool.submit(() -> tx.execute(s -> {
        String r = seq.next("ZC");
        drawn.countDown();
        await(release);
        return r;
      }));
      assertThat(drawn.await(10, TimeUnit.SECONDS)).isTrue();
      // With a counter row locked until commit, this waited for the slow transaction; now it must not.
      Future<String> fast = pool.submit(() -> tx.execute(s -> seq.next("ZC")));
      assertThat(fast.get(5, TimeUnit.SECONDS)).isEqualTo("ZC-2092-00003");
      release.countDown();
      assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("ZC-2092-00002");
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentFirstUsesOfAYearCreateOneSequenceAndUniqueNumbers() throws Exception {
    int threads = 8;
    int each = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<List<String>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        // Separate instances: none knows the sequence exists, so all of them race to create it.
        ReferenceSequence seq = inYear(2093);
        futures.add(pool.submit(() -> {
          await(start);
          List<String> mine = new ArrayList<>();
          for (int i = 0; i < each; i++) {
            mine.add(tx.execute(s -> seq.next("ZD")));
          }
          return mine;
        }));
      }
      start.countDown();
      Set<String> all = new HashSet<>();
      for (Future<List<String>> f : futures) {
        all.addAll(f.get(60, TimeUnit.SECONDS));
      }
      assertThat(all).hasSize(threads * each);
      // No failed transaction and no rollback here, so there is no gap either: 1 .. 200.
      assertThat(all).contains("ZD-2093-00001", "ZD-2093-00200").doesNotContain("ZD-2093-00201");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aRolledBackDrawLeavesAGapButNeverADuplicate() {
    ReferenceSequence seq = inYear(2094);
    assertThat(draw(seq, "ZE")).isEqualTo("ZE-2094-00001");
    tx.executeWithoutResult(s -> {
      seq.next("ZE");
      s.setRollbackOnly();
    });
    assertThat(draw(seq, "ZE")).isEqualTo("ZE-2094-00003");
  }

  @Test
  void aFirstUseThatRollsBackLeavesNoSequenceBehindAndTheNextCreatesIt() {
    ReferenceSequence seq = inYear(2095);
    tx.executeWithoutResult(s -> {
      seq.next("ZF");
      s.setRollbackOnly();
    });
    assertThat(jdbc.queryForObject("SELECT to_regclass('reference_zf_2095') IS NULL", Boolean.class)).isTrue();
    // The same instance must not believe it exists: it creates it again instead of failing.
    assertThat(draw(seq, "ZF")).isEqualTo("ZF-2095-00001");
    assertThat(draw(seq, "ZF")).isEqualTo("ZF-2095-00002");
  }

  @Test
  void onlyWithinATransactionAndOnlyWithAPlainPrefix() {
    assertThatThrownBy(() -> references.next("ZG")).isInstanceOf(IllegalTransactionStateException.class);
    assertThatThrownBy(() -> tx.execute(s -> references.next("zg; DROP TABLE x")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theCounterTablesAreReplacedBySequences() {
    assertThat(ReferenceSequence.sequenceName("FR", 2026)).isEqualTo("reference_fr_2026");
    assertThat(jdbc.queryForObject("SELECT to_regclass('reference_counter') IS NULL AND "
        + "to_regclass('reference_sequence') IS NULL", Boolean.class)).isTrue();
  }

  @Test
  void theMigrationTurnsExistingCountersIntoSequencesThatContinueWhereTheyStopped() throws Exception {
    String script;
    try (var in = getClass().getResourceAsStream("/db/migration/V90__reference_sequences.sql")) {
      script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    // In a schema of its own and rolled back: the counters of a database that had been running for a while.
    tx.executeWithoutResult(status -> {
      jdbc.execute("CREATE SCHEMA v90_check");
      jdbc.execute("SET LOCAL search_path TO v90_check");
      jdbc.execute("CREATE TABLE reference_counter (year INTEGER PRIMARY KEY, last_value INTEGER NOT NULL)");
      jdbc.execute("CREATE TABLE reference_sequence (prefix VARCHAR(3), year INTEGER, last_value INTEGER NOT NULL, "
          + "PRIMARY KEY (prefix, year))");
      jdbc.update("INSERT INTO reference_counter VALUES (2025, 812), (2026, 41)");
      jdbc.update("INSERT INTO reference_sequence VALUES ('IC', 2026, 7), ('CP', 2026, 3)");
      jdbc.execute(script);
      assertThat(jdbc.queryForObject("SELECT nextval('v90_check.reference_fr_2025')", Long.class)).isEqualTo(813L);
      assertThat(jdbc.queryForObject("SELECT nextval('v90_check.reference_fr_2026')", Long.class)).isEqualTo(42L);
      assertThat(jdbc.queryForObject("SELECT nextval('v90_check.reference_ic_2026')", Long.class)).isEqualTo(8L);
      assertThat(jdbc.queryForObject("SELECT nextval('v90_check.reference_cp_2026')", Long.class)).isEqualTo(4L);
      assertThat(jdbc.queryForObject("SELECT to_regclass('v90_check.reference_counter') IS NULL", Boolean.class))
          .isTrue();
      status.setRollbackOnly();
    });
    assertThat(jdbc.queryForObject("SELECT to_regnamespace('v90_check') IS NULL", Boolean.class)).isTrue();
  }

  static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
