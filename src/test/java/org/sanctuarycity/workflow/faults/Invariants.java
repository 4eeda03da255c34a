package org.sanctuarycity.workflow.faults;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sanctuarycity.workflow.transparency.Checkpoint;
import org.sanctuarycity.workflow.transparency.LogKeys;
import org.sanctuarycity.workflow.transparency.LogVerifier;
import org.sanctuarycity.workflow.transparency.OfflineVerifier;

/**
 * What must hold after every restart, read from the database in one repeatable-read snapshot (so a step that
 * commits meanwhile is seen whole or not at all) and from the application's own verification of its log.
 * Each finding names a reference, a step or a checkpoint size; never personal data.
 */
final class Invariants {

  private static final String PROCESS = "federal-request";

  /** What went wrong, by kind; all four must stay empty. */
  record Findings(List<String> lost, List<String> duplicated, List<String> halfDone, List<String> unverifiable) {
    static Findings empty() {
      return new Findings(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    boolean clean() {
      return lost.isEmpty() && duplicated.isEmpty() && halfDone.isEmpty() && unverifiable.isEmpty();
    }

    /** Adds what is new: a loss seen again after the next restart is still one loss. */
    void addAll(Findings other) {
      addNew(lost, other.lost);
      addNew(duplicated, other.duplicated);
      addNew(halfDone, other.halfDone);
      addNew(unverifiable, other.unverifiable);
    }

    private static void addNew(List<String> to, List<String> from) {
      for (String x : from) {
        if (!to.contains(x)) {
          to.add(x);
        }
      }
    }

    String counts() {
      return "lost=" + lost.size() + " duplicated=" + duplicated.size() + " half-done=" + halfDone.size()
          + " unverifiable=" + unverifiable.size();
    }
  }

  /** What a check saw besides the findings, for the report. */
  record Seen(int requests, int closed, int escalated, int timerJobsExecuted, int storedWithoutAcknowledgement,
      long logEntries, long checkpointSize, String verifyStatus) {}

  private final KillablePostgres db;
  private final FaultHttp http;
  private final Ledger ledger;
  private final String keyPrefix;

  Invariants(KillablePostgres db, FaultHttp http, Ledger ledger, String keyPrefix) {
    this.db = db;
    this.http = http;
    this.ledger = ledger;
    this.keyPrefix = keyPrefix;
  }

  /** The checks of one pause; {@code last} adds those that need the load to have drained. */
  Seen check(Findings f, boolean last) throws Exception {
    Map<String, List<String>> rowsByKey = new HashMap<>();
    Map<String, List<Boolean>> instances = new HashMap<>();
    Map<String, Map<String, Integer>> events = new HashMap<>();
    Map<String, Map<String, Integer>> completedTasks = new HashMap<>();
    Map<String, List<String>> openTasks = new HashMap<>();
    Map<Long, String> checkpoints = new HashMap<>();
    int timerJobs = 0;
    long logEntries;
    try (Connection c = db.connect()) {
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        query(s, "SELECT idempotency_key, reference FROM federal_request WHERE idempotency_key LIKE '" + keyPrefix
            + "%'", rs -> rowsByKey.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)));
        query(s, "SELECT business_key_, end_time_ IS NOT NULL FROM act_hi_procinst WHERE proc_def_key_ = '" + PROCESS
            + "'", rs -> instances.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getBoolean(2)));
        query(s, "SELECT reference, event_type, count(*) FROM transparency_entry WHERE process = '" + PROCESS
            + "' GROUP BY 1, 2", rs -> events.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                .put(rs.getString(2), rs.getInt(3)));
        query(s, "SELECT p.business_key_, t.task_def_key_, count(*) FROM act_hi_taskinst t JOIN act_hi_procinst p"
            + " ON p.proc_inst_id_ = t.proc_inst_id_ WHERE t.end_time_ IS NOT NULL AND t.delete_reason_ = 'completed'"
            + " GROUP BY 1, 2", rs -> completedTasks.computeIfAbsent(rs.getString(1), k -> new HashMap<>())
                .put(rs.getString(2), rs.getInt(3)));
        query(s, "SELECT e.business_key_, t.task_def_key_ FROM act_ru_task t JOIN act_ru_execution e"
            + " ON e.id_ = t.proc_inst_id_", rs -> openTasks.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                .add(rs.getString(2)));
        query(s, "SELECT tree_size, root_hash FROM transparency_checkpoint",
            rs -> checkpoints.put(rs.getLong(1), Base64.getEncoder().encodeToString(rs.getBytes(2))));
        // Successful executions per timer job (history level FULL keeps the job log): more than one is a timer
        // that fired twice.
        List<String> twice = new ArrayList<>();
        query(s, "SELECT job_id_, count(*) FROM act_hi_job_log WHERE job_def_type_ = 'timer-transition'"
            + " AND job_state_ = 2 GROUP BY job_id_", rs -> {
              if (rs.getInt(2) > 1) {
                twice.add("timer job " + rs.getString(1) + " executed " + rs.getInt(2) + " times");
              }
            });
        f.duplicated().addAll(twice);
        try (ResultSet rs = s.executeQuery("SELECT count(DISTINCT job_id_) FROM act_hi_job_log"
            + " WHERE job_def_type_ = 'timer-transition' AND job_state_ = 2")) {
          rs.next();
          timerJobs = rs.getInt(1);
        }
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM transparency_entry")) {
          rs.next();
          logEntries = rs.getLong(1);
        }
      }
      c.rollback();
    }

    int closed = 0;
    int escalated = 0;
    java.util.Set<String> acknowledgedKeys = new java.util.HashSet<>();
    java.util.Set<String> acknowledgedSteps = new java.util.HashSet<>();
    for (Ledger.Completion c : ledger.completions) {
      acknowledgedSteps.add(c.reference() + "/" + c.step());
    }
    for (Ledger.Request r : ledger.acknowledgedRequests()) {
      acknowledgedKeys.add(r.key);
      String ref = r.reference;
      List<String> rows = rowsByKey.getOrDefault(r.key, List.of());
      if (!rows.contains(ref)) {
        // One lost intake is one finding, not one per thing it would have written.
        f.lost().add("intake " + ref + ": acknowledged, but no federal_request row");
        continue;
      }
      if (rows.size() > 1) {
        f.duplicated().add("intake " + ref + ": " + rows.size() + " federal_request rows for one Idempotency-Key");
      }
      List<Boolean> inst = instances.getOrDefault(ref, List.of());
      if (inst.isEmpty()) {
        f.lost().add(ref + ": acknowledged, but no process instance");
      } else if (inst.size() > 1) {
        f.duplicated().add(ref + ": " + inst.size() + " process instances");
      }
      Map<String, Integer> ev = events.getOrDefault(ref, Map.of());
      for (String once : List.of("RECEIVED", "CLASSIFIED")) {
        if (ev.getOrDefault(once, 0) == 0) {
          f.lost().add(ref + ": acknowledged, but no " + once + " entry");
        }
      }
      ev.forEach((type, n) -> {
        if (n > 1) {
          f.duplicated().add(ref + ": " + n + " " + type + " entries");
        }
      });
      // Every completed task has its entry and every entry its completed task: they commit together.
      Map<String, Integer> done = completedTasks.getOrDefault(ref, Map.of());
      FlowStep firstOpen = null;
      for (FlowStep step : FlowStep.values()) {
        int logged = ev.getOrDefault(step.event, 0);
        int completed = done.getOrDefault(step.taskKey, 0);
        if (logged != completed) {
          f.halfDone().add(ref + ": " + step.taskKey + " completed " + completed + " times in the engine, logged "
              + logged + " times");
        }
        if (logged == 0 && firstOpen == null) {
          firstOpen = step;
        }
        boolean userKnowsDone = step.ordinal() < r.next;
        // An acknowledged completion that is not logged is counted once, as lost (below).
        boolean acknowledged = acknowledgedSteps.contains(ref + "/" + step);
        if (!r.broken && userKnowsDone != (logged > 0) && !(acknowledged && logged == 0)) {
          f.halfDone().add(ref + ": " + step.taskKey + (userKnowsDone ? " went through for its user but is not logged"
              : " is logged but its user was told nothing of it"));
        }
      }
      List<String> open = openTasks.getOrDefault(ref, List.of());
      if (ev.getOrDefault("CLOSED", 0) > 0) {
        closed++;
        if (!open.isEmpty() || inst.contains(false) || firstOpen != null) {
          f.halfDone().add(ref + ": CLOSED with open tasks " + open + " or a running instance or a missing step");
        }
      } else if (!inst.isEmpty()) {
        if (open.size() != 1) {
          f.halfDone().add(ref + ": " + open.size() + " open tasks " + open);
        } else if (firstOpen == null || !firstOpen.taskKey.equals(open.get(0))) {
          f.halfDone().add(ref + ": open task " + open.get(0) + " but the log says the next step is "
              + (firstOpen == null ? "none" : firstOpen.taskKey));
        }
      }
      int esc = ev.getOrDefault("ESCALATED", 0);
      escalated += Math.min(esc, 1);
      if (!r.timer && esc > 0) {
        f.halfDone().add(ref + ": escalated, but its decision is not due for hours");
      }
      if (last && r.timer && ev.getOrDefault(FlowStep.VERIFY.event, 0) > 0 && esc == 0) {
        f.lost().add(ref + ": its overdue timer never fired");
      }
    }
    for (Ledger.Completion c : ledger.completions) {
      if (events.getOrDefault(c.reference(), Map.of()).getOrDefault(c.step().event, 0) == 0) {
        f.lost().add(c.reference() + ": acknowledged " + c.step().taskKey + " completion is not logged");
      }
    }
    int strays = 0;
    for (String key : rowsByKey.keySet()) {
      if (!acknowledgedKeys.contains(key)) {
        strays++;
      }
    }
    checkCheckpoints(f, checkpoints);
    LogVerification v = verify(f, checkpoints);
    if (last) {
      verifyOffline(f);
    }
    return new Seen(ledger.acknowledgedRequests().size(), closed, escalated, timerJobs, strays, logEntries,
        v.checkpointSize, v.status);
  }

  private void checkCheckpoints(Findings f, Map<Long, String> stored) {
    for (var list : List.of(ledger.checkpoints, ledger.observedCheckpoints)) {
      for (Ledger.SignedCheckpoint c : list) {
        String root = stored.get(c.treeSize());
        if (root == null) {
          f.unverifiable().add("the signed checkpoint of size " + c.treeSize() + " that an administrator received"
              + " is gone");
        } else if (!root.equals(c.rootHash())) {
          f.unverifiable().add("the checkpoint of size " + c.treeSize() + " has another root than was published");
        }
      }
    }
  }

  private record LogVerification(String status, long checkpointSize) {}

  /** The application's own check: the whole log recomputed against the latest signed checkpoint. */
  private LogVerification verify(Findings f, Map<Long, String> stored) throws InterruptedException {
    FaultHttp.Answer a = null;
    for (int i = 0; i < 20 && (a == null || a.status() != 200); i++) {
      a = http.get("auditor", "/api/transparency/verify");
      if (a == null || a.status() != 200) {
        Thread.sleep(500);
      }
    }
    if (a == null || a.status() != 200) {
      f.unverifiable().add("GET /api/transparency/verify answered " + (a == null ? "nothing" : a.status()));
      return new LogVerification("NO ANSWER", -1);
    }
    String status = a.json().get("status").asText();
    long size = a.json().path("checkpointSize").asLong(-1);
    long published = stored.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
    if ("NO_CHECKPOINT".equals(status) && published == 0 && ledger.checkpoints.isEmpty()) {
      return new LogVerification(status, 0);
    }
    if (!"OK".equals(status)) {
      f.unverifiable().add("verify: " + status + " at entry " + a.json().path("firstBadSeq").asText() + ": "
          + a.json().path("detail").asText());
    }
    return new LogVerification(status, size);
  }

  /** The public's check, with nothing of the server's: the export, the latest checkpoint and the public key. */
  private void verifyOffline(Findings f) throws Exception {
    FaultHttp.Answer latest = http.get(null, "/api/transparency/checkpoints/latest");
    FaultHttp.Answer key = http.get(null, "/api/transparency/public-key");
    if (latest == null || latest.status() != 200 || key == null || key.status() != 200) {
      f.unverifiable().add("offline: no checkpoint or public key to verify against");
      return;
    }
    Checkpoint checkpoint = FaultHttp.JSON.readValue(latest.body(), Checkpoint.class);
    PublicKey publicKey = LogKeys.publicKey(Base64.getDecoder().decode(key.json().get("publicKey").asText()));
    try (InputStream export = http.stream(null, "/api/transparency/export")) {
      if (export == null) {
        f.unverifiable().add("offline: the export could not be downloaded");
        return;
      }
      LogVerifier.Result r = OfflineVerifier.verify(export, checkpoint, publicKey);
      if (!r.ok()) {
        f.unverifiable().add("offline: " + r.describe());
      }
    }
  }

  private interface Row {
    void accept(ResultSet rs) throws java.sql.SQLException;
  }

  private static void query(Statement s, String sql, Row row) throws java.sql.SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        row.accept(rs);
      }
    }
  }
}
