package org.sanctuarycity.workflow.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * Two callers stand for two nodes firing the same schedule (each call has its own transaction and connection,
 * as on separate nodes): one runs the work, the other skips, also while the first is still running; a run that
 * rolls back leaves the slot to the other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@ActiveProfiles("test")
class ScheduledSlotsIT {

  private static final String HOURLY = "0 0 * * * *";

  @Autowired ScheduledSlots slots;
  @Autowired JdbcTemplate jdbc;

  @Test
  void theSecondCallerForTheSameSlotSkips() {
    String task = "test-" + UUID.randomUUID();
    AtomicInteger runs = new AtomicInteger();
    assertThat(slots.runOnce(task, HOURLY, ZoneOffset.UTC, runs::incrementAndGet)).contains(1);
    assertThat(slots.runOnce(task, HOURLY, ZoneOffset.UTC, runs::incrementAndGet)).isEmpty();
    assertThat(runs).hasValue(1);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM scheduled_run WHERE task = ?", Long.class, task)).isEqualTo(1);
  }

  @Test
  void aCallerArrivingWhileTheFirstStillRunsWaitsAndSkips() throws Exception {
    String task = "test-" + UUID.randomUUID();
    CountDownLatch firstRunning = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    CompletableFuture<Optional<Integer>> first = CompletableFuture.supplyAsync(() ->
        slots.runOnce(task, HOURLY, ZoneOffset.UTC, () -> {
          firstRunning.countDown();
          await(release);
          return runs.incrementAndGet();
        }));
    assertThat(firstRunning.await(30, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Optional<Integer>> second = CompletableFuture.supplyAsync(() ->
        slots.runOnce(task, HOURLY, ZoneOffset.UTC, runs::incrementAndGet));
    // The second claim waits on the first one's uncommitted row rather than running beside it.
    Thread.sleep(500);
    assertThat(second).isNotDone();
    release.countDown();
    assertThat(first.get(30, TimeUnit.SECONDS)).contains(1);
    assertThat(second.get(30, TimeUnit.SECONDS)).isEmpty();
    assertThat(runs).hasValue(1);
  }

  @Test
  void aRunThatFailsLeavesTheSlotToTheOtherNode() throws Exception {
    String task = "test-" + UUID.randomUUID();
    CountDownLatch firstRunning = new CountDownLatch(1);
    CountDownLatch fail = new CountDownLatch(1);
    CompletableFuture<Optional<Object>> first = CompletableFuture.supplyAsync(() ->
        slots.runOnce(task, HOURLY, ZoneOffset.UTC, () -> {
          firstRunning.countDown();
          await(fail);
          throw new IllegalStateException("the purge failed");
        }));
    assertThat(firstRunning.await(30, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Optional<String>> second = CompletableFuture.supplyAsync(() ->
        slots.runOnce(task, HOURLY, ZoneOffset.UTC, () -> "ran"));
    Thread.sleep(500);
    fail.countDown();
    assertThat(first).failsWithin(30, TimeUnit.SECONDS);
    assertThat(second.get(30, TimeUnit.SECONDS)).contains("ran");
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("not released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
