package org.sanctuarycity.workflow.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The users while the power goes: clerks who each submit federal requests and work them through the flow (as desk,
 * verifier and attorney), and an administrator who signs checkpoints on demand. A user who got no answer does what
 * a careful client does: an intake is sent again with the same Idempotency-Key until it is answered; a task
 * completion is retried only while the task is still open. Each user finishes what it started before it pauses,
 * so at a pause everything a user sent is either acknowledged or known.
 */
final class Workload {

  /** How long one operation may take to get through, kills and restarts included. */
  private static final long OPERATION_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(240);
  private static final int OPEN_REQUESTS_PER_CLERK = 4;

  private final Ledger ledger;
  private final int port;
  private final long seed;
  private final int clerks;
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicInteger busy = new AtomicInteger();
  private final AtomicInteger keys = new AtomicInteger();
  private volatile boolean running = true;
  private volatile boolean paused;
  private volatile boolean intake = true;

  Workload(Ledger ledger, int port, long seed, int clerks) {
    this.ledger = ledger;
    this.port = port;
    this.seed = seed;
    this.clerks = clerks;
  }

  void start() {
    for (int i = 0; i < clerks; i++) {
      Random random = new Random(seed * 31 + i);
      FaultHttp http = new FaultHttp(port);
      List<Ledger.Request> mine = new ArrayList<>();
      threads.add(loop("clerk-" + i, random, () -> clerkStep(http, random, mine)));
    }
    Random random = new Random(seed * 31 + 99);
    FaultHttp http = new FaultHttp(port);
    threads.add(loop("admin", random, () -> signCheckpoint(http, random)));
    threads.forEach(Thread::start);
  }

  private Thread loop(String name, Random random, Runnable step) {
    Thread t = new Thread(() -> {
      while (running) {
        // Busy first, then look at the flag: a pause that saw no one busy is never overtaken by a step.
        busy.incrementAndGet();
        try {
          if (!paused) {
            step.run();
          }
        } catch (RuntimeException e) {
          ledger.problems.add(name + ": " + e);
        } finally {
          busy.decrementAndGet();
        }
        sleep(paused ? 20 : 20 + random.nextInt(100));
      }
    }, "faults-" + name);
    t.setDaemon(true);
    return t;
  }

  /** Stops the users after what each is doing; false if they are not all idle within the timeout. */
  boolean pause(long timeoutSeconds) {
    paused = true;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (busy.get() > 0) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      sleep(20);
    }
    return true;
  }

  void resume() {
    paused = false;
  }

  /** No new intakes from now on; the clerks go on working what they have. */
  void stopIntake() {
    intake = false;
  }

  /** True once every acknowledged request of a clerk is closed or given up as broken. */
  boolean drained() {
    for (Ledger.Request r : ledger.requests) {
      if (!r.closed() && !r.broken) {
        return false;
      }
    }
    return true;
  }

  void stop() throws InterruptedException {
    running = false;
    for (Thread t : threads) {
      t.join(TimeUnit.SECONDS.toMillis(60));
    }
  }

  // ---------------------------------------------------------------- the clerks

  private void clerkStep(FaultHttp http, Random random, List<Ledger.Request> mine) {
    List<Ledger.Request> workable = new ArrayList<>();
    int open = 0;
    for (Ledger.Request r : mine) {
      if (r.closed() || r.broken) {
        continue;
      }
      open++;
      // A request with a short deadline is left in legal review until its overdue timer has fired (ESCALATED),
      // so every such timer is pending at some kill and must fire exactly once.
      if (r.nextStep() == FlowStep.REVIEW && r.timer && !escalated(http, r)) {
        continue;
      }
      workable.add(r);
    }
    if (intake && open < OPEN_REQUESTS_PER_CLERK && (workable.isEmpty() || random.nextInt(3) == 0)) {
      Ledger.Request r = new Ledger.Request("pc-" + Long.toHexString(seed) + "-" + keys.incrementAndGet(),
          random.nextInt(3) == 0);
      mine.add(r);
      submit(http, random, r);
    } else if (!workable.isEmpty()) {
      complete(http, workable.get(random.nextInt(workable.size())));
    } else {
      sleep(200);
    }
  }

  /** One intake, sent again with its key until it is answered (also used by the backup suite). */
  void submit(FaultHttp http, Random random, Ledger.Request r) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    // An in-custody detainer gets 24 hours for its decision (request-classification.dmn), counted from receipt:
    // received almost 24 hours ago, the legal review's overdue timer falls due within the next half minute.
    OffsetDateTime receivedAt = r.timer ? now.minusHours(24).plusSeconds(5 + random.nextInt(30)) : now.minusHours(1);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("agency", "ICE_ERO");
    body.put("requestType", "DETAINER");
    body.put("channel", "FAX");
    body.put("receivedAt", receivedAt.toString());
    body.put("requester", Map.of("name", "Agent Fault", "badgeNumber", "B-7", "phone", "+1 213 555 0100"));
    body.put("subject", Map.of("fullName", "Fault Subject " + keys.get(), "dateOfBirth", "1980-02-03",
        "inCustody", true));
    body.put("documents", List.of(Map.of("formNumber", "I-247A", "issuedBy", "DHS ICE Los Angeles",
        "signedBy", "Officer Example", "signerTitle", "Immigration Officer", "issuedOn", "2026-01-05")));
    body.put("summary", "Power cut request " + r.key);
    ledger.requests.add(r);
    long deadline = System.nanoTime() + OPERATION_DEADLINE_NANOS;
    boolean retried = false;
    while (System.nanoTime() < deadline) {
      FaultHttp.Answer a = http.post("desk", "/api/requests", body, Map.of("Idempotency-Key", r.key));
      if (a == null) {
        ledger.noAnswer.incrementAndGet();
        retried = true;
        sleep(500);
      } else if (a.ok()) {
        r.reference = a.json().get("reference").asText();
        ledger.intakesAcknowledged.incrementAndGet();
        if (retried) {
          ledger.resentAfterCut.incrementAndGet();
        }
        if (a.headers().firstValue("Idempotent-Replayed").isPresent()) {
          ledger.intakesReplayed.incrementAndGet();
        }
        return;
      } else if (a.status() == 409 || a.status() >= 500) {
        ledger.retryLater.incrementAndGet();
        retried = true;
        sleep(TimeUnit.SECONDS.toMillis(Math.min(2, a.retryAfter(1))));
      } else {
        r.broken = true;
        ledger.problems.add("intake " + r.key + (retried ? " (retried)" : "") + " answered " + a.status() + ": "
            + head(a.body()));
        return;
      }
    }
    r.broken = true;
    ledger.problems.add("intake " + r.key + " got no answer within the deadline");
  }

  private boolean escalated(FaultHttp http, Ledger.Request r) {
    if (!r.escalationSeen) {
      FaultHttp.Answer a = http.get(null, "/api/transparency/entries?reference=" + r.reference
          + "&eventType=ESCALATED");
      r.escalationSeen = a != null && a.status() == 200 && a.json().get("entries").size() > 0;
    }
    return r.escalationSeen;
  }

  /** The request's next step, by its user, retried while its task is still open (also used by the backup suite). */
  void complete(FaultHttp http, Ledger.Request r) {
    FlowStep step = r.nextStep();
    Map<String, Object> variables = new LinkedHashMap<>();
    step.variables.forEach((k, v) -> variables.put(k, Map.of("value", v)));
    boolean inDoubt = false;
    long deadline = System.nanoTime() + OPERATION_DEADLINE_NANOS;
    while (System.nanoTime() < deadline) {
      FaultHttp.Answer list = http.get(step.user, "/engine-rest/task?processInstanceBusinessKey=" + r.reference
          + "&taskDefinitionKey=" + step.taskKey + "&maxResults=10");
      if (list == null || list.status() >= 500) {
        count(list);
        sleep(500);
        continue;
      }
      if (!list.ok()) {
        r.broken = true;
        ledger.problems.add(r.reference + ": the task query answered " + list.status() + ": " + head(list.body()));
        return;
      }
      JsonNode tasks = list.json();
      if (tasks.isEmpty()) {
        if (inDoubt) {
          // The completion whose answer was lost went through: its task is gone.
          ledger.completionsInDoubt.incrementAndGet();
          ledger.resentAfterCut.incrementAndGet();
          r.next++;
        } else {
          // The previous step was acknowledged (or seen through), which opens this task in the same transaction.
          r.broken = true;
          ledger.problems.add(r.reference + ": no open " + step.taskKey + " after the previous step went through");
        }
        return;
      }
      if (tasks.size() > 1) {
        r.broken = true;
        ledger.problems.add(r.reference + ": " + tasks.size() + " open " + step.taskKey + " tasks");
        return;
      }
      String taskId = tasks.get(0).get("id").asText();
      FaultHttp.Answer a = http.post(step.user, "/engine-rest/task/" + taskId + "/complete",
          Map.of("variables", variables), Map.of());
      if (a != null && a.status() == 204) {
        ledger.completions.add(new Ledger.Completion(r.reference, step));
        if (inDoubt) {
          ledger.resentAfterCut.incrementAndGet();
        }
        r.next++;
        return;
      }
      if (a == null || a.status() >= 500 || a.status() == 404) {
        // No answer, a server error while the database was away, or a task that is gone: look again.
        count(a);
        inDoubt = true;
        sleep(500);
        continue;
      }
      r.broken = true;
      ledger.problems.add(r.reference + ": completing " + step.taskKey + " answered " + a.status() + ": "
          + head(a.body()));
      return;
    }
    r.broken = true;
    ledger.problems.add(r.reference + ": " + step.taskKey + " could not be completed within the deadline");
  }

  private void count(FaultHttp.Answer a) {
    if (a == null) {
      ledger.noAnswer.incrementAndGet();
    } else {
      ledger.retryLater.incrementAndGet();
    }
  }

  // ---------------------------------------------------------------- the administrator

  private void signCheckpoint(FaultHttp http, Random random) {
    FaultHttp.Answer a = http.post("admin", "/api/transparency/checkpoints", null, Map.of());
    if (a == null) {
      ledger.noAnswer.incrementAndGet();
    } else if (a.status() == 201 || a.status() == 200) {
      JsonNode c = a.json();
      Ledger.SignedCheckpoint signed = new Ledger.SignedCheckpoint(c.get("treeSize").asLong(),
          c.get("rootHash").asText());
      (a.status() == 201 ? ledger.checkpoints : ledger.observedCheckpoints).add(signed);
    } else if (a.status() >= 500 || a.status() == 404) {
      // 503 while the database is away; 404 before the log has its first entry.
      ledger.retryLater.incrementAndGet();
    } else {
      ledger.problems.add("POST /api/transparency/checkpoints answered " + a.status() + ": " + head(a.body()));
    }
    sleep(800 + random.nextInt(1200));
  }

  static String head(String body) {
    return body == null ? "" : body.substring(0, Math.min(240, body.length()));
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
