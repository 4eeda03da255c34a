package org.sanctuarycity.workflow.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the clients were told. Acknowledged = a 2xx received: those are the operations that must survive every
 * kill exactly once. Also what they could not find out directly (an answer lost in a kill), and anything they were
 * answered that no correct server would answer.
 */
final class Ledger {

  /** One federal request a clerk drives; its state is changed only by the thread that owns it. */
  static final class Request {
    final String key;
    final boolean timer;
    volatile String reference;
    /** Index into FlowStep of the next step; FlowStep.values().length once closed. */
    volatile int next;
    volatile boolean escalationSeen;
    volatile boolean broken;

    Request(String key, boolean timer) {
      this.key = key;
      this.timer = timer;
    }

    boolean closed() {
      return next >= FlowStep.values().length;
    }

    FlowStep nextStep() {
      return FlowStep.values()[next];
    }
  }

  record Completion(String reference, FlowStep step) {}

  record SignedCheckpoint(long treeSize, String rootHash) {}

  final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<Completion> completions = new ConcurrentLinkedQueue<>();
  /** 201 answers of POST /api/transparency/checkpoints. */
  final ConcurrentLinkedQueue<SignedCheckpoint> checkpoints = new ConcurrentLinkedQueue<>();
  /** 200 answers of the same (the latest one, the log had not grown): checked like the others, not counted. */
  final ConcurrentLinkedQueue<SignedCheckpoint> observedCheckpoints = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

  final AtomicInteger intakesAcknowledged = new AtomicInteger();
  /** Intakes acknowledged by the replay of their first answer (Idempotent-Replayed), after a retry. */
  final AtomicInteger intakesReplayed = new AtomicInteger();
  /** Completions whose answer was lost; the task was gone when the user looked again, so it had gone through. */
  final AtomicInteger completionsInDoubt = new AtomicInteger();
  /**
   * Intakes and completions that were sent again because the first attempt got no answer or a 5xx (it was in
   * flight at a cut), and were then acknowledged or seen through.
   */
  final AtomicInteger resentAfterCut = new AtomicInteger();
  /** Calls that got no answer at all (connection refused or cut). */
  final AtomicInteger noAnswer = new AtomicInteger();
  /** 503 (database away) and 409 (first request with the key still in flight) answers, retried. */
  final AtomicInteger retryLater = new AtomicInteger();

  int acknowledged() {
    return intakesAcknowledged.get() + completions.size() + checkpoints.size();
  }

  List<Request> acknowledgedRequests() {
    List<Request> out = new ArrayList<>();
    for (Request r : requests) {
      if (r.reference != null) {
        out.add(r);
      }
    }
    return out;
  }
}
