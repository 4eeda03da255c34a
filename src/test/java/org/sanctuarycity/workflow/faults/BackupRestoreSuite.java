package org.sanctuarycity.workflow.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.sanctuarycity.workflow.transparency.Checkpoint;
import org.sanctuarycity.workflow.transparency.LogKeys;
import org.sanctuarycity.workflow.transparency.LogVerifier;
import org.sanctuarycity.workflow.transparency.OfflineVerifier;

/**
 * Issue 16, item 8: backup and restore. Not part of the default build; {@code mvn -Pfaults verify} runs it with the
 * power-cut suite, {@code mvn -Pfaults verify -Dit.test=BackupRestoreSuite} alone.
 *
 * <p>The suite starts a PostgreSQL 17 and the shipped application jar on it (as {@link PowerCutSuite} does), lets the
 * desk submit federal requests and work some of them to CLOSED and some into legal review, where they are left open
 * (the running requests), and has the administrator sign a checkpoint, which it keeps as the public would. Then it
 * takes a physical base backup with PostgreSQL's low-level API while the application keeps running and writing: in
 * one session {@code pg_backup_start}, a copy of the data directory while more requests are submitted and verified,
 * {@code pg_backup_stop}, its label file written into the copy as {@code backup_label}, and the WAL segments copied
 * after it. (This machine's pg_dump is PostgreSQL 15's, which refuses a PostgreSQL 17 server; a physical backup needs
 * no client of the server's version.) The log key file is backed up with it.
 *
 * <p>Everything is then stopped, and a fresh PostgreSQL is started on a copy of the backup in another directory and
 * on another port (it recovers from the backup's WAL to a consistent state), and the application on it with the
 * restored key file. It must show: {@code GET /api/transparency/verify} OK against the checkpoint signed before the
 * backup, and the exported log verified offline against that same checkpoint with the public key alone; every
 * request acknowledged before the backup ended present exactly once, at the step its users were told
 * ({@link Invariants}: nothing lost, duplicated or half-done); the running requests continue, worked to CLOSED
 * through {@code /engine-rest} by the demo users; a new intake after the restore; and a checkpoint signed after the
 * restore that extends the one from before it (verified by the server and offline).
 *
 * <p>Figures are printed and written to target/backup-restore/results.md.
 */
class BackupRestoreSuite {

  /** What the manual ("Making a Base Backup Using the Low Level API") says a copy may leave out, by name. */
  private static final Set<String> SKIPPED_FILES = Set.of("postmaster.pid", "postmaster.opts", "backup_label",
      "tablespace_map", "pg_internal.init",
      // zonky's lock file, not PostgreSQL's: the restored server takes its own.
      "epg-lock");
  /** Directories copied empty: their contents are rebuilt or not needed at start. */
  private static final Set<String> EMPTIED_DIRS = Set.of("pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify",
      "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans");
  private static final Pattern WAL_SEGMENT = Pattern.compile("[0-9A-F]{24}(\\.partial)?|[0-9A-F]{8}\\.history");
  private static final Pattern START_WAL = Pattern.compile("START WAL LOCATION: \\S+ \\(file ([0-9A-F]{24})\\)");

  /** Before the backup: submitted; of those, closed and left in legal review; the rest wait in verification. */
  private static final int BEFORE = 8;
  private static final int CLOSED_BEFORE = 3;
  private static final int IN_REVIEW_BEFORE = 3;
  /** At least this many intakes are acknowledged between pg_backup_start and pg_backup_stop. */
  private static final int DURING_AT_LEAST = 4;

  private final Path out = Path.of(System.getProperty("faults.out", "target/faults")).toAbsolutePath()
      .resolveSibling("backup-restore");
  private final List<String> report = new ArrayList<>();

  @Test
  void aBaseBackupTakenWhileRequestsRunRestoresToAFreshServerWhereTheLogVerifiesAndTheRequestsContinue()
      throws Exception {
    long t0 = System.nanoTime();
    clean(out);
    Path jar = Path.of(System.getProperty("faults.appJar", "target/sanctuary-workflow-0.1.0-SNAPSHOT.jar"));
    assertThat(jar).as("the application jar (mvn -Pfaults verify builds it in package)").exists();
    long seed = System.nanoTime() & 0xffff_ffffL;
    String keyPrefix = "br-" + Long.toHexString(seed) + "-";
    AtomicInteger keys = new AtomicInteger();
    Ledger ledger = new Ledger();
    Random random = new Random(seed);

    // ------------------------------------------------------------------ the running system, before the backup
    Path originalApp = Files.createDirectories(out.resolve("app"));
    int pgPort = freePort();
    int appPort = freePort();
    FaultHttp http = new FaultHttp(appPort);
    Workload users = new Workload(ledger, appPort, seed, 0);
    Checkpoint before;
    String publicKeyBefore;
    long entriesAtCheckpoint;
    long entriesAtStop;
    int acknowledgedBeforeStart;
    int acknowledgedDuringCopy;
    int stepsAcknowledgedDuringCopy;
    int acknowledgedBeforeStop;
    long dataBytes;
    long walBytes;
    int walSegments;
    double copySeconds;
    double backupSeconds;
    String startWalFile;
    Path backup = out.resolve("backup");
    Path backupData = backup.resolve("pgdata");
    try (KillablePostgres db = new KillablePostgres(out.resolve("pgdata"), pgPort, out.resolve("postgres.log"), "on")
        // Without WAL archiving, the segments from the backup's start must still be in pg_wal when they are copied
        // after pg_backup_stop; a checkpoint during the copy could otherwise recycle them (pg_basebackup -X stream
        // avoids this by streaming them). 256 MB is far more than this run writes.
        .withConfig("wal_keep_size", "256MB")) {
      db.create();
      ApplicationProcess app = new ApplicationProcess(jar, originalApp, out.resolve("app.log"), appPort, db.jdbcUrl(),
          // No scheduled checkpoints: the only ones are those the administrator signs, so "the checkpoint published
          // before the backup" is one the restored server must verify against, not a later one.
          "-");
      try {
        long s0 = System.nanoTime();
        app.start();
        app.awaitReady(http, 300);
        say(String.format(Locale.ROOT, "application ready on port %d after %.1f s; PostgreSQL 17 on port %d",
            appPort, secondsSince(s0), pgPort));

        List<Ledger.Request> mine = new ArrayList<>();
        for (int i = 0; i < BEFORE; i++) {
          Ledger.Request r = new Ledger.Request(keyPrefix + keys.incrementAndGet(), false);
          users.submit(http, random, r);
          mine.add(r);
        }
        for (int i = 0; i < CLOSED_BEFORE + IN_REVIEW_BEFORE; i++) {
          Ledger.Request r = mine.get(i);
          users.complete(http, r); // verification: legal review opens
          if (i < CLOSED_BEFORE) {
            while (!r.closed() && !r.broken) {
              users.complete(http, r);
            }
          }
        }
        assertThat(ledger.problems).as("answers before the backup").isEmpty();

        // The administrator signs a checkpoint and publishes it; the public keeps it, with the public key.
        FaultHttp.Answer signed = http.post("admin", "/api/transparency/checkpoints", null, Map.of());
        assertThat(signed).isNotNull();
        assertThat(signed.status()).as("POST /api/transparency/checkpoints: " + signed.body()).isEqualTo(201);
        before = FaultHttp.JSON.readValue(signed.body(), Checkpoint.class);
        ledger.checkpoints.add(new Ledger.SignedCheckpoint(before.treeSize(), before.rootHash()));
        publicKeyBefore = http.get(null, "/api/transparency/public-key").json().get("publicKey").asText();
        Files.writeString(out.resolve("checkpoint-before-backup.json"), signed.body());
        entriesAtCheckpoint = before.treeSize();
        acknowledgedBeforeStart = ledger.acknowledgedRequests().size();
        say(String.format(Locale.ROOT, "before the backup: %d requests acknowledged (%d closed, %d left in legal"
            + " review, %d in verification); checkpoint signed by the administrator at %d entries",
            acknowledgedBeforeStart, CLOSED_BEFORE, IN_REVIEW_BEFORE, BEFORE - CLOSED_BEFORE - IN_REVIEW_BEFORE,
            entriesAtCheckpoint));

        // ---------------------------------------------------------------- the backup, while the desk works on
        long b0 = System.nanoTime();
        try (Connection session = db.connect(); Statement s = session.createStatement()) {
          // fast = true: an immediate checkpoint rather than a spread one, so the copy starts at once.
          s.execute("SELECT pg_backup_start('sanctuary-backup-suite', true)");
          AtomicBoolean copying = new AtomicBoolean(true);
          AtomicInteger intakesDuringCopy = new AtomicInteger();
          AtomicInteger stepsDuringCopy = new AtomicInteger();
          List<Ledger.Request> waiting = new ArrayList<>(mine.subList(CLOSED_BEFORE + IN_REVIEW_BEFORE, BEFORE));
          // The desk takes new requests until the copy is done and at least DURING_AT_LEAST went through since
          // pg_backup_start; meanwhile the verifier verifies those that were waiting (they move into legal review).
          Thread desk = new Thread(() -> {
            FaultHttp deskHttp = new FaultHttp(appPort);
            Random deskRandom = new Random(seed + 1);
            int written = 0;
            while (copying.get() || written < DURING_AT_LEAST) {
              Ledger.Request r = new Ledger.Request(keyPrefix + keys.incrementAndGet(), false);
              users.submit(deskHttp, deskRandom, r);
              written++;
              if (copying.get()) {
                intakesDuringCopy.incrementAndGet();
              }
            }
          }, "backup-desk");
          Thread verifier = new Thread(() -> {
            FaultHttp verifierHttp = new FaultHttp(appPort);
            for (Ledger.Request r : waiting) {
              users.complete(verifierHttp, r);
              if (copying.get()) {
                stepsDuringCopy.incrementAndGet();
              }
            }
          }, "backup-verifier");
          desk.start();
          verifier.start();
          long c0 = System.nanoTime();
          dataBytes = copyDataDirectory(db.dataDir(), backupData);
          copySeconds = secondsSince(c0);
          copying.set(false);
          desk.join(120_000);
          verifier.join(120_000);
          assertThat(desk.isAlive() || verifier.isAlive()).as("the users' work during the backup finished")
              .isFalse();
          stepsAcknowledgedDuringCopy = stepsDuringCopy.get();
          acknowledgedDuringCopy = intakesDuringCopy.get();
          acknowledgedBeforeStop = ledger.acknowledgedRequests().size();
          try (ResultSet rs = s.executeQuery("SELECT count(*) FROM transparency_entry")) {
            rs.next();
            entriesAtStop = rs.getLong(1);
          }
          // wait_for_archive = false: there is no WAL archive; the segments are copied below.
          String label;
          String tablespaceMap;
          try (ResultSet rs = s.executeQuery("SELECT lsn, labelfile, spcmapfile FROM pg_backup_stop(false)")) {
            rs.next();
            label = rs.getString("labelfile");
            tablespaceMap = rs.getString("spcmapfile");
          }
          Files.writeString(backupData.resolve("backup_label"), label, StandardCharsets.UTF_8);
          if (tablespaceMap != null && !tablespaceMap.isEmpty()) {
            Files.writeString(backupData.resolve("tablespace_map"), tablespaceMap, StandardCharsets.UTF_8);
          }
          Matcher m = START_WAL.matcher(label);
          assertThat(m.find()).as("backup_label names its start segment: " + label).isTrue();
          startWalFile = m.group(1);
        }
        long[] wal = copyWal(db.dataDir().resolve("pg_wal"), backupData.resolve("pg_wal"));
        walSegments = (int) wal[0];
        walBytes = wal[1];
        assertThat(backupData.resolve("pg_wal").resolve(startWalFile))
            .as("the WAL segment the backup starts in was still there to copy").exists();
        backupSeconds = secondsSince(b0);
        // The log key is kept outside the database (the demo's key file; production's secret store): back it up too.
        Path keyFile = originalApp.resolve("keys/transparency-log.key");
        Files.createDirectories(backup.resolve("keys"));
        Files.copy(keyFile, backup.resolve("keys/transparency-log.key"), StandardCopyOption.COPY_ATTRIBUTES);
        say(String.format(Locale.ROOT, "base backup (pg_backup_start .. pg_backup_stop, then WAL): %.1f s (data"
            + " directory copied in %.1f s while the desk worked), %.1f MB data directory + %d WAL segment(s) of %.1f"
            + " MB, start segment %s; acknowledged during the copy: %d intakes and %d verifications; %d more intakes"
            + " before pg_backup_stop; %d entries at pg_backup_stop", backupSeconds, copySeconds, dataBytes / 1e6,
            walSegments, walBytes / 1e6, startWalFile, acknowledgedDuringCopy, stepsAcknowledgedDuringCopy, acknowledgedBeforeStop - acknowledgedBeforeStart
                - acknowledgedDuringCopy, entriesAtStop));
        assertThat(ledger.problems).as("answers during the backup").isEmpty();
      } finally {
        app.stop();
      }
    }

    // ------------------------------------------------------------------ the restore, on a fresh server
    long r0 = System.nanoTime();
    Path restoredData = out.resolve("restored-pgdata");
    copyTree(backupData, restoredData);
    Path restoredApp = Files.createDirectories(out.resolve("restored-app/keys"));
    Files.copy(backup.resolve("keys/transparency-log.key"), restoredApp.resolve("transparency-log.key"),
        StandardCopyOption.COPY_ATTRIBUTES);
    restoredApp = restoredApp.getParent();
    int restoredPgPort = freePort();
    int restoredAppPort = freePort();
    FaultHttp restoredHttp = new FaultHttp(restoredAppPort);
    Workload restoredUsers = new Workload(ledger, restoredAppPort, seed, 0);
    try (KillablePostgres db = new KillablePostgres(restoredData, restoredPgPort, out.resolve("restored-postgres.log"),
        "on")) {
      db.start();
      double pgSeconds = secondsSince(r0);
      ApplicationProcess app = new ApplicationProcess(jar, restoredApp, out.resolve("restored-app.log"),
          restoredAppPort, db.jdbcUrl(), "-");
      try {
        app.start();
        app.awaitReady(restoredHttp, 300);
        double restoreSeconds = secondsSince(r0);
        String recovery = recoveryLines(out.resolve("restored-postgres.log"));
        say(String.format(Locale.ROOT, "restore: PostgreSQL up on the copy after %.1f s (copy and WAL recovery),"
            + " application ready after %.1f s; %s", pgSeconds, restoreSeconds, recovery));
        // Recovery from the backup's label, not crash recovery from whatever checkpoint the copied pg_control named:
        // without backup_label PostgreSQL starts anyway, and is only right if no checkpoint ran during the copy.
        assertThat(recovery).as("PostgreSQL recovered from the backup label").contains("completed backup recovery");

        // (a) the log verifies against the checkpoint signed before the backup, on the server and offline.
        JsonNode verify = restoredHttp.get("auditor", "/api/transparency/verify").json();
        say("GET /api/transparency/verify after the restore: " + verify);
        assertThat(verify.get("status").asText()).isEqualTo("OK");
        assertThat(verify.get("checkpointSize").asLong()).isEqualTo(before.treeSize());
        assertThat(verify.get("checkpointRoot").asText()).isEqualTo(before.rootHash());
        assertThat(verify.get("entries").asLong()).isGreaterThanOrEqualTo(entriesAtStop);
        String publicKeyAfter = restoredHttp.get(null, "/api/transparency/public-key").json().get("publicKey")
            .asText();
        assertThat(publicKeyAfter).as("the restored application signs with the same key").isEqualTo(publicKeyBefore);
        LogVerifier.Result offline = verifyOffline(restoredHttp, before, publicKeyBefore);
        say("offline verification of the restored log's export against the checkpoint kept from before the backup: "
            + offline.describe());
        assertThat(offline.ok()).as(offline.describe()).isTrue();

        // (c) every acknowledged request exactly once, at the step its users were told; nothing half-done.
        Invariants invariants = new Invariants(db, restoredHttp, ledger, keyPrefix);
        Invariants.Findings restored = Invariants.Findings.empty();
        Invariants.Seen seen = invariants.check(restored, false);
        say(String.format(Locale.ROOT, "after the restore: %d acknowledged requests (%d acknowledged before"
            + " pg_backup_start), %d closed; %d stored without acknowledgement; log %d entries; %s", seen.requests(),
            acknowledgedBeforeStart, seen.closed(), seen.storedWithoutAcknowledgement(), seen.logEntries(),
            restored.counts()));
        print(restored);
        assertThat(restored.clean()).as(restored.counts()).isTrue();
        assertThat(seen.requests()).isEqualTo(acknowledgedBeforeStop);
        assertThat(seen.storedWithoutAcknowledgement()).isZero();

        // (b) the running requests continue: every open request worked to CLOSED, and a new intake.
        long w0 = System.nanoTime();
        int running = 0;
        for (Ledger.Request r : ledger.acknowledgedRequests()) {
          if (!r.closed()) {
            running++;
          }
          while (!r.closed() && !r.broken) {
            restoredUsers.complete(restoredHttp, r);
          }
        }
        Ledger.Request fresh = new Ledger.Request(keyPrefix + keys.incrementAndGet(), false);
        restoredUsers.submit(restoredHttp, random, fresh);
        while (!fresh.closed() && !fresh.broken) {
          restoredUsers.complete(restoredHttp, fresh);
        }
        assertThat(ledger.problems).as("answers after the restore").isEmpty();
        FaultHttp.Answer after = restoredHttp.post("admin", "/api/transparency/checkpoints", null, Map.of());
        assertThat(after.status()).as("POST /api/transparency/checkpoints after the restore: " + after.body())
            .isEqualTo(201);
        Checkpoint afterCheckpoint = FaultHttp.JSON.readValue(after.body(), Checkpoint.class);
        ledger.checkpoints.add(new Ledger.SignedCheckpoint(afterCheckpoint.treeSize(), afterCheckpoint.rootHash()));
        Invariants.Findings last = Invariants.Findings.empty();
        Invariants.Seen end = invariants.check(last, true);
        JsonNode verifyEnd = restoredHttp.get("auditor", "/api/transparency/verify").json();
        LogVerifier.Result offlineBefore = verifyOffline(restoredHttp, before, publicKeyBefore);
        say(String.format(Locale.ROOT, "running requests continued: %d open requests worked to CLOSED in %.1f s"
            + " through /engine-rest, and one new request from intake to CLOSED (%s); %d of %d requests closed;"
            + " checkpoint signed after the restore at %d entries; verify %s at %d; offline against the new"
            + " checkpoint %s, against the one from before the backup %s; %s", running, secondsSince(w0),
            fresh.reference, end.closed(), end.requests(), afterCheckpoint.treeSize(),
            verifyEnd.get("status").asText(), verifyEnd.get("checkpointSize").asLong(),
            last.unverifiable().stream().anyMatch(x -> x.startsWith("offline")) ? "FAILED" : "OK",
            offlineBefore.ok() ? "OK" : offlineBefore.describe(), last.counts()));
        print(last);
        ledger.problems.forEach(x -> say("  problem: " + x));
        assertThat(last.clean()).as(last.counts()).isTrue();
        assertThat(end.closed()).isEqualTo(end.requests());
        assertThat(verifyEnd.get("status").asText()).isEqualTo("OK");
        assertThat(verifyEnd.get("checkpointSize").asLong()).isEqualTo(afterCheckpoint.treeSize());
        assertThat(offlineBefore.ok()).as(offlineBefore.describe()).isTrue();
        assertThat(running).as("requests that were running at the backup").isGreaterThanOrEqualTo(IN_REVIEW_BEFORE);

        say(String.format(Locale.ROOT, "backup and restore: requests=%d (%d before pg_backup_start, %d during the"
            + " copy with %d verifications, %d after it; %d running at the backup, all CLOSED after the restore; 1 new), entries %d at the"
            + " checkpoint before the backup, %d at pg_backup_stop, %d at the end; backup %.1f MB (data %.1f MB, WAL"
            + " %.1f MB) in %.1f s; restore to a ready application %.1f s; lost=%d duplicated=%d half-done=%d"
            + " unverifiable=%d; duration %.1f s", end.requests(), acknowledgedBeforeStart, acknowledgedDuringCopy,
            stepsAcknowledgedDuringCopy, acknowledgedBeforeStop - acknowledgedBeforeStart - acknowledgedDuringCopy, running,
            entriesAtCheckpoint, entriesAtStop, end.logEntries(), (dataBytes + walBytes) / 1e6, dataBytes / 1e6,
            walBytes / 1e6, backupSeconds, restoreSeconds, restored.lost().size() + last.lost().size(),
            restored.duplicated().size() + last.duplicated().size(),
            restored.halfDone().size() + last.halfDone().size(),
            restored.unverifiable().size() + last.unverifiable().size(), secondsSince(t0)));
      } finally {
        Files.write(out.resolve("results.md"), report);
        app.stop();
      }
    }
  }

  // ---------------------------------------------------------------- the copy

  /**
   * Copies a running cluster's data directory file by file, as the manual's low-level API allows: files may change
   * or vanish while they are read (the WAL replayed from the backup's start repairs what changed), and what the
   * manual lists as not needed is left out. Returns the bytes copied.
   */
  private static long copyDataDirectory(Path from, Path to) throws IOException {
    long[] bytes = new long[1];
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Path target = to.resolve(from.relativize(dir).toString());
        Files.createDirectories(target);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
        if (!dir.equals(from) && dir.getParent().equals(from) && EMPTIED_DIRS.contains(dir.getFileName().toString())) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        if (dir.getFileName().toString().startsWith("pgsql_tmp")) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        String name = file.getFileName().toString();
        if (SKIPPED_FILES.contains(name) || name.startsWith("pgsql_tmp")) {
          return FileVisitResult.CONTINUE;
        }
        try {
          Path target = to.resolve(from.relativize(file).toString());
          Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
          bytes[0] += Files.size(target);
        } catch (NoSuchFileException gone) {
          // Dropped while the walk ran (a table rewritten, a temporary file): the WAL accounts for it.
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw e;
      }
    });
    // Where the WAL goes, and the status directories PostgreSQL expects beside it.
    Files.createDirectories(to.resolve("pg_wal/archive_status"));
    Files.createDirectories(to.resolve("pg_wal/summaries"));
    return bytes[0];
  }

  /** The WAL segments (and timeline history files) of the live pg_wal; returns {segments, bytes}. */
  private static long[] copyWal(Path from, Path to) throws IOException {
    long[] counts = new long[2];
    try (var files = Files.list(from)) {
      for (Path f : files.toList()) {
        if (Files.isRegularFile(f) && WAL_SEGMENT.matcher(f.getFileName().toString()).matches()) {
          Files.copy(f, to.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
          counts[0]++;
          counts[1] += Files.size(f);
        }
      }
    }
    return counts;
  }

  /** A plain copy of a shut-down tree (the restore of the backup), owner-only as PostgreSQL demands. */
  private static void copyTree(Path from, Path to) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Path target = to.resolve(from.relativize(dir).toString());
        Files.createDirectories(target);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  // ---------------------------------------------------------------- checks and figures

  /** The public's check: the export, a checkpoint it kept and the public key it was given, nothing else. */
  private static LogVerifier.Result verifyOffline(FaultHttp http, Checkpoint checkpoint, String publicKey)
      throws Exception {
    PublicKey key = LogKeys.publicKey(Base64.getDecoder().decode(publicKey));
    try (InputStream export = http.stream(null, "/api/transparency/export")) {
      assertThat(export).as("the export downloaded").isNotNull();
      return OfflineVerifier.verify(export, checkpoint, key);
    }
  }

  /** PostgreSQL's own account of the recovery, from its log. */
  private static String recoveryLines(Path log) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      if (line.contains("starting backup recovery") || line.contains("redo done at")
          || line.contains("consistent recovery state") || line.contains("completed backup recovery")
          || line.contains("redo starts at")) {
        lines.add(line.replaceFirst("^.*?(LOG|FATAL|PANIC):\\s*", ""));
      }
    }
    return lines.isEmpty() ? "PostgreSQL logged no recovery" : "PostgreSQL: " + String.join("; ", lines);
  }

  private void print(Invariants.Findings f) {
    f.lost().forEach(x -> say("  lost: " + x));
    f.duplicated().forEach(x -> say("  duplicated: " + x));
    f.halfDone().forEach(x -> say("  half-done: " + x));
    f.unverifiable().forEach(x -> say("  unverifiable: " + x));
  }

  private void say(String line) {
    System.out.println("[backup] " + line);
    report.add(line);
  }

  private static double secondsSince(long t0) {
    return (System.nanoTime() - t0) / 1e9;
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
