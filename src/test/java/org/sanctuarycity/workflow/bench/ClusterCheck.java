package org.sanctuarycity.workflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Two application nodes on one database, both with the job executor on: Camunda 7's own cluster mode (the
 * engines share the ACT_ tables and lock jobs there), nothing added by the application.
 *
 * <p>Node A is the suite's application; this starts node B, the same jar with the same settings and database,
 * on its own port, and with its own engine host name so that the engine's job log tells the nodes apart. Each
 * request is posted on one node and taken task by task to CLOSED on the other, alternating. The flow's own
 * timers are the jobs: the legal-review overdue timer (the request is posted as received ten days ago, so the
 * timer is already due when verification on the other node creates it, and that node's job executor is woken
 * at commit) and, for every second decided request, the reply-deadline timer after a REQUEST_INFO decision
 * (made due by setting its due date in SQL, so whichever executor polls first takes it). The BPMN has no
 * asyncBefore/asyncAfter, so these timers are all the jobs the flow makes.
 *
 * <p>Exactly once is read from the engine (ACT_HI_JOB_LOG: one successful execution per job, and which host ran
 * it) and from the application's effects (one ESCALATED and one automatic decline entry per timer, the log
 * gapless and verified against a checkpoint both nodes signed at the same moment).
 */
final class ClusterCheck {

  static final String NODE_B = "bench-node-b";
  private static final long JOB_WAIT_MS = 240_000;

  private final BenchDatabase db;
  private final Path out;
  private final int portA;
  private final int requests;
  private final Consumer<String> say;

  final Map<String, Object> figures = new LinkedHashMap<>();
  final List<String> findings = new ArrayList<>();
  String how;
  boolean ok;

  private Process nodeB;

  ClusterCheck(BenchDatabase db, Path out, int portA, int requests, Consumer<String> say) {
    this.db = db;
    this.out = out;
    this.portA = portA;
    this.requests = requests;
    this.say = say;
  }

  void run() throws Exception {
    try (Connection c = db.connect(db.url("bench_app"))) {
      long deployments0 = BenchSuite.single(c, "SELECT count(*) FROM act_re_deployment");
      long definitions0 = BenchSuite.single(c, "SELECT count(*) FROM act_re_procdef");
      long migrations0 = BenchSuite.single(c, "SELECT count(*) FROM app_schema_history");
      int portB = startNodeB();
      try {
        figures.put("node_b_added_deployments", BenchSuite.single(c, "SELECT count(*) FROM act_re_deployment") - deployments0);
        figures.put("node_b_added_process_definitions", BenchSuite.single(c, "SELECT count(*) FROM act_re_procdef")
            - definitions0);
        figures.put("node_b_added_migrations", BenchSuite.single(c, "SELECT count(*) FROM app_schema_history") - migrations0);
        drive(c, new BenchHttp(portA), new BenchHttp(portB));
        List<String> acquiring = new ArrayList<>();
        if (logMentionsJobAcquisition(out.resolve("app.log"))) {
          acquiring.add("A");
        }
        if (logMentionsJobAcquisition(out.resolve("app-node-b.log"))) {
          acquiring.add("B");
        }
        figures.put("job_executor_acquiring_on", acquiring);
      } finally {
        stopNodeB();
      }
    }
  }

  // ---------------------------------------------------------------- node B

  private int startNodeB() throws Exception {
    String jar = System.getProperty("bench.appJar");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    // Same jar, profile, database and working directory (so the same demo log key file) as node A.
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:+ExitOnOutOfMemoryError", "-jar", jar,
        "--server.port=" + port,
        "--spring.profiles.active=demo",
        "--spring.datasource.url=" + db.url("bench_app"),
        "--spring.datasource.username=" + db.user,
        "--spring.datasource.password=" + db.password,
        "--camunda.bpm.generic-properties.properties.hostname=" + NODE_B));
    // -Dbench.nodeBArgs="--camunda.bpm.job-execution.enabled=false" shows what the check reports for a node that
    // does not take part (it must then fail).
    String extra = System.getProperty("bench.nodeBArgs", "").trim();
    if (!extra.isEmpty()) {
      cmd.addAll(List.of(extra.split("\\s+")));
    }
    long t0 = System.nanoTime();
    nodeB = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.resolve("app-node-b.log").toFile())
        .start();
    BenchHttp.awaitReady(nodeB, port, "node B", out.resolve("app-node-b.log"));
    long ms = (System.nanoTime() - t0) / 1_000_000;
    figures.put("node_b_start_ms", ms);
    say.accept("cluster: node B (pid " + nodeB.pid() + ", engine host name " + NODE_B + ") ready on port " + port
        + " after " + ms + " ms, same database as node A (port " + portA + ")");
    return port;
  }

  private void stopNodeB() throws Exception {
    if (nodeB != null && nodeB.isAlive()) {
      nodeB.destroy();
      if (!nodeB.waitFor(60, TimeUnit.SECONDS)) {
        nodeB.destroyForcibly();
      }
    }
  }

  // ---------------------------------------------------------------- the requests

  /** One request's route: posted on {@code start}, every later step on {@code finish}. */
  private record Route(int index, BenchHttp start, BenchHttp finish, boolean startOnA, boolean awaitReply,
      String[] reference) {}

  private void drive(Connection c, BenchHttp a, BenchHttp b) throws Exception {
    String[] keyIds = {keyId(a), keyId(b)};
    if (!keyIds[0].equals(keyIds[1])) {
      findings.add("cluster: the nodes sign with different transparency log keys (" + keyIds[0] + " / " + keyIds[1]
          + "); a checkpoint signed by one would not verify against the other's public key.");
    }
    long seq0 = BenchSuite.single(c, "SELECT coalesce(max(seq), 0) FROM transparency_entry");
    List<Route> routes = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      boolean startOnA = i % 2 == 0;
      // Every second pair waits for the agency's reply after REQUEST_INFO, so both nodes decide some of each.
      routes.add(new Route(i, startOnA ? a : b, startOnA ? b : a, startOnA, (i / 2) % 2 == 1, new String[1]));
    }
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      forAll(pool, routes, r -> {
        Map<String, Object> body = FederalRequestDriver.newRequest("cluster-" + r.index());
        // Received ten days ago: the decision is overdue, so the legal review's timer is due when it is created.
        body.put("receivedAt", OffsetDateTime.now(ZoneOffset.UTC).minusDays(10).toString());
        String key = UUID.randomUUID().toString();
        r.reference()[0] = BenchHttp.expect(r.start().post("desk", "/api/requests", body,
            Map.of("Idempotency-Key", key)), 201).json().get("reference").asText();
      });
      List<String> refs = routes.stream().map(r -> r.reference()[0]).toList();
      forAll(pool, routes, r -> r.finish().complete("verifier", r.finish().openTaskId("verifier", r.reference()[0]),
          FederalRequestDriver.verificationChecks()));
      waitForJobs(c, refs, "escalation timers");
      // Legal review only now: a review completed before its overdue timer ran would cancel the timer.
      forAll(pool, routes, r -> r.finish().complete("attorney", r.finish().openTaskId("attorney", r.reference()[0]),
          r.awaitReply()
              ? Map.of("decision", "REQUEST_INFO", "legalBasis", "ORDINANCE_2025_06", "pii_rationale", "Need the warrant.")
              : Map.of("decision", "DECLINE", "legalBasis", "SB54_7284_6_A1B", "pii_rationale", "Holds are prohibited.")));
      List<String> waiting = routes.stream().filter(Route::awaitReply).map(r -> r.reference()[0]).toList();
      int madeDue;
      try (PreparedStatement ps = c.prepareStatement("UPDATE act_ru_job j SET duedate_ = now() FROM act_ru_execution e"
          + " WHERE e.id_ = j.process_instance_id_ AND e.business_key_ = ANY(?) AND j.type_ = 'timer'")) {
        ps.setArray(1, array(c, waiting));
        madeDue = ps.executeUpdate();
      }
      say.accept("cluster: " + madeDue + " reply-deadline timers made due in SQL (their process waited for the agency)");
      waitForJobs(c, refs, "reply-deadline timers");
      forAll(pool, routes, r -> {
        BenchHttp h = r.finish();
        h.complete("desk", h.openTaskId("desk", r.reference()[0]), Map.of("responseMethod", "FAX"));
        h.complete("desk", h.openTaskId("desk", r.reference()[0]),
            Map.of("notificationMethod", "IN_PERSON", "copyGiven", true));
      });
    } finally {
      pool.shutdown();
      pool.awaitTermination(60, TimeUnit.SECONDS);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<String> refs = routes.stream().map(r -> r.reference()[0]).toList();
    long startedOnA = routes.stream().filter(Route::startOnA).count();
    figures.put("requests", routes.size());
    figures.put("started_on_a_finished_on_b", startedOnA);
    figures.put("started_on_b_finished_on_a", routes.size() - startedOnA);
    long closed = count(c, "SELECT count(*) FROM federal_request WHERE status = 'CLOSED' AND reference = ANY(?)", refs);
    figures.put("closed", closed);
    checkpointsOnBothNodes(c, a, b);
    jobFigures(c, refs, routes.size(), (int) routes.stream().filter(Route::awaitReply).count());
    effects(c, refs, waiting(routes), seq0);
    figures.put("verify_on_a", verifyStatus(a));
    figures.put("verify_on_b", verifyStatus(b));
    figures.put("seconds", Math.round(seconds));
    if (closed != routes.size()) {
      findings.add("cluster: only " + closed + " of " + routes.size() + " requests reached CLOSED");
    }
    for (String node : new String[] {"a", "b"}) {
      if (!"OK".equals(figures.get("verify_on_" + node))) {
        findings.add("cluster: GET /api/transparency/verify on node " + node.toUpperCase() + " answered "
            + figures.get("verify_on_" + node));
      }
    }
    for (String k : new String[] {"node_b_added_deployments", "node_b_added_process_definitions",
        "node_b_added_migrations"}) {
      if (((Number) figures.get(k)).longValue() != 0) {
        findings.add("cluster: starting node B on the shared database changed it: " + k + " = " + figures.get(k));
      }
    }
    ok = findings.isEmpty();
    say.accept("cluster: " + figures);
    how = "Node A is the suite's application; node B the same jar (-Xmx384m, demo profile, job executor on as on A) "
        + "started on its own port against the same database bench_app, with "
        + "camunda.bpm.generic-properties.properties.hostname=" + NODE_B + " so the job log names it (A runs as bench-node-a). " + routes.size() + " federal requests, 4 client threads: each posted with "
        + "POST /api/requests on one node (alternating A and B) and every later step (verifier, attorney, desk send, "
        + "desk notify) done on the other until CLOSED. Each was posted as received 10 days ago, so the legal "
        + "review's overdue timer (BoundaryEvent_LegalReviewOverdue) is due when verification creates it; legal review "
        + "waited until all those timers ran. Every second pair was decided REQUEST_INFO and its reply-deadline timer "
        + "(CatchEvent_ReplyDeadline) made due in SQL (UPDATE act_ru_job SET duedate_ = now()), so the next polling "
        + "executor on either node took it and declined the request automatically; the rest were declined by the "
        + "attorney. The flow has no asyncBefore/asyncAfter: `async_jobs` counts any other job of these instances. "
        + "`executions_per_job` = successful executions per job id in ACT_HI_JOB_LOG (state 2), `jobs_by_host` its "
        + "HOSTNAME_, `job_failures` = failed executions (state 1, retried by the engine). `escalated_entries` and "
        + "`no_reply_declines` count the transparency entries those timers wrote; `log_gapless` = the log's sequence "
        + "numbers are 1..max with none missing or doubled after the run; `checkpoints_signed_together` = POST "
        + "/api/transparency/checkpoints sent to both nodes at once (the call the hourly schedule makes), "
        + "`verify_on_a/b` = GET /api/transparency/verify as auditor on each node. `node_b_added_*` = deployments, "
        + "process definitions and Flyway migrations node B's start added to the shared database (expected 0).";
  }

  private static List<String> waiting(List<Route> routes) {
    return routes.stream().filter(Route::awaitReply).map(r -> r.reference()[0]).toList();
  }

  interface Step {
    void run(Route r) throws Exception;
  }

  /** Runs the step for every request on the pool; the first failure fails the check. */
  private static void forAll(ExecutorService pool, List<Route> routes, Step step) throws Exception {
    List<Future<?>> done = new ArrayList<>();
    for (Route r : routes) {
      done.add(pool.submit((Callable<Void>) () -> {
        step.run(r);
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get(300, TimeUnit.SECONDS);
    }
  }

  /** Waits until no job of these requests is left (each ran or failed for good), or the time is up. */
  private void waitForJobs(Connection c, List<String> refs, String what) throws Exception {
    long t0 = System.nanoTime();
    String left = "SELECT count(*) FROM act_ru_job j JOIN act_ru_execution e ON e.id_ = j.process_instance_id_"
        + " WHERE e.business_key_ = ANY(?) AND (j.retries_ > 0 OR j.retries_ IS NULL)";
    long n;
    while ((n = count(c, left, refs)) > 0) {
      if (System.nanoTime() - t0 > TimeUnit.MILLISECONDS.toNanos(JOB_WAIT_MS)) {
        findings.add("cluster: " + n + " " + what + " still waiting after " + JOB_WAIT_MS / 1000 + " s");
        return;
      }
      Thread.sleep(250);
    }
    say.accept("cluster: " + what + " done after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
  }

  // ---------------------------------------------------------------- what the engine and the log say

  private void jobFigures(Connection c, List<String> refs, int escalations, int replyTimers) throws SQLException {
    String ours = " FROM act_hi_job_log l JOIN act_hi_procinst p ON p.id_ = l.process_instance_id_"
        + " WHERE p.business_key_ = ANY(?)";
    long jobs = count(c, "SELECT count(DISTINCT l.job_id_)" + ours, refs);
    long created = count(c, "SELECT count(*)" + ours + " AND l.job_state_ = 0", refs);
    long executed = count(c, "SELECT count(DISTINCT l.job_id_)" + ours + " AND l.job_state_ = 2", refs);
    long failures = count(c, "SELECT count(*)" + ours + " AND l.job_state_ = 1", refs);
    long timers = count(c, "SELECT count(DISTINCT l.job_id_)" + ours + " AND l.job_def_type_ LIKE 'timer%'", refs);
    long[] perJob = new long[] {Long.MAX_VALUE, 0};
    long twice = 0;
    try (PreparedStatement ps = c.prepareStatement("SELECT l.job_id_, count(*) FILTER (WHERE l.job_state_ = 2)"
        + ours + " GROUP BY l.job_id_")) {
      ps.setArray(1, array(c, refs));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long ran = rs.getLong(2);
          perJob[0] = Math.min(perJob[0], ran);
          perJob[1] = Math.max(perJob[1], ran);
          if (ran > 1) {
            twice++;
          }
        }
      }
    }
    Map<String, Object> byHost = new LinkedHashMap<>();
    Map<String, Object> byActivity = new LinkedHashMap<>();
    for (String[] q : new String[][] {{"l.hostname_", "host"}, {"l.act_id_", "activity"}}) {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + q[0] + ", count(*)" + ours + " AND l.job_state_ = 2"
          + " GROUP BY 1 ORDER BY 1")) {
        ps.setArray(1, array(c, refs));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            (q[1].equals("host") ? byHost : byActivity).put(rs.getString(1), rs.getLong(2));
          }
        }
      }
    }
    int due = escalations + replyTimers;
    figures.put("timers_due", due);
    figures.put("jobs_created", created);
    figures.put("timer_jobs_executed", executed);
    figures.put("executions_per_job", Map.of("min", jobs == 0 ? 0 : perJob[0], "max", perJob[1]));
    figures.put("jobs_run_twice", twice);
    figures.put("async_jobs", jobs - timers);
    figures.put("job_failures", failures);
    figures.put("jobs_by_host", byHost);
    figures.put("jobs_by_activity", byActivity);
    if (twice > 0 || perJob[1] > 1) {
      findings.add("cluster: " + twice + " jobs were executed successfully more than once (ACT_HI_JOB_LOG)");
    }
    if (executed != due || jobs != due || (jobs > 0 && perJob[0] != 1)) {
      findings.add("cluster: " + due + " timers were due, " + jobs + " jobs logged, " + executed + " executed");
    }
    if (byHost.size() < 2) {
      findings.add("cluster: only " + byHost.keySet() + " executed jobs; the check wants both nodes' executors to "
          + "take part");
    }
  }

  private void effects(Connection c, List<String> refs, List<String> waiting, long seq0) throws SQLException {
    long escalated = count(c, "SELECT count(*) FROM transparency_entry WHERE event_type = 'ESCALATED' AND reference = ANY(?)",
        refs);
    long escalatedTwice = count(c, "SELECT count(*) FROM (SELECT reference FROM transparency_entry WHERE event_type ="
        + " 'ESCALATED' AND reference = ANY(?) GROUP BY reference HAVING count(*) <> 1) x", refs);
    long declines = count(c, "SELECT count(*) FROM transparency_entry WHERE event_type = 'DECIDED' AND legal_basis ="
        + " 'NO_REPLY_NO_AUTHORITY' AND reference = ANY(?)", waiting);
    figures.put("escalated_entries", escalated);
    figures.put("no_reply_declines", declines);
    long entries = BenchSuite.single(c, "SELECT count(*) FROM transparency_entry");
    long min = BenchSuite.single(c, "SELECT coalesce(min(seq), 0) FROM transparency_entry");
    long max = BenchSuite.single(c, "SELECT coalesce(max(seq), 0) FROM transparency_entry");
    long head = BenchSuite.single(c, "SELECT last_seq FROM transparency_head WHERE id = 1");
    boolean gapless = min == 1 && max == entries && head == max;
    figures.put("log_entries_written", max - seq0);
    figures.put("log_gapless", gapless);
    if (escalated != refs.size() || escalatedTwice != 0) {
      findings.add("cluster: " + escalated + " ESCALATED entries for " + refs.size() + " overdue reviews ("
          + escalatedTwice + " requests with other than one)");
    }
    if (declines != waiting.size()) {
      findings.add("cluster: " + declines + " automatic declines for " + waiting.size() + " expired reply deadlines");
    }
    if (!gapless) {
      findings.add("cluster: the transparency log is not gapless: " + entries + " entries, seq " + min + ".." + max
          + ", head " + head);
    }
  }

  /** Both nodes asked to sign at once: one checkpoint per tree size, whichever node signs. */
  private void checkpointsOnBothNodes(Connection c, BenchHttp a, BenchHttp b) throws Exception {
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      List<Future<BenchHttp.Answer>> answers = List.of(
          two.submit(() -> a.post("admin", "/api/transparency/checkpoints", "", Map.of())),
          two.submit(() -> b.post("admin", "/api/transparency/checkpoints", "", Map.of())));
      List<Integer> statuses = new ArrayList<>();
      for (Future<BenchHttp.Answer> f : answers) {
        statuses.add(f.get(120, TimeUnit.SECONDS).status());
      }
      long doubled = BenchSuite.single(c, "SELECT count(*) - count(DISTINCT tree_size) FROM transparency_checkpoint");
      figures.put("checkpoints_signed_together", statuses);
      // One 201 (signed) and one 200 (the log has not grown since); two 200 only if the hourly schedule signed first.
      if (doubled != 0 || statuses.stream().anyMatch(s -> s != 200 && s != 201)
          || statuses.stream().filter(s -> s == 201).count() > 1) {
        findings.add("cluster: checkpoint requests to both nodes at once answered " + statuses + "; " + doubled
            + " tree sizes signed twice");
      }
    } finally {
      two.shutdown();
    }
  }

  private static String verifyStatus(BenchHttp node) {
    BenchHttp.Answer r = node.get("auditor", "/api/transparency/verify");
    if (r.status() != 200) {
      return "HTTP " + r.status();
    }
    JsonNode report = r.json();
    return report.get("status").asText();
  }

  private static String keyId(BenchHttp node) {
    return BenchHttp.expect(node.get(null, "/api/transparency/public-key"), 200).json().get("keyId").asText();
  }

  private static Array array(Connection c, List<String> values) throws SQLException {
    return c.createArrayOf("varchar", values.toArray());
  }

  private static long count(Connection c, String sql, List<String> values) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setArray(1, array(c, values));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The engine logs this (ENGINE-14018) when a node's job executor starts acquiring jobs. */
  static boolean logMentionsJobAcquisition(Path log) throws Exception {
    return Files.exists(log) && Files.readString(log).contains("starting to acquire jobs");
  }
}
