package org.sanctuarycity.workflow.bench;

import static org.sanctuarycity.workflow.bench.Stats.percentile;
import static org.sanctuarycity.workflow.bench.Stats.round;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.BufferedWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.camunda.bpm.engine.task.Task;
import org.sanctuarycity.workflow.platform.CurrentValueVariableHistory;
import org.sanctuarycity.workflow.platform.HistoryTableStatistics;
import org.sanctuarycity.workflow.platform.PersonalDataHistoryFilter;
import org.junit.jupiter.api.Test;
import org.sanctuarycity.workflow.transparency.Checkpoint;
import org.sanctuarycity.workflow.transparency.ExportFormat;
import org.sanctuarycity.workflow.transparency.LeafFormat;
import org.sanctuarycity.workflow.transparency.LogVerifier;
import org.sanctuarycity.workflow.transparency.Merkle;
import org.sanctuarycity.workflow.transparency.OfflineVerifier;
import org.sanctuarycity.workflow.transparency.TestCheckpoints;
import org.sanctuarycity.workflow.transparency.TransparencyEntry;
import org.sanctuarycity.workflow.transparency.TransparencyReports;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The benchmark suite of issue 6. Not a test: run it with {@code mvn -Pbench verify} (add {@code -Dbench.quick}
 * for the short variant). It writes target/bench/results.json and target/bench/results.md.
 *
 * <p>The application runs as its own process (the packaged jar, {@code -Xmx384m}) on a PostgreSQL with fsync ON;
 * this JVM drives it over HTTP, runs the bare-engine baseline and reads PostgreSQL's statistics.
 */
class BenchSuite {

  private final boolean quick = isQuick();
  private final Path out = Path.of(System.getProperty("bench.out", "target/bench"));
  private final Map<String, Object> results = new LinkedHashMap<>();
  /** figure -> how it was measured */
  private final Map<String, String> how = new LinkedHashMap<>();
  private final List<String> findings = new ArrayList<>();
  private final List<String> log = new ArrayList<>();
  private final Instant started = Instant.now();

  private BenchDatabase db;
  private Process app;
  private int port;
  private CpuMeter cpu = new CpuMeter(null);
  /** CPU milliseconds per instance (or per intake) by party, for each throughput run that has them. */
  private final Map<String, Object> cpuPerInstance = new LinkedHashMap<>();

  // sizes
  private final int warmS = quick ? 3 : 20;
  /**
   * Load before the first measured run, on 4 threads, for the JIT (application and baseline alike): in slices of
   * this many seconds until the JIT compilers used under 5 % of the process's CPU in a slice, at most jitWarmMaxS.
   */
  private final int jitSliceS = Integer.getInteger("bench.jitSliceS", quick ? 3 : 15);
  private final int jitWarmMaxS = Integer.getInteger("bench.jitWarmMaxS", quick ? 3 : 240);
  private final Map<String, String> jitWarmUps = new LinkedHashMap<>();
  private final int measureS = quick ? 6 : 60;
  private final int baseWarmS = quick ? 1 : 10;
  private final int baseMeasureS = quick ? 4 : 30;
  private final int ceilingS = quick ? 1 : 10;
  private final int intakeWarmS = quick ? 2 : 10;
  private final int intakeS = quick ? 8 : 30;
  private final int countedInstances = quick ? 15 : 200;
  private final int openTasksTarget = quick ? 1_000 : 10_000;
  private final int completedTarget = quick ? 5_000 : 100_000;
  private final int taskQuerySamples = quick ? 60 : 300;
  private final int reportSmall = 10_000;
  private final int reportLarge = Integer.getInteger("bench.reportRows", 1_000_000);
  private final int exportEntries = quick ? 20_000 : 200_000;

  /** Phases that only run when named in -Dbench.only: the soak takes 30 minutes, twice the rest of the suite. */
  static final List<String> ON_REQUEST_ONLY = List.of("soak");

  static boolean runs(String phase) {
    String only = System.getProperty("bench.only", "").trim();
    return only.isEmpty() ? !ON_REQUEST_ONLY.contains(phase) : List.of(only.split("\\s*,\\s*")).contains(phase);
  }

  /** -Dbench.soakMinutes (default 30, quick 3), -Dbench.soakRate (intakes/s, default 2), -Dbench.soakSampleS. */
  static Soak.Settings soakSettings(boolean quick) {
    double minutes = Double.parseDouble(System.getProperty("bench.soakMinutes", quick ? "3" : "30"));
    double rate = Double.parseDouble(System.getProperty("bench.soakRate", "2"));
    int sampleS = Integer.getInteger("bench.soakSampleS", minutes < 10 ? 15 : 30);
    // Three minutes of warm-up (JIT, caches, pools) where the run is long enough, a third of a short run.
    double warmup = Double.parseDouble(System.getProperty("bench.soakWarmupMinutes",
        String.valueOf(Math.min(3.0, minutes / 3))));
    return new Soak.Settings(minutes, warmup, rate, 4, sampleS);
  }

  static boolean isQuick() {
    String q = System.getProperty("bench.quick");
    return q != null && q.equalsIgnoreCase("true");
  }

  @Test
  void runTheSuite() throws Exception {
    Files.createDirectories(out);
    say("bench: " + (quick ? "QUICK" : "FULL") + " run, output in " + out.toAbsolutePath());
    String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
    try (BenchDatabase database = new BenchDatabase(out.resolve("pgdata"))) {
      db = database;
      cpu = new CpuMeter(db.embedded != null ? out.resolve("pgdata") : null);
      say("database: " + db.description);
      commitCeiling();
      if (runs("fullFlow")) {
        baseline();
      }
      startApplication();
      try {
        // -Dbench.only=fullFlow,intake,... runs a subset (for profiling); results.json is then partial.
        if (runs("fullFlow")) {
          fullFlow();
          httpFloor();
        }
        // Intake before the counted run: that run pauses autovacuum, and measured after it an intake cost PostgreSQL
        // 8.3 ms of CPU instead of 4.7 (130-149 intakes/s instead of 218, runs of 2026-11-27), although the phase
        // starts with VACUUM and a checkpoint either way. A server never runs with autovacuum paused.
        if (runs("intake")) {
          intakeLatency();
        }
        if (runs("commits")) {
          commitsPerInstance();
        }
        if (runs("taskQuery")) {
          taskQuery();
        }
        if (runs("report")) {
          report();
        }
        if (runs("verify")) {
          verify();
        }
        if (runs("cluster")) {
          cluster();
        }
        if (runs("soak")) {
          soak();
        }
        peakRss();
      } finally {
        stopApplication();
      }
    }
    String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
    if (!cpuPerInstance.isEmpty()) {
      results.put("cpu_ms_per_instance", cpuPerInstance);
      how.put("cpu_ms_per_instance", "CPU time (user + system, from /proc) over each measured window above, divided by "
          + "the instances (or intakes) completed in it: the application's JVM (GC and JIT threads included), the "
          + "embedded PostgreSQL (postmaster and backends), and the benchmark JVM (the HTTP load generator; in the "
          + "baseline the engine itself). cores_busy = their sum over the window's wall time: near the core count "
          + "means the run was CPU-bound. Not available for an external PostgreSQL.");
    }
    results.put("cores", Runtime.getRuntime().availableProcessors());
    writeResults(loadBefore, loadAfter);
  }

  // ---------------------------------------------------------------- database ceiling

  void commitCeiling() throws Exception {
    String url = db.url("bench_baseline");
    try (Connection c = db.connect(url); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE commit_probe (id BIGSERIAL PRIMARY KEY, at TIMESTAMPTZ NOT NULL DEFAULT now(), v INTEGER)");
    }
    Map<String, Object> ceiling = new LinkedHashMap<>();
    for (int connections : new int[] {1, 4}) {
      List<Connection> open = Collections.synchronizedList(new ArrayList<>());
      Rate r = throughput(connections, Duration.ofSeconds(1), Duration.ofSeconds(ceilingS), i -> {
        try {
          Connection c = db.connect(url);
          open.add(c);
          PreparedStatement ps = c.prepareStatement("INSERT INTO commit_probe (v) VALUES (?)");
          return () -> {
            try {
              ps.setInt(1, 1);
              ps.executeUpdate();
            } catch (SQLException e) {
              throw new IllegalStateException(e);
            }
          };
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      for (Connection c : open) {
        c.close();
      }
      ceiling.put("c" + connections, round(r.perSecond(), 1));
      say("db commit ceiling c" + connections + ": " + r);
    }
    results.put("db_commit_ceiling_per_s", ceiling);
    how.put("db_commit_ceiling_per_s", "JDBC autocommit `INSERT INTO commit_probe (v) VALUES (?)` (one row, one commit) "
        + "on 1 and 4 connections of the same server, " + ceilingS + " s each after 1 s warm-up; figure = commits / s.");
  }

  // ---------------------------------------------------------------- baseline

  void baseline() throws Exception {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(db.url("bench_baseline"));
    hc.setUsername(db.user);
    hc.setPassword(db.password);
    // The application's pool size (application.yaml), so both runs have the same number of backends.
    hc.setMaximumPoolSize(4);
    // The application's driver setting (application.yaml): batched inserts sent as multi-row INSERTs.
    hc.addDataSourceProperty("reWriteBatchedInserts", "true");
    hc.setPoolName("baseline");
    try (HikariDataSource ds = new HikariDataSource(hc)) {
      StandaloneProcessEngineConfiguration cfg = new StandaloneProcessEngineConfiguration();
      cfg.setProcessEngineName("bench-baseline");
      cfg.setDataSource(ds);
      cfg.setDatabaseSchemaUpdate("true");
      cfg.setHistory("full");
      // The application's history writer (FULL without per-change variable rows, personal fields filtered), so the
      // two differ only in what the application adds; with no variables here it writes what plain FULL writes.
      cfg.setHistoryEventHandler(new PersonalDataHistoryFilter(new CurrentValueVariableHistory()));
      cfg.setJobExecutorActivate(false);
      cfg.setIdGenerator(new StrongUuidGenerator());
      // The application's pace of re-analyzing history tables (app.history-tables.analyze-scale-factor).
      cfg.setProcessEnginePlugins(new ArrayList<>(List.of(new HistoryTableStatistics(0.5))));
      ProcessEngine engine = cfg.buildProcessEngine();
      try {
        engine.getRepositoryService().createDeployment().name("bench-baseline")
            .addClasspathResource("bench/baseline.bpmn").deploy();
        RuntimeService runtime = engine.getRuntimeService();
        TaskService tasks = engine.getTaskService();
        Runnable instance = () -> {
          String id = runtime.startProcessInstanceByKey("bench-baseline", UUID.randomUUID().toString()).getId();
          for (int k = 0; k < 4; k++) {
            Task t = tasks.createTaskQuery().processInstanceId(id).singleResult();
            tasks.complete(t.getId());
          }
        };
        Map<String, Object> rates = new LinkedHashMap<>();
        // The same JIT warm-up as the application gets before its runs (fullFlow), so both are measured warm.
        jitWarmUp("baseline", ProcessHandle.current().pid(), i -> instance);
        for (int threads : new int[] {1, 4}) {
          Rate r = throughput(threads, Duration.ofSeconds(baseWarmS), Duration.ofSeconds(baseMeasureS), i -> instance);
          rates.put("t" + threads, round(r.perSecond(), 2));
          cpuPerInstance.put("baseline_t" + threads, r.cpu().perOperation(r.count(), "benchmark_jvm"));
          say("baseline t" + threads + ": " + r + ", CPU ms per instance " + cpuPerInstance.get("baseline_t" + threads));
        }
        long done = engine.getHistoryService().createHistoricProcessInstanceQuery().finished().count();
        long running = engine.getRuntimeService().createProcessInstanceQuery().count();
        say("baseline: " + done + " instances finished, " + running + " left running");
        results.put("baseline_instances_per_s", rates);
      } finally {
        engine.close();
      }
    }
    how.put("baseline_instances_per_s", "src/test/resources/bench/baseline.bpmn (4 user tasks with candidate groups, "
        + "8 no-op Java service tasks: the tasks a federal request passes on its way to CLOSED), history level FULL "
        + "with the application's history writer and its history-table ANALYZE pace (scale factor 0.5), "
        + "StrongUuidGenerator as in the Spring Boot starter, job executor off, Hikari pool 4 and "
        + "reWriteBatchedInserts as the application's, in the benchmark JVM "
        + "(-Xmx384m) through the Java API: start, then 4 x (task query by process instance, complete). "
        + "Before the first run a JIT warm-up (" + jitWarmUps.get("baseline") + "); then per thread count "
        + baseWarmS + " s warm-up, then instances completed in " + baseMeasureS + " s, on 1 and on 4 threads.");
  }

  // ---------------------------------------------------------------- the application

  void startApplication() throws Exception {
    String jar = System.getProperty("bench.appJar");
    if (jar == null || !Files.exists(Path.of(jar))) {
      throw new IllegalStateException("bench.appJar not found: " + jar + " (run with mvn -Pbench verify)");
    }
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:+ExitOnOutOfMemoryError"));
    // -Dbench.appJvmArgs="-XX:StartFlightRecording=..." profiles the application while the suite drives it.
    String extra = System.getProperty("bench.appJvmArgs", "").trim();
    if (!extra.isEmpty()) {
      cmd.addAll(List.of(extra.split("\\s+")));
    }
    cmd.addAll(List.of("-jar", jar,
        "--server.port=" + port,
        // Names node A in the engine's job log (the cluster phase starts node B as bench-node-b).
        "--camunda.bpm.generic-properties.properties.hostname=bench-node-a",
        "--spring.profiles.active=demo",
        "--spring.datasource.url=" + db.url("bench_app"),
        "--spring.datasource.username=" + db.user,
        "--spring.datasource.password=" + db.password));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(out.resolve("app.log").toFile());
    long t0 = System.nanoTime();
    app = pb.start();
    cpu.application(app.pid());
    BenchHttp.awaitReady(app, port, "the application", out.resolve("app.log"));
    say("application (pid " + app.pid() + ", -Xmx384m) ready on port " + port + " after "
        + (System.nanoTime() - t0) / 1_000_000 + " ms");
  }

  void stopApplication() throws Exception {
    if (app != null && app.isAlive()) {
      app.destroy();
      if (!app.waitFor(60, TimeUnit.SECONDS)) {
        app.destroyForcibly();
      }
    }
  }

  void fullFlow() throws Exception {
    Map<String, Object> rates = new LinkedHashMap<>();
    resetStatements();
    // JIT warm-up: one request passes each code path only a few dozen times per second, so a short warm-up at one
    // thread would measure partly interpreted or C1 code. The baseline gets the same warm-up.
    jitWarmUp("full flow", app.pid(), i -> {
      BenchHttp http = new BenchHttp(port);
      return () -> FederalRequestDriver.runToClosed(http);
    });
    for (int threads : new int[] {1, 4}) {
      Rate r = throughput(threads, Duration.ofSeconds(warmS), Duration.ofSeconds(measureS), i -> {
        BenchHttp http = new BenchHttp(port);
        return () -> FederalRequestDriver.runToClosed(http);
      });
      rates.put("t" + threads, round(r.perSecond(), 2));
      cpuPerInstance.put("full_flow_t" + threads, r.cpu().perOperation(r.count(), "load_generator"));
      say("full flow t" + threads + ": " + r + ", CPU ms per instance " + cpuPerInstance.get("full_flow_t" + threads));
      if (r.errors() > 0) {
        findings.add("full flow t" + threads + ": " + r.errors() + " failed instances; first: " + r.firstError());
      }
    }
    results.put("full_flow_instances_per_s", rates);
    @SuppressWarnings("unchecked")
    Map<String, Object> base = (Map<String, Object>) results.get("baseline_instances_per_s");
    Map<String, Object> ratio = new LinkedHashMap<>();
    for (String t : new String[] {"t1", "t4"}) {
      ratio.put(t, round(((Number) rates.get(t)).doubleValue() / ((Number) base.get(t)).doubleValue(), 3));
    }
    results.put("full_vs_baseline", ratio);
    try (Connection c = db.connect(db.url("bench_app")); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT status, count(*) FROM federal_request GROUP BY status ORDER BY 1")) {
      StringBuilder b = new StringBuilder();
      while (rs.next()) {
        b.append(rs.getString(1)).append('=').append(rs.getLong(2)).append(' ');
      }
      say("requests by status after the full-flow runs: " + b);
    }
    how.put("full_flow_instances_per_s", "The application jar in its own JVM (-Xmx384m, Hikari pool 4 (application.yaml), history FULL "
        + "without per-change variable rows, "
        + "engine authorization on, job executor on), driven over HTTP/1.1 with HTTP Basic as in FederalRequestApiIT: "
        + "POST /api/requests (desk, Idempotency-Key), then for each of the 4 user tasks GET /engine-rest/task?"
        + "processInstanceBusinessKey=... as the task's user and POST /engine-rest/task/{id}/complete "
        + "(verifier, attorney DECLINE, desk send, desk notify) until CLOSED. Before the first run a JIT warm-up of "
        + "the application (" + jitWarmUps.get("full flow") + "); then per thread count " + warmS + " s warm-up, "
        + "then instances completed in " + measureS + " s, on 1 and on 4 client threads.");
    how.put("full_vs_baseline", "full_flow_instances_per_s / baseline_instances_per_s, per thread count, same run.");
  }

  /** The full_vs_baseline ceiling that the HTTP calls alone set, as a sentence for the findings; empty without it. */
  String httpCeilingSentence() {
    if (!(results.get("full_vs_baseline_ceiling_t4") instanceof Number ceiling)
        || !(results.get("http_floor_cpu_ms_per_call") instanceof Map<?, ?> m) || !(m.get("total") instanceof Number f)) {
      return "";
    }
    return String.format(java.util.Locale.ROOT, " Of the gap, the HTTP calls alone are a floor no engine or application "
        + "work causes: an authenticated call that does nothing (http_floor_cpu_ms_per_call) cost %.2f ms of CPU "
        + "(application and load generator, on the same cores), so a request's %d calls cost %.1f ms, and a request "
        + "that otherwise cost exactly the bare engine's %.1f ms would reach %.3f at t4. %s", f.doubleValue(),
        CALLS_PER_REQUEST, CALLS_PER_REQUEST * f.doubleValue(), cpu("baseline_t4", "total"), ceiling.doubleValue(),
        ceiling.doubleValue() < 0.7
            ? "On this machine the budget of 0.7 is out of reach for any request driven over HTTP against a baseline "
                + "that makes no calls; what lies between that ceiling and the measured ratio is the application's "
                + "and the engine's own work."
            : "The calls alone leave room for the budget; the rest of the gap is the application's and the engine's "
                + "own work.");
  }

  /** HTTP calls a complete request takes (FederalRequestDriver.runToClosed): the intake, then a lookup and a completion per task. */
  static final int CALLS_PER_REQUEST = 1 + 2 * 4;

  /**
   * What one authenticated HTTP call costs when the application does nothing for it: the part of
   * full_vs_baseline that no engine or application work causes, because the baseline makes no calls at all.
   */
  void httpFloor() throws Exception {
    String path = "/engine-rest/version";
    Rate r = throughput(4, Duration.ofSeconds(quick ? 1 : 5), Duration.ofSeconds(quick ? 2 : 15), i -> {
      BenchHttp http = new BenchHttp(port);
      return () -> BenchHttp.expect(http.get("desk", path), 200);
    });
    Map<String, Object> perCall = r.cpu().perOperation(r.count(), "load_generator");
    results.put("http_floor_cpu_ms_per_call", perCall);
    double floor = ((Number) perCall.getOrDefault("total", Double.NaN)).doubleValue();
    double engine = cpu("baseline_t4", "total");
    // On 4 threads both runs are CPU-bound, so a ratio is about the inverse ratio of CPU per instance: the bare
    // engine's work plus nothing but the calls' own cost.
    double ceiling = engine / (engine + CALLS_PER_REQUEST * floor);
    results.put("full_vs_baseline_ceiling_t4", round(ceiling, 3));
    say(String.format(java.util.Locale.ROOT, "HTTP floor: %s, CPU ms per call %s; %d calls per request: at most "
        + "%.3f of the bare engine's rate at t4 before any engine or application work", r, perCall,
        CALLS_PER_REQUEST, ceiling));
    how.put("http_floor_cpu_ms_per_call", "GET " + path + " (Camunda's REST API; the engine answers its version "
        + "without a database statement) as desk with HTTP Basic, 4 client threads, " + (quick ? 1 : 5)
        + " s warm-up, then " + r.count() + " calls in " + round(r.seconds(), 1) + " s (" + round(r.perSecond(), 0)
        + "/s, " + r.errors() + " errors), right after the full-flow runs, so warm: CPU per call of the application "
        + "(Tomcat, the Spring Security chain with HTTP Basic against the 30 s credential cache, the engine's "
        + "authentication for the call, Jersey, JSON), PostgreSQL and the load generator.");
    how.put("full_vs_baseline_ceiling_t4", "For information, no budget: the ratio full_vs_baseline.t4 would reach "
        + "if a request cost the bare engine's CPU (cpu_ms_per_instance.baseline_t4.total) plus only its "
        + CALLS_PER_REQUEST + " HTTP calls at http_floor_cpu_ms_per_call.total, and nothing else: " + round(engine, 2)
        + " / (" + round(engine, 2) + " + " + CALLS_PER_REQUEST + " x " + round(floor, 2) + ").");
  }

  static final long STATS_QUIET_MS = 11_000;

  void commitsPerInstance() throws Exception {
    try (Connection admin = db.connect(db.adminUrl); Connection app = db.connect(db.url("bench_app"))) {
      long seq0 = single(app, "SELECT last_seq FROM transparency_head");
      // The phase before may have filled tables (the intake phase leaves thousands of open tasks) faster than
      // autovacuum analyzed them; planned with those stale statistics for the whole window, the task queries read
      // whole tables (5.9 instead of 0.13 ms each, in a quick run). A running server's autovacuum keeps them
      // current, so the window starts from current statistics, as it would find them.
      try (Statement st = app.createStatement()) {
        st.execute("ANALYZE");
      }
      // Autovacuum's ANALYZE also takes transaction ids; keep it out of the counted window.
      boolean autovacuumOff = setAutovacuum(admin, false);
      // An idle backend flushes its statistics up to 10 s late (PGSTAT_IDLE_INTERVAL): wait that out on both sides.
      // (A backend that flushed less than a second before going idle waits the full 10 s: the common case right after
      // a busy phase. A 3 s wait in the quick variant let 23 transactions per request in instead of 10.)
      Thread.sleep(STATS_QUIET_MS);
      long[] idle0 = stat(admin);
      Thread.sleep(3000);
      long[] s0 = stat(admin);
      double idleCommitsPerS = (s0[0] - idle0[0]) / 3.0;
      // stat() takes one xid itself.
      double idleXidsPerS = (s0[2] - idle0[2] - 1) / 3.0;
      BenchHttp http = new BenchHttp(port);
      List<String> references = new ArrayList<>();
      BenchHttp.resetSteps();
      // The statement figures below are then exactly those of the counted requests.
      resetStatements();
      long t0 = System.nanoTime();
      for (int i = 0; i < countedInstances; i++) {
        references.add(FederalRequestDriver.runToClosed(http));
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      // The transaction-id counter is exact at once (unlike the statistics), so read it before the quiet wait.
      long xidAfter = single(admin, "SELECT txid_current()");
      double windowS = seconds;
      Thread.sleep(STATS_QUIET_MS);
      long[] s1 = stat(admin);
      if (autovacuumOff) {
        setAutovacuum(admin, true);
      }
      long n = references.size();
      double transactions = (double) (s1[0] - s0[0]) / n;
      // Write transactions: those PostgreSQL gave a transaction id, the only ones that write a commit record
      // and wait for its WAL flush. Less the background's rate (job executor, schedulers) over the window.
      double writeXacts = Math.max(0, (xidAfter - s0[2] - 1) - idleXidsPerS * windowS) / n;
      double commits = writeXacts;
      double rollbacks = (double) (s1[1] - s0[1]) / n;
      String refs = "'" + String.join("','", references) + "'";
      double waitStates = (double) single(app, "SELECT count(*) FROM act_hi_actinst a JOIN act_hi_procinst p"
          + " ON p.id_ = a.proc_inst_id_ WHERE p.business_key_ IN (" + refs + ") AND a.act_type_ IN"
          + " ('userTask','receiveTask','intermediateMessageCatch','intermediateTimer','eventBasedGateway')") / n;
      long closed = single(app, "SELECT count(*) FROM federal_request WHERE status = 'CLOSED' AND reference IN (" + refs + ")");
      variablesPerInstance = (double) single(app, "SELECT count(*) FROM act_hi_varinst v JOIN act_hi_procinst p"
          + " ON p.id_ = v.proc_inst_id_ WHERE p.business_key_ IN (" + refs + ")") / n;
      results.put("commits_per_instance", round(commits, 2));
      results.put("wait_states_per_instance", round(waitStates, 2));
      results.put("transactions_per_instance", round(transactions, 2));
      // Transparency entries written by these instances, grouped by the transaction that inserted them (xmin).
      // Each instance has 1 + (wait states) step transactions (the intake and one per completed wait state); every
      // transaction beyond those that holds entries is a commit the log caused on its own.
      // (Engine history rows cannot serve as the witness: the removal-time strategy rewrites them when the instance ends.)
      long[] log;
      try (Statement s = app.createStatement(); ResultSet rs = s.executeQuery(
          "SELECT count(*), count(DISTINCT xmin::text) FROM transparency_entry WHERE seq > " + seq0)) {
        rs.next();
        log = new long[] {rs.getLong(1), rs.getLong(2), 0};
      }
      long stepTransactions = Math.round(n * (1 + waitStates));
      log[2] = Math.max(0, log[1] - stepTransactions);
      results.put("log_append_extra_commits", log[0] == 0 ? -1 : round((double) log[2] / log[0], 3));
      say(String.format("counted run: %d instances (%d CLOSED) in %.1f s: %.2f commits (write transactions), "
              + "%.2f transactions incl. read-only, %.2f rollbacks, %.2f wait states per instance; background %.2f "
              + "transactions/s, %.2f xids/s; autovacuum paused: %s; log: %d entries in %d transactions, %d beyond "
              + "the step transactions", n, closed, seconds, commits, transactions, rollbacks, waitStates,
          idleCommitsPerS, idleXidsPerS, autovacuumOff, log[0], log[1], log[2]));
      how.put("commits_per_instance", "Database commits per complete request: the transactions PostgreSQL assigned a "
          + "transaction id (the delta of txid_current() around " + n + " complete requests driven one after another "
          + "as in full_flow, less the idle rate measured just before, " + round(idleXidsPerS, 2) + " ids/s, over the "
          + "window), divided by the requests. Only these write a commit record and wait for its WAL flush; a "
          + "read-only transaction ends without either. Autovacuum was " + (autovacuumOff ? "paused" : "NOT paused "
          + "(no permission)") + " for the window, as its ANALYZE takes ids too. " + round(rollbacks, 2)
          + " rollbacks per instance; " + closed + "/" + n + " requests CLOSED. All transactions are in "
          + "transactions_per_instance.");
      how.put("transactions_per_instance", "pg_stat_database.xact_commit of database bench_app over the same "
          + "requests, read after 11 s of quiet on both sides (idle backends flush their statistics up to 10 s late): "
          + "every transaction, read-only ones included (each HTTP request is at least one: the 4 task lookups, the "
          + "intake's Idempotency-Key check, and a password and group check when a user's 30 s credential cache "
          + "entry has expired). Background while idle: " + round(idleCommitsPerS, 2) + " per second (job "
          + "acquisition).");
      how.put("wait_states_per_instance", "Wait states the same " + n + " instances passed (user tasks, receive tasks,"
          + " message/timer catch events, event-based gateways) from act_hi_actinst, per instance.");
      how.put("log_append_extra_commits", "The " + log[0] + " transparency entries those instances wrote were "
          + "grouped by the transaction that inserted them (xmin): " + log[1] + " transactions, against "
          + stepTransactions + " step transactions (intake + one per completed wait state) of those instances. Figure = "
          + "max(0, transactions holding entries - step transactions) / entries = " + log[2] + " / " + log[0]
          + ". (TransparencyLog.append is Propagation.MANDATORY: it joins the step's transaction.)");
      double budget = waitStates + 1;
      if (commits > budget) {
        findings.add(String.format("commits_per_instance %.2f > wait states + 1 = %.2f: some step wrote in a "
            + "transaction of its own. The statements below show which.", commits, budget));
      }
      double total = 0;
      for (Map.Entry<String, double[]> e : new java.util.TreeMap<>(BenchHttp.STEP_MS).entrySet()) {
        total += e.getValue()[0];
        stepBreakdown.add("| " + e.getKey() + " | " + (long) e.getValue()[1] + " | "
            + round(e.getValue()[0] / e.getValue()[1], 2) + " | " + round(e.getValue()[0] / n, 2) + " |");
      }
      stepBreakdown.add("| all steps | | | " + round(total / n, 2) + " |");
      stepTotalMs = total / n;
      double[] intake = BenchHttp.STEP_MS.get("POST /api/requests (desk)");
      intakeAloneMs = intake == null ? Double.NaN : intake[0] / intake[1];
      say("counted run, client-side ms per instance by step: " + String.join(" ", stepBreakdown));
      statementsReport(app);
      statementTotals(app, n);
    }
  }

  /** One line: every statement of bench_app since the last reset, per counted instance. */
  void statementTotals(Connection app, long instances) {
    String line = statementTotals(app, instances, "statements-counted-run.tsv", "All statements of the counted run, per request");
    if (line != null) {
      statementTotals = line;
    }
  }

  private String intakeStatements = "";
  private List<String> intakeTimeline = List.of();
  private double intakeVacuumS = Double.NaN;

  /** The summary line (and the file of every statement) per operation since the last reset; null if unavailable. */
  String statementTotals(Connection app, long instances, String file, String title) {
    if (!db.statementsStats || instances == 0) {
      return null;
    }
    try (Statement s = app.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT sum(calls), sum(total_exec_time), sum(total_plan_time), sum(plans) FROM pg_stat_statements"
            + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'bench_app')")) {
      rs.next();
      String line = String.format(java.util.Locale.ROOT, title + ": %.1f "
              + "statements, %.2f ms executing, %.2f ms planning (%.1f plans; a statement prepared on the server is "
              + "planned once per connection, unless its plan is custom).", rs.getDouble(1) / instances,
          rs.getDouble(2) / instances, rs.getDouble(3) / instances, rs.getDouble(4) / instances)
          + walPerInstance(app, instances) + seqScansPerInstance(app, instances);
      say(line);
      // Every statement, for finding what a request runs how often (results.md shows the top ones by time).
      StringBuilder tsv = new StringBuilder("calls_per_request\texec_ms_per_request\tmean_ms\tquery\n");
      try (ResultSet all = s.executeQuery("SELECT calls, total_exec_time, mean_exec_time,"
          + " regexp_replace(left(query, 300), '\\s+', ' ', 'g') FROM pg_stat_statements"
          + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'bench_app') ORDER BY calls DESC")) {
        while (all.next()) {
          tsv.append(String.format(java.util.Locale.ROOT, "%.2f\t%.3f\t%.3f\t%s%n", all.getDouble(1) / instances,
              all.getDouble(2) / instances, all.getDouble(3), all.getString(4)));
        }
      }
      Files.writeString(out.resolve(file), tsv);
      return line;
    } catch (SQLException | java.io.IOException e) {
      say("pg_stat_statements totals: " + e.getMessage());
      return null;
    }
  }

  /** Client time per complete request in the counted run, the intake's share, and the 16-client rate. */
  private double stepTotalMs = Double.NaN;
  /** Process variables a complete request leaves in history (the counted run), for the findings. */
  private double variablesPerInstance = Double.NaN;
  private double intakeAloneMs = Double.NaN;
  private double intakeRate = Double.NaN;

  /** Rows of the step table: step, calls, mean ms per call, ms per instance. */
  private final List<String> stepBreakdown = new ArrayList<>();

  /** Pauses or resumes autovacuum on the whole server; false when not allowed (an external server). */
  boolean setAutovacuum(Connection admin, boolean on) {
    try (Statement s = admin.createStatement()) {
      // RESET on resume, so a server's own setting comes back.
      s.execute(on ? "ALTER SYSTEM RESET autovacuum" : "ALTER SYSTEM SET autovacuum = off");
      s.execute("SELECT pg_reload_conf()");
      return true;
    } catch (SQLException e) {
      say("autovacuum cannot be " + (on ? "resumed" : "paused") + ": " + e.getMessage());
      return false;
    }
  }

  /** xact_commit, xact_rollback of bench_app and the current transaction id (consumes one). */
  long[] stat(Connection admin) throws SQLException {
    try (Statement s = admin.createStatement()) {
      s.execute("SELECT pg_stat_clear_snapshot()");
      long[] r = new long[3];
      try (ResultSet rs = s.executeQuery("SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = 'bench_app'")) {
        rs.next();
        r[0] = rs.getLong(1);
        r[1] = rs.getLong(2);
      }
      try (ResultSet rs = s.executeQuery("SELECT txid_current()")) {
        rs.next();
        r[2] = rs.getLong(1);
      }
      return r;
    }
  }

  void resetStatements() {
    try (Connection c = db.connect(db.url("bench_app")); Statement s = c.createStatement()) {
      walAtReset = wal(c);
      scansAtReset = tableScans(c);
      if (db.statementsStats) {
        s.execute("SELECT pg_stat_statements_reset()");
      }
    } catch (SQLException e) {
      walAtReset = null;
      scansAtReset = null;
      say("statistics reset failed: " + e.getMessage());
    }
  }

  /** At the last statement reset: WAL records, full-page images, bytes, blocks read, blocks hit; null when unreadable. */
  private long[] walAtReset;

  /**
   * The server's WAL counters (all databases; nothing else runs during a phase). Full-page images are written for
   * the first change of each page after a checkpoint, so they show how many distinct pages a phase touches.
   */
  long[] wal(Connection c) {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT wal_records, wal_fpi, wal_bytes,"
            + " (SELECT sum(blks_read) FROM pg_stat_database), (SELECT sum(blks_hit) FROM pg_stat_database)"
            + " FROM pg_stat_wal")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)};
    } catch (SQLException e) {
      say("pg_stat_wal: " + e.getMessage());
      return null;
    }
  }

  /** WAL written since the last statement reset, per instance, as a sentence; empty when unavailable. */
  String walPerInstance(Connection c, long instances) {
    long[] now = wal(c);
    if (walAtReset == null || now == null || instances == 0) {
      return "";
    }
    long read = now[3] - walAtReset[3];
    long hit = now[4] - walAtReset[4];
    // A block not in shared_buffers is read from the kernel (a copy, often a write-back of a dirty buffer first).
    return String.format(java.util.Locale.ROOT, " WAL: %.1f records, %.1f full-page images, %.1f kB."
            + " Blocks read outside shared_buffers: %.1f (%.2f %% of block accesses).",
        (now[0] - walAtReset[0]) / (double) instances, (now[1] - walAtReset[1]) / (double) instances,
        (now[2] - walAtReset[2]) / 1024.0 / instances, read / (double) instances,
        read + hit == 0 ? 0.0 : 100.0 * read / (read + hit));
  }

  /** At the last statement reset: per table of bench_app, sequential scans and the rows they read. */
  private Map<String, long[]> scansAtReset;

  /**
   * Sequential scans per table of bench_app. A scan of a table that grows with the open work (tasks, requests)
   * is a missing index: pg_stat_statements shows its cost, this shows which table it reads.
   */
  Map<String, long[]> tableScans(Connection c) {
    Map<String, long[]> scans = new HashMap<>();
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_stat_clear_snapshot()");
      try (ResultSet rs = s.executeQuery("SELECT relname, seq_scan, seq_tup_read FROM pg_stat_user_tables")) {
        while (rs.next()) {
          scans.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
        }
      }
      return scans;
    } catch (SQLException e) {
      say("pg_stat_user_tables: " + e.getMessage());
      return null;
    }
  }

  /** The tables whose sequential scans read the most rows since the last reset, per instance, as a sentence. */
  String seqScansPerInstance(Connection c, long instances) {
    Map<String, long[]> now = tableScans(c);
    if (scansAtReset == null || now == null || instances == 0) {
      return "";
    }
    List<String> tables = new ArrayList<>();
    long scans = 0;
    long rows = 0;
    Map<String, long[]> delta = new HashMap<>();
    for (Map.Entry<String, long[]> e : now.entrySet()) {
      long[] before = scansAtReset.getOrDefault(e.getKey(), new long[2]);
      long[] d = {e.getValue()[0] - before[0], e.getValue()[1] - before[1]};
      if (d[0] > 0) {
        delta.put(e.getKey(), d);
        scans += d[0];
        rows += d[1];
      }
    }
    delta.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(4)
        .forEach(e -> tables.add(String.format(java.util.Locale.ROOT, "%s %.1f scans reading %.1f rows", e.getKey(),
            e.getValue()[0] / (double) instances, e.getValue()[1] / (double) instances)));
    // Table statistics reach the shared counters up to 10 s after a busy backend goes idle (PGSTAT_IDLE_INTERVAL):
    // the counted run waits that out; the intake phase's figure, read at once, misses its last seconds of scans.
    return String.format(java.util.Locale.ROOT, " Sequential scans: %.1f, reading %.1f rows%s.",
        scans / (double) instances, rows / (double) instances, tables.isEmpty() ? "" : " (most rows: "
            + String.join("; ", tables) + ")");
  }

  private final List<String> topStatements = new ArrayList<>();
  private String statementTotals = "";
  private final List<String> taskQueryStatements = new ArrayList<>();

  void statementsReport(Connection app) {
    statementsReport(app, topStatements, 25);
  }

  void statementsReport(Connection app, List<String> topStatements, int limit) {
    if (!db.statementsStats) {
      topStatements.add("(pg_stat_statements is not available on this server)");
      return;
    }
    try (Statement s = app.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT calls, round(total_exec_time::numeric, 1), round(mean_exec_time::numeric, 3), rows,"
            + " regexp_replace(left(query, 160), '\\s+', ' ', 'g') FROM pg_stat_statements"
            + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'bench_app')"
            + " ORDER BY total_exec_time DESC LIMIT " + limit)) {
      while (rs.next()) {
        topStatements.add("| " + rs.getLong(1) + " | " + rs.getString(2) + " | " + rs.getString(3) + " | "
            + rs.getLong(4) + " | `" + rs.getString(5).replace("|", "\\|").replace("`", "'") + "` |");
      }
    } catch (SQLException e) {
      topStatements.add("(pg_stat_statements: " + e.getMessage() + ")");
    }
  }

  void intakeLatency() throws Exception {
    int clients = 16;
    // The full-flow runs before churned the engine's runtime tables (thousands of requests inserted and deleted), and
    // an autovacuum burst over them would land in this window. A running server's autovacuum keeps
    // pace with its load; so the phase starts on a vacuumed database, as it would find one.
    long v0 = System.nanoTime();
    try (Connection c = db.connect(db.url("bench_app")); Statement st = c.createStatement()) {
      st.execute("VACUUM (ANALYZE)");
      st.execute("CHECKPOINT");
      intakeVacuumS = (System.nanoTime() - v0) / 1e9;
    } catch (SQLException e) {
      say("VACUUM before the intake phase failed (" + e.getMessage() + "); measured without it");
    }
    if (!runs("fullFlow")) {
      // Run on its own (-Dbench.only=intake): the full flow's warm-up did not happen, so warm the intake path.
      jitWarmUp("intake", app.pid(), i -> {
        BenchHttp http = new BenchHttp(port);
        return () -> FederalRequestDriver.submit(http);
      });
    }
    // Start and end (System.nanoTime) of every intake recorded in the window.
    ConcurrentLinkedQueue<long[]> spans = new ConcurrentLinkedQueue<>();
    AtomicBoolean recording = new AtomicBoolean();
    resetStatements();
    long requestsBefore;
    try (Connection c = db.connect(db.url("bench_app"))) {
      requestsBefore = single(c, "SELECT count(*) FROM federal_request");
    }
    AutovacuumSampler autovacuum = new AutovacuumSampler(db.connect(db.url("bench_app")), "bench_app");
    Rate r;
    try (autovacuum) {
      r = throughput(clients, Duration.ofSeconds(intakeWarmS), Duration.ofSeconds(intakeS), i -> {
        BenchHttp http = new BenchHttp(port);
        return () -> {
          boolean rec = recording.get();
          long t0 = System.nanoTime();
          FederalRequestDriver.submit(http);
          long t1 = System.nanoTime();
          if (rec && recording.get()) {
            spans.add(new long[] {t0, t1});
          }
        };
      }, recording);
    }
    // The timeline counts seconds from the earliest recorded start.
    long windowStart = spans.stream().mapToLong(span -> span[0]).min().orElse(0);
    List<Stats.Timed> samples = spans.stream()
        .map(span -> new Stats.Timed((span[0] - windowStart) / 1e6, (span[1] - span[0]) / 1e6)).toList();
    List<Double> ms = samples.stream().map(Stats.Timed::ms).toList();
    double p99 = percentile(ms, 99);
    Map<String, Object> lat = new LinkedHashMap<>();
    lat.put("p50", round(percentile(ms, 50), 1));
    lat.put("p99", round(p99, 1));
    lat.put("clients", clients);
    results.put("intake_latency_ms", lat);
    results.put("intake_tail", Stats.tail(samples, p99, autovacuum.busySeconds(windowStart)));
    intakeTimeline = Stats.timeline(samples, p99, autovacuum.bySecond(windowStart));
    how.put("intake_tail", "For information, no budget: the intakes of the intake_latency_ms window slower than its p99, "
        + "and how many distinct seconds (by start time) they started in. A stall that slows every request in flight "
        + "puts many of them into few seconds (a high share_in_worst_3_seconds); a tail spread over the window comes "
        + "from the requests themselves. The two autovacuum shares compare the slow intakes with all intakes: the "
        + "share that started in a second in which pg_stat_activity (sampled every 100 ms) showed an autovacuum "
        + "worker on bench_app. Per second: the intake timeline below.");
    intakeRate = r.perSecond();
    try (Connection c = db.connect(db.url("bench_app"))) {
      long intakes = single(c, "SELECT count(*) FROM federal_request") - requestsBefore;
      intakeStatements = java.util.Objects.requireNonNullElse(statementTotals(c, intakes, "statements-intake.tsv",
          "All statements of the intake phase (warm-up included), per intake"), "");
    }
    cpuPerInstance.put("intake", r.cpu().perOperation(r.count(), "load_generator"));
    say("intake latency: " + lat + " over " + samples.size() + " requests, tail " + results.get("intake_tail") + ", " + r);
    how.put("intake_latency_ms", clients + " concurrent clients (one HTTP/1.1 connection each) POST /api/requests as "
        + "the desk with a fresh Idempotency-Key, back to back, on a database just vacuumed and checkpointed ("
        + (Double.isNaN(intakeVacuumS) ? "not possible here" : round(intakeVacuumS, 1) + " s") + ", after the full-flow "
        + "runs and before the counted run, which pauses autovacuum), " + intakeWarmS + " s warm-up, then every request "
        + "started and finished in the next " + intakeS + " s (" + samples.size() + " samples, "
        + round(r.perSecond(), 1) + " requests/s, " + r.errors() + " errors); nearest-rank percentiles of the "
        + "client-side time from send to full response.");
  }

  // ---------------------------------------------------------------- task query

  private static final List<String> MAPPED_ID_COLUMNS = List.of("id_", "proc_inst_id_", "root_proc_inst_id_",
      "execution_id_", "parent_id_", "task_id_", "act_inst_id_", "parent_act_inst_id_", "var_inst_id_",
      "business_key_", "super_exec_", "call_proc_inst_id_", "parent_task_id_", "var_scope_", "resource_id_");

  /** Copies the rows of {@code table} picked by {@code where} {@code copies} times, with every id mapped consistently. */
  long cloneRows(Connection c, String table, String where, int fromCopy, int toCopy) throws SQLException {
    List<String> cols = new ArrayList<>();
    try (ResultSet rs = c.getMetaData().getColumns(null, "public", table, null)) {
      while (rs.next()) {
        cols.add(rs.getString("COLUMN_NAME"));
      }
    }
    StringBuilder sel = new StringBuilder();
    for (String col : cols) {
      sel.append(sel.isEmpty() ? "" : ", ");
      sel.append(MAPPED_ID_COLUMNS.contains(col) ? "md5(s." + col + " || ':' || g)" : "s." + col);
    }
    try (Statement s = c.createStatement()) {
      return s.executeUpdate("INSERT INTO " + table + " (" + String.join(", ", cols) + ") SELECT " + sel + " FROM "
          + table + " s CROSS JOIN generate_series(" + fromCopy + ", " + toCopy + ") g WHERE " + where);
    }
  }

  void taskQuery() throws Exception {
    long t0 = System.nanoTime();
    long openBefore;
    long closedBefore;
    long open;
    long completed;
    try (Connection c = db.connect(db.url("bench_app"))) {
      // The copies below are made from real open verification tasks. The full flow closes every request it
      // starts, so without the intake phase (-Dbench.only=fullFlow,taskQuery) there would be none to copy.
      long real = single(c, "SELECT count(*) FROM act_ru_task WHERE task_def_key_ = 'UserTask_VerifyWarrant'");
      BenchHttp desk = new BenchHttp(port);
      for (long i = real; i < 50; i++) {
        FederalRequestDriver.submit(desk);
      }
      openBefore = single(c, "SELECT count(*) FROM act_ru_task WHERE task_def_key_ = 'UserTask_VerifyWarrant'");
      closedBefore = single(c, "SELECT count(*) FROM act_hi_procinst WHERE end_time_ IS NOT NULL AND proc_def_key_ = 'federal-request'");
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TEMP TABLE open_tmpl AS SELECT proc_inst_id_ AS id_ FROM act_ru_task"
            + " WHERE task_def_key_ = 'UserTask_VerifyWarrant' LIMIT 500");
        s.execute("CREATE TEMP TABLE done_tmpl AS SELECT id_ FROM act_hi_procinst"
            + " WHERE end_time_ IS NOT NULL AND proc_def_key_ = 'federal-request' LIMIT 500");
      }
      long openT = single(c, "SELECT count(*) FROM open_tmpl");
      long doneT = single(c, "SELECT count(*) FROM done_tmpl");
      if (openBefore < openTasksTarget && openT > 0) {
        int copies = (int) Math.ceil((openTasksTarget - openBefore) / (double) openT);
        String inOpen = "s.proc_inst_id_ IN (SELECT id_ FROM open_tmpl)";
        cloneRows(c, "act_ru_execution", inOpen, 1, copies);
        cloneRows(c, "act_ru_task", inOpen, 1, copies);
        cloneRows(c, "act_ru_identitylink", "s.task_id_ IN (SELECT t.id_ FROM act_ru_task t WHERE t.proc_inst_id_ IN"
            + " (SELECT id_ FROM open_tmpl))", 1, copies);
        cloneRows(c, "act_ru_variable", inOpen, 1, copies);
        // With engine authorization on, each candidate group gets a TASK authorization per task; copy those too,
        // or the copies are invisible to the verifier and the authorization join is smaller than in real life.
        cloneRows(c, "act_ru_authorization", "s.resource_type_ = 7 AND s.resource_id_ IN (SELECT t.id_ FROM act_ru_task t"
            + " WHERE t.proc_inst_id_ IN (SELECT id_ FROM open_tmpl))", 1, copies);
        for (String h : new String[] {"act_hi_procinst", "act_hi_actinst", "act_hi_taskinst", "act_hi_varinst"}) {
          cloneRows(c, h, inOpen, 1, copies);
        }
      }
      if (closedBefore < completedTarget && doneT > 0) {
        int copies = (int) Math.ceil((completedTarget - closedBefore) / (double) doneT);
        String inDone = "s.proc_inst_id_ IN (SELECT id_ FROM done_tmpl)";
        for (int from = 1; from <= copies; from += 20) {
          int to = Math.min(copies, from + 19);
          for (String h : new String[] {"act_hi_procinst", "act_hi_actinst", "act_hi_taskinst", "act_hi_varinst"}) {
            cloneRows(c, h, inDone, from, to);
          }
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute("ANALYZE");
      }
      open = single(c, "SELECT count(*) FROM act_ru_task WHERE task_def_key_ = 'UserTask_VerifyWarrant'");
      completed = single(c, "SELECT count(*) FROM act_hi_procinst WHERE end_time_ IS NOT NULL AND proc_def_key_ = 'federal-request'");
    }
    say(String.format("task query data: %d open verification tasks (%d real), %d completed requests in history (%d real), "
        + "seeded in %.1f s", open, openBefore, completed, closedBefore, (System.nanoTime() - t0) / 1e9));
    BenchHttp http = new BenchHttp(port);
    String path = "/engine-rest/task?candidateGroup=warrant-verifiers&sortBy=dueDate&sortOrder=asc&firstResult=0&maxResults=50";
    int returned = 0;
    for (int i = 0; i < 20; i++) {
      returned = BenchHttp.expect(http.get("verifier", path), 200).json().size();
    }
    resetStatements();
    List<Double> samples = new ArrayList<>();
    for (int i = 0; i < taskQuerySamples; i++) {
      long q0 = System.nanoTime();
      BenchHttp.expect(http.get("verifier", path), 200);
      samples.add((System.nanoTime() - q0) / 1e6);
    }
    try (Connection c = db.connect(db.url("bench_app"))) {
      statementsReport(c, taskQueryStatements, 8);
    }
    Map<String, Object> tq = new LinkedHashMap<>();
    tq.put("p50", round(percentile(samples, 50), 1));
    tq.put("p95", round(percentile(samples, 95), 1));
    results.put("task_query_ms", tq);
    say("task query: " + tq + " (" + returned + " tasks per page)");
    how.put("task_query_ms", "GET " + path + " as `verifier` (HTTP Basic, engine authorization on; the same query "
        + "Tasklist's group filter runs), returning " + returned + " tasks, with " + open + " open verification tasks and "
        + completed + " completed requests in history. " + openBefore + " open and " + closedBefore + " completed "
        + "were real (from the runs above); the rest are copies of real ones made in SQL with fresh ids (runtime "
        + "rows: execution, task, candidate-group link, the group's task authorization, variables; history: procinst, actinst, taskinst, varinst), "
        + "then ANALYZE. 20 warm-up queries, then " + samples.size() + " sequential samples, client-side time."
        + (quick ? " QUICK run: " + openTasksTarget + " open / " + completedTarget + " completed instead of 10,000 / 100,000." : ""));
  }

  // ---------------------------------------------------------------- report

  void report() throws Exception {
    Map<String, Object> rep = new LinkedHashMap<>();
    Map<String, String> schemas = new LinkedHashMap<>();
    int sections = 0;
    try (Connection c = db.connect(db.url("bench_app")); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS bench_report");
      String quarterFrom;
      String quarterTo;
      try (ResultSet rs = s.executeQuery("SELECT (date_trunc('quarter', now() AT TIME ZONE 'UTC') - interval '3 months')::date, "
          + "(date_trunc('quarter', now() AT TIME ZONE 'UTC') - interval '1 day')::date")) {
        rs.next();
        quarterFrom = rs.getString(1);
        quarterTo = rs.getString(2);
      }
      for (int rows : new int[] {reportSmall, reportLarge}) {
        String table = "bench_report.entries_" + rows;
        long t0 = System.nanoTime();
        s.execute("DROP TABLE IF EXISTS " + table);
        s.execute("CREATE TABLE " + table + " (LIKE public.transparency_entry INCLUDING ALL)");
        // Ten years of entries, evenly spread, ending now; codes cycle as in real requests.
        s.execute("INSERT INTO " + table + " (seq, recorded_at, process, reference, event_type, agency, request_type,"
            + " access_category, decision, legal_basis, actor_role, private_digest, actor_user, record_id, private_salt)"
            + " SELECT g, now() - interval '10 years' + (g * (interval '10 years' / " + rows + ")), 'federal-request',"
            + " 'FR-' || (2016 + (g / 7) / 100000) || '-' || lpad(((g / 7) % 100000)::text, 5, '0'),"
            + " (ARRAY['RECEIVED','CLASSIFIED','WARRANT_VERIFIED','DECIDED','RESPONDED','PERSON_NOTIFIED','CLOSED'])[1 + g % 7],"
            + " (ARRAY['ICE_ERO','ICE_HSI','CBP','USMS','FBI'])[1 + (g / 7) % 5],"
            + " (ARRAY['DETAINER','ADMINISTRATIVE_WARRANT','JUDICIAL_WARRANT','RECORDS_REQUEST','INTERVIEW_REQUEST'])[1 + (g / 7) % 5],"
            + " CASE WHEN g % 7 >= 1 THEN 'HOLD_NOTIFICATION_TRANSFER' END,"
            + " CASE WHEN g % 7 >= 3 THEN (ARRAY['DECLINE','COMPLY','COMPLY_LIMITED'])[1 + (g / 7) % 3] END,"
            + " CASE WHEN g % 7 >= 3 THEN 'SB54_7284_6_A1B' END,"
            + " 'police-desk', md5(g::text) || md5((g + 1)::text), 'desk', NULL, '\\x00'::bytea"
            + " FROM generate_series(1, " + rows + ") g");
        s.execute("ANALYZE " + table);
        // The report's own tables, filled from these entries exactly as the migrations V51/V52/V70/V80 fill them
        // from existing entries (the triggers keep them the same way on each append).
        String schema = "bench_report_" + rows;
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        s.execute("CREATE SCHEMA " + schema);
        s.execute("CREATE TABLE " + schema + ".transparency_daily_count (LIKE public.transparency_daily_count INCLUDING ALL)");
        s.execute("CREATE TABLE " + schema + ".transparency_request_summary (LIKE public.transparency_request_summary "
            + "INCLUDING ALL)");
        s.execute("CREATE TABLE " + schema + ".transparency_complaint_summary (LIKE "
            + "public.transparency_complaint_summary INCLUDING ALL)");
        s.execute("INSERT INTO " + schema + ".transparency_daily_count (day, process, event_type, agency, request_type, "
            + "access_category, decision, n) SELECT (recorded_at AT TIME ZONE 'UTC')::date, process, event_type, "
            + "coalesce(agency, ''), coalesce(request_type, ''), coalesce(access_category, ''), coalesce(decision, ''), "
            + "count(*) FROM " + table + " GROUP BY 1, 2, 3, 4, 5, 6, 7");
        s.execute("INSERT INTO " + schema + ".transparency_request_summary (reference, received_day, received_at) "
            + "SELECT reference, (min(recorded_at) AT TIME ZONE 'UTC')::date, min(recorded_at) FROM " + table
            + " WHERE event_type = 'RECEIVED' GROUP BY reference");
        s.execute("UPDATE " + schema + ".transparency_request_summary s SET decided_at = d.recorded_at, "
            + "decision = d.decision FROM (SELECT DISTINCT ON (reference) reference, recorded_at, decision FROM " + table
            + " WHERE event_type = 'DECIDED' AND decision IS NOT NULL AND decision <> 'REQUEST_INFO' "
            + "ORDER BY reference, seq) d WHERE s.reference = d.reference");
        // The monthly rollups (V80) from those, by the very function the migration backfills them with; its
        // table names resolve through the search path, so to this schema's tables.
        s.execute("CREATE TABLE " + schema + ".transparency_monthly_count (LIKE public.transparency_monthly_count "
            + "INCLUDING ALL)");
        s.execute("CREATE TABLE " + schema + ".transparency_outcome_count (LIKE public.transparency_outcome_count "
            + "INCLUDING ALL)");
        s.execute("SET search_path TO " + schema + ", public");
        s.execute("SELECT transparency_rebuild_rollups()");
        s.execute("RESET search_path");
        for (String t : List.of("transparency_daily_count", "transparency_request_summary",
            "transparency_complaint_summary", "transparency_monthly_count", "transparency_outcome_count")) {
          s.execute("ANALYZE " + schema + "." + t);
        }
        double seedS = (System.nanoTime() - t0) / 1e9;
        // What the report reads for a quarter (whole months, so no daily rows), and what it used to read.
        long monthRows = single(c, "SELECT count(*) FROM " + schema + ".transparency_monthly_count WHERE month "
            + "BETWEEN '" + quarterFrom + "' AND '" + quarterTo + "'");
        long outcomeRows = single(c, "SELECT count(*) FROM " + schema + ".transparency_outcome_count WHERE grain = 'M' "
            + "AND period_start BETWEEN '" + quarterFrom + "' AND '" + quarterTo + "'");
        long dayRows = single(c, "SELECT count(*) FROM " + schema + ".transparency_daily_count WHERE day BETWEEN '"
            + quarterFrom + "' AND '" + quarterTo + "'");
        long summaryRows = single(c, "SELECT count(*) FROM " + schema + ".transparency_request_summary WHERE "
            + "received_day BETWEEN '" + quarterFrom + "' AND '" + quarterTo + "'");
        long inQuarter = single(c, "SELECT count(*) FROM " + table + " WHERE (recorded_at AT TIME ZONE 'UTC')::date "
            + "BETWEEN '" + quarterFrom + "' AND '" + quarterTo + "'");
        String key = rows == reportSmall ? "10k" : "1M";
        schemas.put(key, schema);
        say("report tables over " + rows + " entries seeded in " + round(seedS, 1) + " s (" + inQuarter + " entries in "
            + "the quarter, read as " + monthRows + " monthly-count rows and " + outcomeRows + " outcome rows, instead "
            + "of " + dayRows + " daily-count rows and " + summaryRows + " request summaries)");
        how.put("report_ms." + key, rows + " entries over 10 years in a copy of transparency_entry, quarter "
            + quarterFrom + " .. " + quarterTo + " = " + inQuarter + " entries, read as " + monthRows
            + " monthly-count rows and " + outcomeRows + " monthly outcome-and-duration rows in 2 statements (the "
            + "quarter's " + dayRows + " daily-count rows and " + summaryRows + " request summaries are not read).");
      }
      // The public report service itself (what /transparency and its CSV/JSON show), one connection per size whose
      // search path is its schema. The sizes take turns (the first size alternating), so that JIT warm-up and the
      // machine's load at the time fall on both alike and the ratio compares like with like.
      Map<String, TransparencyReports> services = new LinkedHashMap<>();
      Map<String, List<Double>> samples = new LinkedHashMap<>();
      List<Connection> open = new ArrayList<>();
      try {
        for (Map.Entry<String, String> e : schemas.entrySet()) {
          Connection rc = db.connect(db.url("bench_app"));
          open.add(rc);
          try (Statement rs = rc.createStatement()) {
            rs.execute("SET search_path TO " + e.getValue());
          }
          services.put(e.getKey(), new TransparencyReports(new JdbcTemplate(new SingleConnectionDataSource(rc, true))));
          samples.put(e.getKey(), new ArrayList<>());
        }
        LocalDate from = LocalDate.parse(quarterFrom);
        LocalDate to = LocalDate.parse(quarterTo);
        List<String> keys = new ArrayList<>(services.keySet());
        for (int i = 0; i < 50; i++) {
          for (int k = 0; k < keys.size(); k++) {
            String key = keys.get((i + k) % keys.size());
            long q0 = System.nanoTime();
            sections = services.get(key).report(from, to).sections().size();
            if (i >= 10) {
              samples.get(key).add((System.nanoTime() - q0) / 1e6);
            }
          }
        }
      } finally {
        for (Connection rc : open) {
          rc.close();
        }
      }
      for (Map.Entry<String, List<Double>> e : samples.entrySet()) {
        rep.put(e.getKey(), round(percentile(e.getValue(), 50), 2));
        say("report (" + e.getKey() + "): " + rep.get(e.getKey()) + " ms p50, p90 "
            + round(percentile(e.getValue(), 90), 2) + " ms");
      }
    }
    results.put("report_ms", rep);
    how.put("report_ms", "The public report service (TransparencyReports.report, the data of /transparency and its CSV "
        + "and JSON) for the previous calendar quarter, called in the benchmark JVM over JDBC: it reads "
        + "the monthly rollups that triggers keep with each append (counts per month and code combination; requests "
        + "per month of receipt, final decision and rounded hours to it), never the log or one row per request. "
        + "The sizes take turns on their own connections: 10 warm-up reports of each, then the median of 40 each ("
        + sections + " sections).");
  }

  // ---------------------------------------------------------------- verification

  void verify() throws Exception {
    // The export as GET /api/transparency/export writes it (ExportFormat lines with the recorded leaf hash), a
    // checkpoint over it signed with a fresh Ed25519 key, then the real offline verifier (verify-log) over them.
    Path export = out.resolve("export.jsonl");
    List<byte[]> leaves = new ArrayList<>();
    try (Connection c = db.connect(db.url("bench_app")); BufferedWriter w = Files.newBufferedWriter(export)) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("SELECT seq, recorded_at, process, reference, event_type, agency,"
          + " request_type, access_category, decision, legal_basis, actor_role, private_digest FROM bench_report.entries_"
          + reportLarge + " WHERE seq <= ? ORDER BY seq")) {
        ps.setFetchSize(5000);
        ps.setLong(1, exportEntries);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            TransparencyEntry e = new TransparencyEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getString(12));
            byte[] leaf = LeafFormat.leafHash(e);
            leaves.add(leaf);
            w.write(ExportFormat.line(e, leaf));
            w.newLine();
          }
        }
      }
      c.commit();
    }
    KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Checkpoint checkpoint = TestCheckpoints.sign("bench", leaves.size(), Merkle.root(leaves), Instant.now(), "bench",
        key.getPrivate());
    List<byte[]> lines = new ArrayList<>();
    for (String line : Files.readAllLines(export, StandardCharsets.UTF_8)) {
      lines.add(line.getBytes(StandardCharsets.UTF_8));
    }
    int n = lines.size();
    int[] lengths = new int[n];
    for (int i = 0; i < n; i++) {
      lengths[i] = lines.get(i).length;
    }
    // The verifier's code is larger than the reference's loop and is compiled later: both run unmeasured first,
    // about 200,000 lines each, so that neither is timed in the interpreter.
    int warmUp = Math.max(2, 200_000 / n);
    double bestSha = 0;
    double bestShaInMemory = 0;
    double bestVerify = 0;
    LogVerifier.Result result = null;
    for (int round = -warmUp; round < 5; round++) {
      long t0 = System.nanoTime();
      byte sink = shaPerLine(export, lengths);
      double sha = n / ((System.nanoTime() - t0) / 1e9);
      t0 = System.nanoTime();
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (byte[] line : lines) {
        byte[] d = md.digest(line);
        sink ^= d[0];
      }
      double shaInMemory = n / ((System.nanoTime() - t0) / 1e9);
      t0 = System.nanoTime();
      result = OfflineVerifier.verify(export, checkpoint, key.getPublic());
      double verify = n / ((System.nanoTime() - t0) / 1e9);
      blackhole = sink;
      if (!result.ok()) {
        throw new IllegalStateException("the verifier rejected the benchmark's export: " + result.describe());
      }
      if (round >= 0) {
        bestSha = Math.max(bestSha, sha);
        bestShaInMemory = Math.max(bestShaInMemory, shaInMemory);
        bestVerify = Math.max(bestVerify, verify);
      }
    }
    results.put("verify_entries_per_s", Math.round(bestVerify));
    results.put("sha256_entries_per_s", Math.round(bestSha));
    results.put("sha256_in_memory_entries_per_s", Math.round(bestShaInMemory));
    say("verify: " + Math.round(bestVerify) + " entries/s, bare SHA-256: " + Math.round(bestSha) + " entries/s ("
        + Math.round(bestShaInMemory) + " from memory) over " + n + " entries (" + result.describe() + ")");
    how.put("verify_entries_per_s", "The offline verifier of verify-log (OfflineVerifier.verify: read the file, parse "
        + "each line, recompute its leaf hash, check order and timestamps, Merkle root against a signed checkpoint) "
        + "over the " + n + " first entries of the 1M-entry log exported as GET /api/transparency/export writes them ("
        + Files.size(export) + " bytes, file in the page cache), in the benchmark JVM (no JVM start-up). Best of 5 "
        + "rounds after " + warmUp + " unmeasured ones.");
    how.put("sha256_entries_per_s", "Bare SHA-256 over each of the same " + n + " lines (one digest per entry, into "
        + "one reused array), reading the same file the same way as the verifier (an InputStream, blocks of "
        + OfflineVerifier.READ_BLOCK + " bytes); the line boundaries are known beforehand, so it pays for I/O and "
        + "hashing only. Best of 5 rounds after the same warm-up, interleaved with the verifier.");
    how.put("sha256_in_memory_entries_per_s", "For information: the same digests over the lines already in memory "
        + "(one byte[] each, a new digest array each), no I/O; the verifier's budget is against the file-reading "
        + "reference above.");
  }

  /** Where the reference loops' digests go, so that the JIT cannot drop them as unused. */
  static volatile byte blackhole;

  /** One SHA-256 per line of the file, read as the verifier reads it; {@code lengths} exclude the newline. */
  static byte shaPerLine(Path file, int[] lengths) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] out = new byte[32];
    byte[] buf = new byte[OfflineVerifier.READ_BLOCK];
    int start = 0;
    int end = 0;
    byte sink = 0;
    try (java.io.InputStream in = Files.newInputStream(file)) {
      for (int length : lengths) {
        while (end - start < length + 1) {
          if (start > 0) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            start = 0;
          }
          if (end == buf.length) {
            buf = java.util.Arrays.copyOf(buf, buf.length * 2);
          }
          int read = in.read(buf, end, buf.length - end);
          if (read < 0) {
            throw new IllegalStateException("the export ended early");
          }
          end += read;
        }
        sha.update(buf, start, length);
        sha.digest(out, 0, 32);
        sink ^= out[0];
        start += length + 1;
      }
    }
    return sink;
  }

  // ---------------------------------------------------------------- two nodes

  /** Null when the cluster phase did not run. */
  private Boolean clusterOk;

  void cluster() {
    ClusterCheck check = new ClusterCheck(db, out, port, quick ? 24 : 80, this::say);
    try {
      check.run();
    } catch (Exception e) {
      check.findings.add("cluster: the check stopped: " + e);
    }
    clusterOk = check.findings.isEmpty() && check.ok;
    results.put("cluster", check.figures);
    how.put("cluster", check.how == null ? "See ClusterCheck; the check stopped before its figures were complete."
        : check.how);
    findings.addAll(check.findings);
  }

  // ---------------------------------------------------------------- soak

  private final List<String[]> soakBudgets = new ArrayList<>();

  void soak() throws Exception {
    Soak.Settings settings = soakSettings(quick);
    say("soak: " + settings + ", series in " + out.resolve("soak.tsv"));
    Soak.Outcome o = new Soak(db, app.pid(), port, out, settings, this::say).run();
    results.put("soak", o.figures());
    how.put("soak", o.how());
    soakBudgets.addAll(o.budgets());
    findings.addAll(o.findings());
    say("soak: " + o.figures());
  }

  // ---------------------------------------------------------------- memory

  private boolean appSurvived;
  private boolean oomInLog;

  void peakRss() throws Exception {
    appSurvived = app.isAlive();
    long kb = -1;
    for (String line : Files.readAllLines(Path.of("/proc/" + app.pid() + "/status"))) {
      if (line.startsWith("VmHWM:")) {
        kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    results.put("peak_rss_mb", Math.round(kb / 1024.0));
    oomInLog = Files.readString(out.resolve("app.log")).contains("OutOfMemoryError");
    how.put("peak_rss_mb", "VmHWM (peak resident set) from /proc/" + app.pid() + "/status of the application JVM "
        + "(-Xmx384m -XX:+ExitOnOutOfMemoryError) at the end of the run, after every phase above.");
    say("application peak RSS " + results.get("peak_rss_mb") + " MB, alive " + appSurvived + ", OOM in log " + oomInLog);
  }

  // ---------------------------------------------------------------- helpers

  record Rate(double perSecond, long count, double seconds, long errors, String firstError, CpuMeter.Usage cpu) {
    @Override
    public String toString() {
      return String.format("%.2f/s (%d in %.1f s, %d errors)", perSecond, count, seconds, errors);
    }
  }

  static final int MIN_SAMPLE = 10;

  /** A figure of cpu_ms_per_instance, NaN if that run did not happen. */
  double cpu(String run, String field) {
    return cpuPerInstance.get(run) instanceof Map<?, ?> m && m.get(field) instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  /**
   * Runs the operation on 4 threads in slices until the JVM that executes it (pid) is warm: its JIT compiler
   * threads used under 5 % of its CPU in the last slice. A server lives for weeks; its steady state is what the
   * budgets are about, and a large application (Spring, Camunda, Hibernate, Jersey) takes minutes on 2 cores to get
   * there, while the JIT's own CPU competes with the load.
   */
  void jitWarmUp(String what, long pid, IntFunction<Runnable> perThread) throws Exception {
    long t0 = System.nanoTime();
    List<String> slices = new ArrayList<>();
    while (true) {
      double[] a = CpuMeter.jitAndTotalMs(pid);
      Rate r = throughput(4, Duration.ofSeconds(1), Duration.ofSeconds(jitSliceS), perThread);
      double[] b = CpuMeter.jitAndTotalMs(pid);
      double share = (b[1] - a[1]) <= 0 ? 0 : (b[0] - a[0]) / (b[1] - a[1]);
      slices.add(String.format(java.util.Locale.ROOT, "%.1f/s JIT %.0f%%", r.perSecond(), share * 100));
      double elapsed = (System.nanoTime() - t0) / 1e9;
      if (share < 0.05 || elapsed + jitSliceS > jitWarmMaxS) {
        String line = String.format(java.util.Locale.ROOT, "%.0f s on 4 threads, slices of %d s: %s", elapsed,
            jitSliceS, String.join(", ", slices));
        jitWarmUps.put(what, line);
        say(what + " JIT warm-up: " + line);
        return;
      }
    }
  }

  Rate throughput(int threads, Duration warm, Duration measure, IntFunction<Runnable> perThread) throws Exception {
    return throughput(threads, warm, measure, perThread, new AtomicBoolean());
  }

  /** Runs {@code threads} loops of the operation; counts completions in the window after the warm-up. */
  Rate throughput(int threads, Duration warm, Duration measure, IntFunction<Runnable> perThread,
      AtomicBoolean recording) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong done = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    AtomicReference<String> firstError = new AtomicReference<>();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int i = 0; i < threads; i++) {
        Runnable op = perThread.apply(i);
        pool.submit(() -> {
          while (!stop.get()) {
            try {
              op.run();
              done.incrementAndGet();
            } catch (RuntimeException e) {
              if (errors.incrementAndGet() == 1) {
                firstError.set(e.toString());
              }
              try {
                Thread.sleep(50);
              } catch (InterruptedException ie) {
                return;
              }
            }
          }
        });
      }
      // Warm-up: the given time, and at least two completions per thread (a cold JVM on a loaded machine can need
      // longer), at most a minute more.
      long w0 = System.nanoTime();
      Thread.sleep(warm.toMillis());
      while (done.get() < 2L * threads && System.nanoTime() - w0 < warm.toNanos() + TimeUnit.SECONDS.toNanos(60)) {
        Thread.sleep(100);
      }
      long c0 = done.get();
      long e0 = errors.get();
      long t0 = System.nanoTime();
      CpuMeter.Sample cpu0 = cpu.sample();
      recording.set(true);
      // Measurement: the given time, extended (up to 4x) until at least 10 operations completed in it.
      Thread.sleep(measure.toMillis());
      while (done.get() - c0 < MIN_SAMPLE && System.nanoTime() - t0 < 4 * measure.toNanos()) {
        Thread.sleep(100);
      }
      recording.set(false);
      long c1 = done.get();
      CpuMeter.Sample cpu1 = cpu.sample();
      double s = (System.nanoTime() - t0) / 1e9;
      long e1 = errors.get();
      stop.set(true);
      return new Rate((c1 - c0) / s, c1 - c0, s, e1 - e0, firstError.get(), CpuMeter.between(cpu0, cpu1));
    } finally {
      pool.shutdown();
      if (!pool.awaitTermination(180, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    }
  }

  static long single(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  void say(String line) {
    String l = "[bench " + Duration.between(started, Instant.now()).toSeconds() + "s] " + line;
    System.out.println(l);
    log.add(l);
  }

  // ---------------------------------------------------------------- output

  @SuppressWarnings("unchecked")
  double num(String key, String sub) {
    Object v = results.get(key);
    if (sub != null && v != null) {
      v = ((Map<String, Object>) v).get(sub);
    }
    // Not measured (a -Dbench.only run): NaN fails every comparison, so such a budget shows FAIL.
    return v == null ? Double.NaN : ((Number) v).doubleValue();
  }

  void writeResults(String loadBefore, String loadAfter) throws Exception {
    var json = BenchHttp.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT);
    Files.writeString(out.resolve("results.json"), json.writeValueAsString(results));
    Map<String, Object> runInfo = new LinkedHashMap<>();
    runInfo.put("mode", quick ? "quick" : "full");
    runInfo.put("started", started.toString());
    runInfo.put("database", db.description);
    runInfo.put("load_before", loadBefore);
    runInfo.put("load_after", loadAfter);
    Files.writeString(out.resolve("run-info.json"), json.writeValueAsString(runInfo));

    List<String[]> budgets = new ArrayList<>();
    budgets.add(check("full_vs_baseline.t1 >= 0.7", num("full_vs_baseline", "t1") >= 0.7));
    budgets.add(check("full_vs_baseline.t4 >= 0.7", num("full_vs_baseline", "t4") >= 0.7));
    budgets.add(check("commits_per_instance <= wait_states_per_instance + 1",
        num("commits_per_instance", null) <= num("wait_states_per_instance", null) + 1));
    budgets.add(check("log_append_extra_commits == 0", num("log_append_extra_commits", null) == 0));
    budgets.add(check("intake_latency_ms.p99 <= 150", num("intake_latency_ms", "p99") <= 150));
    budgets.add(check("task_query_ms.p95 <= 100", num("task_query_ms", "p95") <= 100));
    budgets.add(check("report_ms.1M <= 100", num("report_ms", "1M") <= 100));
    budgets.add(check("report_ms.1M / report_ms.10k <= 2",
        num("report_ms", "1M") / num("report_ms", "10k") <= 2));
    budgets.add(check("verify_entries_per_s / sha256_entries_per_s >= 0.5",
        num("verify_entries_per_s", null) / num("sha256_entries_per_s", null) >= 0.5));
    budgets.add(check("cluster: every timer job executed exactly once, every request CLOSED on the other node, log "
        + "gapless and verified", Boolean.TRUE.equals(clusterOk)));
    budgets.add(check("everything runs within a 384 MB heap (app alive, no OutOfMemoryError)", appSurvived && !oomInLog));
    // Only when the soak ran: it is not part of the default run, and a budget it never measured would read FAIL.
    budgets.addAll(soakBudgets);

    StringBuilder md = new StringBuilder();
    md.append("# Benchmark results\n\n");
    md.append("- Run: ").append(quick ? "**QUICK** (`-Dbench.quick`: shorter windows, smaller data; see each figure)" : "full")
        .append(", started ").append(started).append('\n');
    md.append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
        .append(cpuModel()).append(", Java ").append(System.getProperty("java.version")).append('\n');
    md.append("- Database: ").append(db.description).append('\n');
    md.append("- Load average before / after (1, 5, 15 min): `").append(loadBefore).append("` / `").append(loadAfter)
        .append("`. Other builds were running on this machine during the run when these exceed the core count; "
            + "absolute figures are then noisy, the ratios less so.\n");
    md.append("- Application: the packaged jar in its own JVM with `-Xmx384m`; the load generator and the "
        + "baseline engine run in the benchmark JVM (also `-Xmx384m`), on the same cores.\n\n");
    md.append("## Figures\n\n| Figure | Value | How it was measured |\n|---|---|---|\n");
    for (Map.Entry<String, Object> e : results.entrySet()) {
      String h = how.getOrDefault(e.getKey(), e.getKey().equals("cores") ? "Runtime.availableProcessors() (nproc)." : "");
      StringBuilder extra = new StringBuilder();
      how.forEach((k, v) -> {
        if (k.startsWith(e.getKey() + ".")) {
          extra.append(" `").append(k.substring(e.getKey().length() + 1)).append("`: ").append(v);
        }
      });
      md.append("| `").append(e.getKey()).append("` | `").append(json.copy().disable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(e.getValue())).append("` | ").append(h).append(extra).append(" |\n");
    }
    md.append("\n## Budgets\n\n| Budget | Result |\n|---|---|\n");
    for (String[] b : budgets) {
      md.append("| ").append(b[0]).append(" | **").append(b[1]).append("** |\n");
    }
    md.append("\n## Findings\n\n");
    if (num("report_ms", "1M") / num("report_ms", "10k") > 2) {
      findings.add("report_ms grows more than twofold from 10k to 1M entries, although the report reads only "
          + "monthly rollups whose rows are set by the quarter's months and code combinations, not by its requests "
          + "(row counts under report_ms: compare them for the two sizes). The 10k report takes a few milliseconds, "
          + "so on a loaded machine (see the load average above) scheduling noise alone can move the ratio: rerun "
          + "before reading more into it.");
    }
    if (num("full_vs_baseline", "t1") < 0.7 || num("full_vs_baseline", "t4") < 0.7) {
      findings.add(String.format(java.util.Locale.ROOT, "full_vs_baseline below 0.7. On 4 threads both runs are "
              + "CPU-bound (cores_busy in cpu_ms_per_instance), so the ratio is about the inverse ratio of CPU per "
              + "instance: a complete request used %.1f ms (application %.1f, of which JIT %.1f and GC %.1f; "
              + "PostgreSQL %.1f; load generator %.1f), the bare engine %.1f ms (its JVM %.1f, PostgreSQL %.1f). "
              + "One request at a time (the counted run) a request took %.1f ms of client time in %d HTTP calls (step "
              + "table below), the bare engine %.1f ms per instance. The baseline runs the engine in-process: no "
              + "HTTP, no authentication or engine authorization checks, no process variables (a request keeps "
              + "%s, each written to ACT_RU_VARIABLE and ACT_HI_VARINST and rewritten with the removal "
              + "time when the request closes), no decision tables and their history, no JPA entities, no "
              + "transparency entries and no encryption. %s The application's CPU profile (JFR, -Dbench.appJvmArgs) "
              + "is spread over the engine's MyBatis mapping (building each statement's SQL from its dynamic XML is "
              + "about a quarter, most of it for the task query and the authorization check; profile of 2026-11-27 "
              + "10:05), Hibernate, Spring, Jersey, Tomcat and the JDBC driver, with no single hot spot left.%s",
          cpu("full_flow_t4", "total"), cpu("full_flow_t4", "application"), cpu("full_flow_t4", "application_jit"),
          cpu("full_flow_t4", "application_gc"), cpu("full_flow_t4", "postgres"), cpu("full_flow_t4", "load_generator"),
          cpu("baseline_t4", "total"), cpu("baseline_t4", "benchmark_jvm"), cpu("baseline_t4", "postgres"),
          stepTotalMs, CALLS_PER_REQUEST, 1000.0 / num("baseline_instances_per_s", "t1"),
          Double.isNaN(variablesPerInstance) ? "several" : String.valueOf(Math.round(variablesPerInstance)),
          statementTotals, httpCeilingSentence()));
    }
    if (num("task_query_ms", "p95") > 100 && !taskQueryStatements.isEmpty()) {
      findings.add("task_query_ms.p95 above 100 ms. With authorization on, the engine's task query (first row of the "
          + "task-query statements below) LEFT JOINs ACT_RU_AUTHORIZATION ON AUTH.RESOURCE_ID_ IN (RES.ID_, D.KEY_, '*'), "
          + "and the engine keeps one TASK authorization per candidate group of every open task. PostgreSQL can run "
          + "a join on that OR only as a nested loop; it estimates PERMS_ & n = n at 0.5 %, expects a handful of "
          + "authorization rows, and rescans a materialized copy of all of the group's task authorizations for every "
          + "task, then sorts every visible task before LIMIT 50 (EXPLAIN ANALYZE at 10,000 open tasks: 99,990,000 "
          + "rows removed by the join filter, 45-50 s per query). platform.TaskQueryPlanning therefore sets "
          + "enable_material off inside task-query transactions, so each task's authorizations are looked up "
          + "through the engine's index on RESOURCE_ID_, and adds the index app_idx_task_due_date, so the page is "
          + "read in due-date order and the query stops after it (about 10 ms at 10,000 open tasks). If the mean "
          + "time of that first row is still close to the client time, EXPLAIN it: a Materialize under the "
          + "authorization join or a Sort over all tasks means the fix is not in effect. If it is small, the rest "
          + "is HTTP, authentication, JSON and other processes on the same cores. authorizationCheckRevokes is no "
          + "lever: with no REVOKE authorizations the default (auto) already generates this join, and 'always' "
          + "replaces it with per-task subqueries that the planner misjudges the same way.");
    }
    if (topStatements.stream().limit(3).anyMatch(l -> l.contains("transparency_head"))) {
      findings.add("The transparency-log write (UPDATE transparency_head ... INSERT transparency_entry) is still among "
          + "the top statements by database time. The entries are queued during the step and written in beforeCommit, "
          + "so the head row is locked only from that statement to the commit (including the WAL fsync), not for the "
          + "step's work; what remains is lock wait behind other transactions' commits. Gapless numbers in commit "
          + "order need that serialization; see the statement's mean time below.");
    }
    if (num("verify_entries_per_s", null) / num("sha256_entries_per_s", null) < 0.5) {
      findings.add("verify/sha256 below 0.5: the offline verifier reads and parses each line and hashes the leaf data "
          + "and the Merkle tree (about two SHA-256 per entry) where the reference hashes each line once.");
    }
    if (num("intake_latency_ms", "p99") > 150) {
      // The tail as measured; the mean follows from the rate (Little's law), the p99 from the tail.
      double tail = num("intake_latency_ms", "p99") / num("intake_latency_ms", "p50");
      findings.add(String.format(java.util.Locale.ROOT, "intake_latency_ms.p99 above 150 ms with 16 clients. The 16 "
              + "clients send back to back, so the mean latency is the clients divided by the throughput (Little's "
              + "law): %.1f intakes/s gives %.0f ms. Intakes do not wait for each other (references come from a "
              + "sequence; the log head is locked only through the commit): the 2 cores are busy (cores_busy %.2f), "
              + "an intake using %.1f ms of CPU (application %.1f, PostgreSQL %.1f, load generator %.1f). With "
              + "this run's tail (p99 %.2f times the p50), a p99 of 150 ms needs a p50 near %.0f ms, so about %.0f "
              + "intakes/s from these 16 clients, or %.1f ms of CPU per intake on these cores; one intake alone takes "
              + "%.1f ms of client time.", intakeRate, 16000.0 / intakeRate, cpu("intake", "cores_busy"),
          cpu("intake", "total"), cpu("intake", "application"), cpu("intake", "postgres"),
          cpu("intake", "load_generator"), tail, 150 / tail, 16000.0 / (150 / tail),
          cpu("intake", "total") * intakeRate / (16000.0 / (150 / tail)), intakeAloneMs));
    }
    if (findings.isEmpty()) {
      md.append("No budget failed.\n");
    }
    for (String f : findings) {
      md.append("- ").append(f).append('\n');
    }
    md.append("\n### Where a full request's time goes (the counted run: one client, one request at a time)\n\n");
    md.append("| step | calls | mean ms | ms per instance |\n|---|---|---|---|\n");
    for (String s : stepBreakdown) {
      md.append(s).append('\n');
    }
    md.append("\n### Statements by total time (pg_stat_statements, database bench_app, the counted run)\n\n");
    if (!statementTotals.isEmpty()) {
      md.append(statementTotals).append("\n\n");
    }
    md.append("| calls | total ms | mean ms | rows | query |\n|---|---|---|---|---|\n");
    for (String s : topStatements) {
      md.append(s).append('\n');
    }
    md.append("\n### Statements during the task-query samples (pg_stat_statements, reset before the samples)\n\n");
    md.append("Compare their mean time with the client-side task_query_ms: the difference is HTTP, authentication "
        + "(HTTP Basic, checked against Camunda's identity service at most every 30 s per user), authorization and JSON.\n\n");
    md.append("| calls | total ms | mean ms | rows | query |\n|---|---|---|---|---|\n");
    for (String s : taskQueryStatements) {
      md.append(s).append('\n');
    }
    if (!intakeTimeline.isEmpty()) {
      md.append("\n### Intake timeline (intake_latency_ms window, by the second each request started)\n\n");
      md.append("| second | intakes started | p50 ms | max ms | slower than the window's p99 | autovacuum: samples "
          + "with a worker busy, and on what |\n|---|---|---|---|---|---|\n");
      for (String row : intakeTimeline) {
        md.append(row).append('\n');
      }
    }
    md.append("\n## Log of the run\n\n```\n");
    for (String l : log) {
      md.append(l).append('\n');
    }
    md.append("```\n");
    Files.writeString(out.resolve("results.md"), md.toString());
    System.out.println(md);
  }

  static String[] check(String name, boolean ok) {
    return new String[] {name, ok ? "PASS" : "FAIL"};
  }

  static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
    } catch (Exception e) {
      return "unknown CPU";
    }
  }
}
