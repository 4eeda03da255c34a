package org.sanctuarycity.workflow.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The log on the real database: appends under concurrency and rollback, signed checkpoints and proofs, and
 * tampering as a database superuser would do it (triggers disabled). Each tampering runs in a transaction
 * that is rolled back afterwards, so the shared test database stays clean for the other tests.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class TransparencyLogIT {

  @Autowired TransparencyLog log;
  @Autowired Checkpoints checkpoints;
  @Autowired LogVerification verification;
  @Autowired LogSigningKey key;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate tx;
  @Autowired ObjectMapper json;
  @TempDir Path dir;

  static LogEvent event(String reference, EventType type, String decision) {
    return new LogEvent("federal-request", reference, type, "ICE_ERO", "DETAINER", "HOLD_NOTIFY_TRANSFER", decision,
        decision == null ? null : "SB54_7284_6_A1B", "city-attorney", "attorney", UUID.randomUUID());
  }

  long head() {
    return jdbc.queryForObject("SELECT last_seq FROM transparency_head", Long.class);
  }

  /** A few committed entries and a checkpoint over them, so that every test has something to tamper with. */
  @BeforeEach
  void someCheckpointedEntries() {
    tx.executeWithoutResult(s -> {
      log.append(event("FR-2026-90001", EventType.RECEIVED, null));
      log.append(event("FR-2026-90001", EventType.CLASSIFIED, null));
      log.append(event("FR-2026-90001", EventType.DECIDED, "DECLINED"));
      log.append(event("FR-2026-90001", EventType.CLOSED, null));
    });
    checkpoints.create();
  }

  @Test
  void concurrentAppendsStayGaplessAndTheTreeConsistent() throws Exception {
    Checkpoint before = checkpoints.latest().orElseThrow();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      done.add(pool.submit(() -> {
        for (int i = 0; i < 15; i++) {
          tx.executeWithoutResult(s -> log.append(event("FR-2026-9%04d".formatted(thread), EventType.RECEIVED, null)));
        }
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    long size = head();
    assertThat(size).isGreaterThanOrEqualTo(before.treeSize() + 120);
    // Gapless: seq 1..size all present, none twice.
    assertThat(jdbc.queryForObject("SELECT count(DISTINCT seq) FROM transparency_entry WHERE seq <= ?", Long.class, size))
        .isEqualTo(size);
    assertThat(jdbc.queryForObject("SELECT min(seq) FROM transparency_entry", Long.class)).isEqualTo(1L);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM transparency_entry e1 JOIN transparency_entry e2 "
        + "ON e2.seq = e1.seq + 1 WHERE e2.recorded_at < e1.recorded_at", Long.class)).isZero();

    Checkpoint after = checkpoints.create().orElseThrow();
    assertThat(after.verify(key.publicKey())).isTrue();
    // The signed root is the root of the entries recomputed from their content.
    List<byte[]> leaves = jdbc.query("SELECT " + TransparencyLog.PUBLIC_COLUMNS + " FROM transparency_entry "
        + "WHERE seq <= ? ORDER BY seq", TransparencyLog::mapPublic, after.treeSize()).stream()
        .map(LeafFormat::leafHash).toList();
    assertThat(Merkle.root(leaves)).isEqualTo(after.rootHashBytes());

    Checkpoints.ConsistencyProof c = checkpoints.consistency(before.treeSize(), after.treeSize());
    assertThat(Merkle.verifyConsistency(before.treeSize(), after.treeSize(), before.rootHashBytes(),
        after.rootHashBytes(), decode(c.proof()))).isTrue();
    long seq = before.treeSize() + 7;
    Checkpoints.InclusionProof p = checkpoints.inclusion(seq, after.treeSize());
    assertThat(Merkle.verifyInclusion(seq - 1, after.treeSize(), leaves.get((int) seq - 1), decode(p.proof()),
        after.rootHashBytes())).isTrue();
    assertThat(verification.verify().status()).isEqualTo("OK");
  }

  @Test
  void aRolledBackStepLeavesNoEntry() {
    long before = head();
    long count = jdbc.queryForObject("SELECT count(*) FROM transparency_entry", Long.class);
    tx.executeWithoutResult(s -> {
      log.append(event("FR-2026-90002", EventType.RECEIVED, null));
      s.setRollbackOnly();
    });
    assertThat(head()).isEqualTo(before);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM transparency_entry", Long.class)).isEqualTo(count);
    assertThat(checkpoints.create()).isEmpty();
  }

  @Test
  void theHeadIsNotLockedWhileAStepWorks() throws Exception {
    // T1 appends, then keeps working (here: waits) before it commits. T2 appends and commits meanwhile. With the
    // head row locked at append, T2 would wait for T1's commit; with the entry written just before commit, it
    // does not, and takes the lower sequence number because it commits first.
    CountDownLatch appended = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> t1 = pool.submit(() -> tx.executeWithoutResult(s -> {
        log.append(event("FR-2026-90011", EventType.RECEIVED, null));
        appended.countDown();
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
      assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
      Future<?> t2 = pool.submit(() -> tx.executeWithoutResult(s ->
          log.append(event("FR-2026-90012", EventType.RECEIVED, null))));
      try {
        t2.get(30, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        throw new AssertionError("T2 waited for T1: the head row was locked during T1's work", e);
      }
      // T2 committed while T1 was still working (checked before T1 is released).
      assertThat(t1.isDone()).isFalse();
      release.countDown();
      t1.get(30, TimeUnit.SECONDS);
    } finally {
      release.countDown();
      pool.shutdown();
    }
    long first = log.forReference("FR-2026-90012").get(0).seq();
    long second = log.forReference("FR-2026-90011").get(0).seq();
    assertThat(second).isEqualTo(first + 1);
    assertThat(head()).isEqualTo(second);
  }

  @Test
  void readsInTheAppendingTransactionSeeTheQueuedEntry() {
    String ref = "FR-2026-90013";
    tx.executeWithoutResult(s -> {
      assertThat(log.hasEntry(ref, EventType.DECIDED, "DECLINED")).isFalse();
      log.append(event(ref, EventType.DECIDED, "DECLINED"));
      assertThat(log.hasEntry(ref, EventType.DECIDED, "DECLINED")).isTrue();
      assertThat(log.hasEntry(ref, EventType.DECIDED, null)).isTrue();
      assertThat(log.hasEntry(ref, EventType.DECIDED, "COMPLIED")).isFalse();
      assertThat(log.forReference(ref)).singleElement()
          .satisfies(e -> assertThat(e.seq()).isEqualTo(TransparencyLog.PENDING_SEQ))
          .satisfies(e -> assertThat(e.decision()).isEqualTo("DECLINED"));
    });
    // Another transaction sees it only once committed, with its number.
    assertThat(log.forReference(ref)).singleElement().satisfies(e -> assertThat(e.seq()).isEqualTo(head()));
    assertThat(log.hasEntry(ref, EventType.DECIDED, "DECLINED")).isTrue();
  }

  @Test
  void anAppendOutsideATransactionIsRefused() {
    long before = head();
    assertThatThrownBy(() -> log.append(event("FR-2026-90014", EventType.RECEIVED, null)))
        .isInstanceOf(IllegalTransactionStateException.class);
    assertThat(head()).isEqualTo(before);
  }

  @Test
  void aFailedWriteAtCommitRollsBackTheWholeStep() {
    long before = head();
    long count = jdbc.queryForObject("SELECT count(*) FROM transparency_entry", Long.class);
    // The step itself writes a row that takes the next sequence number, so that writing the queued entry
    // fails in beforeCommit: the commit must fail and take the step's own write with it.
    assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
      log.append(event("FR-2026-90015", EventType.RECEIVED, null));
      jdbc.update("INSERT INTO transparency_entry (seq, recorded_at, process, reference, event_type, actor_role, "
          + "private_digest, private_salt) SELECT last_seq + 1, last_at, 'federal-request', 'FR-2026-90016', "
          + "'RECEIVED', 'test', repeat('0', 64), '\\x00' FROM transparency_head");
    })).isInstanceOf(DataAccessException.class);
    assertThat(head()).isEqualTo(before);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM transparency_entry", Long.class)).isEqualTo(count);
    assertThat(log.forReference("FR-2026-90016")).isEmpty();
  }

  @Test
  void theCleanLogVerifiesOnTheServerAndOffline() throws Exception {
    LogVerification.Report server = verification.verify();
    assertThat(server.status()).as(server.detail()).isEqualTo("OK");
    Offline offline = offline(exported(), checkpointFile(checkpoints.latest().orElseThrow()), publicKeyFile());
    assertThat(offline.exit()).as(offline.output()).isZero();
    assertThat(offline.output()).startsWith("OK");
  }

  @Test
  void anAlteredFieldIsReportedAtExactlyThatEntry() throws Exception {
    long k = checkpoints.latest().orElseThrow().treeSize() - 2;
    tampered(k, () -> jdbc.update("UPDATE transparency_entry SET decision = 'COMPLIED' WHERE seq = ?", k));
  }

  @Test
  void aRemovedEntryIsReported() throws Exception {
    long k = checkpoints.latest().orElseThrow().treeSize() - 2;
    tampered(k, () -> jdbc.update("DELETE FROM transparency_entry WHERE seq = ?", k));
  }

  @Test
  void twoReorderedEntriesAreReported() throws Exception {
    long k = checkpoints.latest().orElseThrow().treeSize() - 2;
    tampered(k, () -> {
      jdbc.update("UPDATE transparency_entry SET seq = -1 WHERE seq = ?", k);
      jdbc.update("UPDATE transparency_entry SET seq = ? WHERE seq = ?", k, k + 1);
      jdbc.update("UPDATE transparency_entry SET seq = ? WHERE seq = -1", k + 1);
    });
  }

  @Test
  void aBackDatedEntryIsReported() throws Exception {
    long k = checkpoints.latest().orElseThrow().treeSize() - 1;
    tampered(k, () -> jdbc.update("UPDATE transparency_entry SET recorded_at = recorded_at - interval '1 day' "
        + "WHERE seq = ?", k));
  }

  @Test
  void rewritingTheRecordedLeafHashesTooIsStillDetected() {
    long k = checkpoints.latest().orElseThrow().treeSize() - 2;
    tx.executeWithoutResult(s -> {
      jdbc.execute("ALTER TABLE transparency_entry DISABLE TRIGGER USER");
      jdbc.execute("ALTER TABLE transparency_leaf DISABLE TRIGGER USER");
      jdbc.update("UPDATE transparency_entry SET decision = 'COMPLIED' WHERE seq = ?", k);
      TransparencyEntry e = jdbc.queryForObject("SELECT " + TransparencyLog.PUBLIC_COLUMNS
          + " FROM transparency_entry WHERE seq = ?", TransparencyLog::mapPublic, k);
      jdbc.update("UPDATE transparency_leaf SET leaf_hash = ? WHERE seq = ?", LeafFormat.leafHash(e), k);
      assertThat(verification.verify().status()).isEqualTo("FAILED");
      s.setRollbackOnly();
    });
  }

  @Test
  void aCheckpointSignedByAnotherKeyIsRejected() throws Exception {
    Checkpoint real = checkpoints.latest().orElseThrow();
    KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Checkpoint forged = Checkpoint.sign(real.origin(), real.treeSize(), real.rootHashBytes(), real.timestamp(),
        real.keyId(), other.getPrivate());
    assertThat(forged.verify(key.publicKey())).isFalse();
    Offline offline = offline(exported(), checkpointFile(forged), publicKeyFile());
    assertThat(offline.exit()).isEqualTo(1);
    assertThat(offline.output()).contains("signature");
    // The other way round: the real checkpoint against someone else's public key.
    Path otherKey = dir.resolve("other.pem");
    Files.writeString(otherKey, LogKeys.pem(other.getPublic()));
    assertThat(offline(exported(), checkpointFile(real), otherKey).exit()).isEqualTo(1);
  }

  @Test
  void theOfflineVerifierFindsTwoSwappedLinesInAnExport() throws Exception {
    long k = checkpoints.latest().orElseThrow().treeSize() - 2;
    List<String> lines = new ArrayList<>(Files.readAllLines(exported()));
    String a = lines.get((int) k - 1);
    lines.set((int) k - 1, lines.get((int) k));
    lines.set((int) k, a);
    Path swapped = dir.resolve("swapped.jsonl");
    Files.write(swapped, lines);
    Offline offline = offline(swapped, checkpointFile(checkpoints.latest().orElseThrow()), publicKeyFile());
    assertThat(offline.exit()).isEqualTo(1);
    assertThat(offline.output()).contains("FAILED at entry " + k + ":");
  }

  @Test
  void theExportHasNoNonPublicPart() throws Exception {
    String text = Files.readString(exported());
    assertThat(text).doesNotContain("\"attorney\"").doesNotContain("actorUser").doesNotContain("recordId")
        .doesNotContain("salt");
  }

  /** Tampers inside a transaction that is rolled back, and checks server and offline verifier both name entry k. */
  void tampered(long k, Runnable attack) throws Exception {
    Checkpoint latest = checkpoints.latest().orElseThrow();
    Path checkpointFile = checkpointFile(latest);
    Path keyFile = publicKeyFile();
    tx.executeWithoutResult(s -> {
      try {
        jdbc.execute("ALTER TABLE transparency_entry DISABLE TRIGGER USER");
        attack.run();
        jdbc.execute("ALTER TABLE transparency_entry ENABLE TRIGGER USER");
        LogVerification.Report server = verification.verify();
        assertThat(server.status()).isEqualTo("FAILED");
        assertThat(server.firstBadSeq()).as(server.detail()).isEqualTo(k);
        Path export = dir.resolve("tampered.jsonl");
        Files.write(export, export(verification::export));
        Offline offline = offline(export, checkpointFile, keyFile);
        assertThat(offline.exit()).isEqualTo(1);
        assertThat(offline.output()).isEqualTo(server.detail());
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      } finally {
        s.setRollbackOnly();
      }
    });
    assertThat(verification.verify().status()).isEqualTo("OK");
  }

  record Offline(int exit, String output) {}

  static Offline offline(Path export, Path checkpoint, Path publicKey) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    int exit = OfflineVerifier.run(new String[] {"verify-log", export.toString(), checkpoint.toString(),
        publicKey.toString()}, ps, ps);
    return new Offline(exit, out.toString(StandardCharsets.UTF_8).trim());
  }

  Path exported() throws Exception {
    Path file = dir.resolve("export-" + UUID.randomUUID() + ".jsonl");
    Files.write(file, export(verification::export));
    return file;
  }

  static byte[] export(Consumer<java.io.OutputStream> exporter) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    exporter.accept(out);
    return out.toByteArray();
  }

  /** The checkpoint as the public API serializes it. */
  Path checkpointFile(Checkpoint c) throws Exception {
    Path file = dir.resolve("checkpoint-" + UUID.randomUUID() + ".json");
    Files.writeString(file, json.writeValueAsString(c));
    return file;
  }

  Path publicKeyFile() throws Exception {
    Path file = dir.resolve("public-key.pem");
    Files.writeString(file, LogKeys.pem(key.publicKey()));
    return file;
  }

  static List<byte[]> decode(List<String> proof) {
    return proof.stream().map(Base64.getDecoder()::decode).toList();
  }
}
