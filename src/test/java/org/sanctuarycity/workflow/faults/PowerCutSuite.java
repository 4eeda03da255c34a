package org.sanctuarycity.workflow.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, item 3: power cuts. Not part of the default build; run it with {@code mvn -Pfaults verify}.
 *
 * <p>The suite starts a durable PostgreSQL on a data directory it keeps and the shipped application jar in a JVM
 * of its own, then lets clerks submit and work federal requests (some with overdue timers falling due during the
 * run) while an administrator and the application's schedule sign checkpoints. In each trial it kills the
 * application, its database or both with SIGKILL, at a random moment, a moment when an intake has claimed its
 * Idempotency-Key and is running, a moment when a timer job is locked for execution, or a moment when a checkpoint
 * is being signed; starts what it killed again on the same files; waits
 * for the users to finish what they had started (retrying as clients do); and checks in one database snapshot
 * that every acknowledged request and task completion is there exactly once, that no task is half-completed, that
 * the log verifies against the last signed checkpoint and that no timer fired twice. At the end the users work
 * every request to CLOSED, so every pending timer must have fired exactly once, and the exported log is verified
 * offline with the public key alone.
 *
 * <p>-Dfaults.seed=N repeats a run's choices (kill targets, moments, load); -Dfaults.trials=N changes the number
 * of kills (default 6). Figures are printed and written to target/faults/results.md.
 */
class PowerCutSuite {

  enum Target { APPLICATION, DATABASE, BOTH }

  /** The first ones come first in the schedule when the trials do not divide evenly. */
  enum Moment { INTAKE_IN_FLIGHT, TIMER_LOCKED, CHECKPOINT_SIGNING, RANDOM }

  private final long seed = Long.getLong("faults.seed", System.nanoTime() & 0xffff_ffffL);
  private final int trials = Integer.getInteger("faults.trials", 6);
  private final String synchronousCommit = System.getProperty("faults.synchronousCommit", "on").isBlank() ? "on"
      : System.getProperty("faults.synchronousCommit", "on");
  private final Random random = new Random(seed);
  private final Path out = Path.of(System.getProperty("faults.out", "target/faults")).toAbsolutePath();
  private final List<String> report = new ArrayList<>();

  @Test
  void everyAcknowledgedRequestAndCompletionSurvivesSigkillOfTheApplicationAndItsDatabaseExactlyOnce()
      throws Exception {
    long t0 = System.nanoTime();
    say("power cuts: seed " + seed + " (-Dfaults.seed=" + seed + " repeats the choices), " + trials + " trials"
        + ("on".equals(synchronousCommit) ? "" : ", synchronous_commit=" + synchronousCommit + " (losses expected)")
        + "; zonky logs 'Could not stop postmaster' after each kill of the database: expected, it is already dead");
    clean(out);
    Path appDir = Files.createDirectories(out.resolve("app"));
    Path jar = Path.of(System.getProperty("faults.appJar", "target/sanctuary-workflow-0.1.0-SNAPSHOT.jar"));
    assertThat(jar).as("the application jar (mvn -Pfaults verify builds it in package)").exists();
    int pgPort = freePort();
    int appPort = freePort();

    Ledger ledger = new Ledger();
    Invariants.Findings findings = Invariants.Findings.empty();
    FaultHttp http = new FaultHttp(appPort);
    List<Target> targets = schedule(Target.values());
    List<Moment> moments = schedule(Moment.values());
    int[] killed = new int[Target.values().length];
    int[] hit = new int[Moment.values().length];
    List<Double> restarts = new ArrayList<>();
    String keyPrefix = "pc-" + Long.toHexString(seed) + "-";

    try (KillablePostgres db = new KillablePostgres(out.resolve("pgdata"), pgPort, out.resolve("postgres.log"),
        synchronousCommit)) {
      db.create();
      ApplicationProcess app = new ApplicationProcess(jar, appDir, out.resolve("app.log"), appPort, db.jdbcUrl());
      Invariants invariants = new Invariants(db, http, ledger, keyPrefix);
      Workload load = new Workload(ledger, appPort, seed, 3);
      try {
        long s0 = System.nanoTime();
        // The first start (schema creation, deployment, demo users) is not killed: a city installs once, with
        // someone watching; what must survive cuts is the running system.
        app.start();
        app.awaitReady(http, 300);
        say(String.format(Locale.ROOT, "application (pid %d) ready on port %d after %.1f s; PostgreSQL on port %d",
            app.pid(), appPort, secondsSince(s0), pgPort));
        load.start();
        // One trial that restarts the application is cut a second time during that restart.
        int secondCutTrial = 0;
        for (int i = 0; i < trials && secondCutTrial == 0; i++) {
          if (targets.get(i) != Target.DATABASE) {
            secondCutTrial = i + 1;
          }
        }
        int secondCuts = 0;
        for (int trial = 1; trial <= trials; trial++) {
          Target target = targets.get(trial - 1);
          Moment wanted = moments.get(trial - 1);
          int ackedBefore = ledger.acknowledged();
          // Let the load run a while first, so that work of every kind is in flight.
          Thread.sleep(1500 + random.nextInt(3000));
          String moment = awaitMoment(db, wanted);
          if (moment.startsWith(wanted.name())) {
            hit[wanted.ordinal()]++;
          }
          long k0 = System.nanoTime();
          kill(target, app, db);
          killed[target.ordinal()]++;
          if (target != Target.APPLICATION) {
            // The database stays away a little while; a running application answers 503 meanwhile.
            Thread.sleep(target == Target.DATABASE ? 500 + random.nextInt(2500) : 200);
            db.start();
          }
          String again = "";
          if (target != Target.DATABASE) {
            app.start();
            if (trial == secondCutTrial) {
              // The power flickers: the application is cut again while it starts (engine, deployment check, demo
              // users, authorizations), and must come up cleanly from that too.
              int ms = 2000 + random.nextInt(10000);
              Thread.sleep(ms);
              app.kill();
              app.start();
              again = String.format(Locale.ROOT, " and again %.1f s into its restart", ms / 1000.0);
              secondCuts++;
            }
          }
          // A killed application starts again; one that only lost its database recovers by itself.
          app.awaitReady(http, 300);
          double restart = secondsSince(k0);
          restarts.add(restart);
          assertThat(load.pause(120)).as("the users finish what they started within 120 s").isTrue();
          Invariants.Findings now = Invariants.Findings.empty();
          Invariants.Seen seen = invariants.check(now, false);
          findings.addAll(now);
          load.resume();
          say(String.format(Locale.ROOT, "trial %d/%d: SIGKILL %s at %s%s; back after %.1f s; acknowledged %d (+%d);"
              + " %d requests, %d closed, %d escalated; log %d entries, verify %s at checkpoint %d; %s", trial, trials,
              target, moment, again, restart, ledger.acknowledged(), ledger.acknowledged() - ackedBefore,
              seen.requests(), seen.closed(), seen.escalated(), seen.logEntries(), seen.verifyStatus(),
              seen.checkpointSize(),
              now.counts()));
          now.lost().forEach(x -> say("  lost: " + x));
          now.duplicated().forEach(x -> say("  duplicated: " + x));
          now.halfDone().forEach(x -> say("  half-done: " + x));
          now.unverifiable().forEach(x -> say("  unverifiable: " + x));
        }
        // Drain: no new intakes; every request is worked to CLOSED, so every timer that was pending must fire.
        long d0 = System.nanoTime();
        load.stopIntake();
        while (!load.drained() && secondsSince(d0) < 120) {
          Thread.sleep(250);
        }
        boolean drained = load.drained();
        assertThat(load.pause(120)).isTrue();
        load.stop();
        Invariants.Findings last = Invariants.Findings.empty();
        Invariants.Seen seen = invariants.check(last, true);
        findings.addAll(last);
        say(String.format(Locale.ROOT, "final: drained in %.1f s (%s); %d requests, %d closed, %d escalated, %d timer"
            + " jobs executed; log %d entries, verify %s at checkpoint %d, offline verification %s; %s",
            secondsSince(d0), drained ? "every request closed or given up after a problem" : "NOT all closed", seen.requests(), seen.closed(),
            seen.escalated(), seen.timerJobsExecuted(), seen.logEntries(), seen.verifyStatus(), seen.checkpointSize(),
            last.unverifiable().stream().anyMatch(x -> x.startsWith("offline")) ? "FAILED" : "OK", last.counts()));
        last.lost().forEach(x -> say("  lost: " + x));
        last.duplicated().forEach(x -> say("  duplicated: " + x));
        last.halfDone().forEach(x -> say("  half-done: " + x));
        last.unverifiable().forEach(x -> say("  unverifiable: " + x));
        ledger.problems.forEach(x -> say("  problem: " + x));

        long timerRequests = ledger.acknowledgedRequests().stream().filter(r -> r.timer).count();
        say(String.format(Locale.ROOT, "power cuts: trials=%d (application %d, database %d, both %d; at a locked"
            + " timer %d, during checkpoint signing %d, with an intake in flight %d; cut again while restarting %d),"
            + " acknowledged operations=%d (intakes %d of which %d replayed after a retry, task completions %d,"
            + " checkpoints signed on demand %d), sent again after a cut=%d, in doubt and resolved=%d,"
            + " calls without answer=%d, 503/409 retried=%d, timers fired=%d of %d timer requests, stored without"
            + " acknowledgement=%d, lost=%d, duplicated=%d, half-done=%d, unverifiable=%d, problems=%d,"
            + " restart p50 %.1f s max %.1f s, duration %.1f s, seed %d",
            trials, killed[0], killed[1], killed[2], hit[Moment.TIMER_LOCKED.ordinal()],
            hit[Moment.CHECKPOINT_SIGNING.ordinal()], hit[Moment.INTAKE_IN_FLIGHT.ordinal()], secondCuts,
            ledger.acknowledged(), ledger.intakesAcknowledged.get(), ledger.intakesReplayed.get(),
            ledger.completions.size(), ledger.checkpoints.size(), ledger.resentAfterCut.get(),
            ledger.completionsInDoubt.get(), ledger.noAnswer.get(), ledger.retryLater.get(), seen.escalated(),
            timerRequests, seen.storedWithoutAcknowledgement(), findings.lost().size(), findings.duplicated().size(),
            findings.halfDone().size(), findings.unverifiable().size(), ledger.problems.size(), median(restarts),
            Collections.max(restarts), secondsSince(t0), seed));
        Files.write(out.resolve("results.md"), report);

        assertThat(ledger.problems).as("answers no correct server gives").isEmpty();
        assertThat(findings.lost()).as("lost").isEmpty();
        assertThat(findings.duplicated()).as("duplicated").isEmpty();
        assertThat(findings.halfDone()).as("half-done").isEmpty();
        assertThat(findings.unverifiable()).as("unverifiable").isEmpty();
        assertThat(drained).as("every acknowledged request worked to CLOSED after the cuts").isTrue();
        // Guards against a run that passes because nothing happened.
        assertThat(ledger.intakesAcknowledged.get()).isGreaterThanOrEqualTo(trials);
        assertThat(ledger.completions).hasSizeGreaterThanOrEqualTo(trials * 2);
        assertThat(seen.escalated()).as("overdue timers that fired").isPositive();
        assertThat(ledger.checkpoints).isNotEmpty();
      } finally {
        load.stop();
        app.stop();
      }
    }
  }

  /** Each value equally often, in a seeded order. */
  private <T> List<T> schedule(T[] values) {
    List<T> list = new ArrayList<>();
    for (int i = 0; i < trials; i++) {
      list.add(values[i % values.length]);
    }
    Collections.shuffle(list, random);
    return list;
  }

  /** Waits for the moment to cut, and says which it was. */
  private String awaitMoment(KillablePostgres db, Moment moment) throws Exception {
    switch (moment) {
      case TIMER_LOCKED -> {
        // A timer job is locked by the job executor between its acquisition and the commit of its execution.
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
          while (System.nanoTime() < deadline) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM act_ru_job WHERE handler_type_ = "
                + "'timer-transition' AND lock_owner_ IS NOT NULL")) {
              rs.next();
              if (rs.getInt(1) > 0) {
                return "TIMER_LOCKED (" + rs.getInt(1) + " timer job(s) locked for execution)";
              }
            }
            Thread.sleep(2);
          }
        }
        return "random (no timer job was locked within 20 s)";
      }
      case INTAKE_IN_FLIGHT -> {
        // An intake has claimed its Idempotency-Key (committed) and its own transaction is running: the client will
        // get no answer, and its retry must wait out the key's lease, then run once.
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
          while (System.nanoTime() < deadline) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM idempotency_key WHERE state = 'IN_FLIGHT'")) {
              rs.next();
              if (rs.getInt(1) > 0) {
                return "INTAKE_IN_FLIGHT (" + rs.getInt(1) + " intake(s) had claimed their key and were running)";
              }
            }
            Thread.sleep(1);
          }
        }
        return "random (no intake was in flight within 20 s)";
      }
      case CHECKPOINT_SIGNING -> {
        // Checkpoints.create holds this advisory lock from its start to its commit; the schedule fires on even
        // seconds, and the administrator signs on demand in between.
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
          while (System.nanoTime() < deadline) {
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                + " AND objid = 6962 AND granted")) {
              rs.next();
              if (rs.getInt(1) > 0) {
                return "CHECKPOINT_SIGNING (a checkpoint transaction held the signing lock)";
              }
            }
            Thread.sleep(1);
          }
        }
        return "random (no checkpoint was being signed within 10 s)";
      }
      default -> {
        int ms = random.nextInt(3000);
        Thread.sleep(ms);
        return "RANDOM (" + ms + " ms later)";
      }
    }
  }

  /** SIGKILL; for both, the two in the same instant, as when the machine loses power. */
  private static void kill(Target target, ApplicationProcess app, KillablePostgres db) throws Exception {
    switch (target) {
      case APPLICATION -> app.kill();
      case DATABASE -> db.kill();
      case BOTH -> {
        Thread appKill = new Thread(() -> {
          try {
            app.kill();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
        appKill.start();
        db.kill();
        appKill.join();
      }
    }
  }

  private void say(String line) {
    System.out.println("[faults] " + line);
    report.add(line);
  }

  private static double secondsSince(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    s.sort(Comparator.naturalOrder());
    return s.isEmpty() ? 0 : s.get(s.size() / 2);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void clean(Path dir) throws Exception {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(dir);
  }
}
