package org.sanctuarycity.workflow.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a scheduled task once per firing of its schedule across all nodes that share the database.
 *
 * <p>Spring's {@code @Scheduled} is node-local: with two nodes every cron fires twice. Camunda's timers do not
 * have this problem (the job executors share ACT_RU_JOB and lock each job), but these tasks are Spring beans
 * with their own configurable cron. The slot is the time the schedule last fired, computed from the cron on
 * each node, so nodes whose clocks differ by less than the schedule's period agree on it whenever each of
 * them actually wakes up. The claim (a row in scheduled_run) is inserted in the same transaction as the work.
 */
@Component
public class ScheduledSlots {

  /** How far back to look for the last firing; the first window that holds one wins. */
  private static final List<Duration> LOOK_BACK = List.of(Duration.ofHours(1), Duration.ofDays(1),
      Duration.ofDays(32), Duration.ofDays(367));

  /** A scheduler may wake a little before the exact firing time; a firing this close ahead counts as now. */
  private static final Duration EARLY = Duration.ofSeconds(1);

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final String node;

  public ScheduledSlots(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock,
      ProcessEngine engine) {
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactionManager);
    this.clock = clock;
    // The name the engine writes into its job log (HOSTNAME_), so both tell the same node apart.
    this.node = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getHostname();
  }

  /**
   * Runs {@code work} in a transaction if no node has run {@code task} for the current slot of {@code cron}.
   * Returns the work's result, or empty when another node has it (or had it) for this slot.
   */
  public <T> Optional<T> runOnce(String task, String cron, ZoneId zone, Supplier<T> work) {
    Instant slot = lastFiring(CronExpression.parse(cron), zone, clock.instant());
    return transactions.execute(status -> {
      // Blocks while another node's claim for the slot is uncommitted; 0 rows once it committed.
      int claimed = jdbc.update("INSERT INTO scheduled_run (task, slot, node, started_at) VALUES (?, ?, ?, ?)"
          + " ON CONFLICT (task, slot) DO NOTHING", task, slot.atOffset(ZoneOffset.UTC), node,
          clock.instant().atOffset(ZoneOffset.UTC));
      return claimed == 1 ? Optional.ofNullable(work.get()) : Optional.<T>empty();
    });
  }

  /** The latest firing of {@code cron} at or before {@code now} (allowing {@link #EARLY}). */
  static Instant lastFiring(CronExpression cron, ZoneId zone, Instant now) {
    Instant bound = now.plus(EARLY);
    for (Duration back : LOOK_BACK) {
      ZonedDateTime last = null;
      for (ZonedDateTime t = cron.next(now.minus(back).atZone(zone)); t != null && !t.toInstant().isAfter(bound);
          t = cron.next(t)) {
        last = t;
      }
      if (last != null) {
        return last.toInstant();
      }
    }
    throw new IllegalStateException("the schedule " + cron + " did not fire in the last year");
  }
}
