package org.sanctuarycity.workflow.faults;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server on a data directory that outlives it, so that it can be killed with SIGKILL and started
 * again on the same files, as after a power cut. Durable as the application's own embedded server is
 * (fsync, synchronous_commit and full_page_writes on): with synchronous_commit off a commit is acknowledged
 * before its WAL leaves the server's memory, and a kill would lose it by design rather than by a defect.
 */
final class KillablePostgres implements AutoCloseable {

  static final String DATABASE = "faults";

  private final Path dataDir;
  private final int port;
  private final Path log;
  private final String synchronousCommit;
  private final Map<String, String> extraConfig = new LinkedHashMap<>();
  private EmbeddedPostgres server;

  /**
   * {@code synchronousCommit} is "on" for the suite; "off" is only for showing that the suite notices lost
   * commits (-Dfaults.synchronousCommit=off: a commit is acknowledged before its WAL is written).
   */
  KillablePostgres(Path dataDir, int port, Path log, String synchronousCommit) {
    this.dataDir = dataDir;
    this.port = port;
    this.log = log;
    this.synchronousCommit = synchronousCommit;
  }

  /** A further server setting for every start from now on (the backup suite keeps WAL for its copy). */
  KillablePostgres withConfig(String name, String value) {
    extraConfig.put(name, value);
    return this;
  }

  Path dataDir() {
    return dataDir;
  }

  /** First start: a new cluster and the application's database. */
  void create() throws Exception {
    start();
    try (Connection c = DriverManager.getConnection(server.getJdbcUrl("postgres", "postgres"));
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + DATABASE);
    }
  }

  /** Starts the server on the kept data directory; after a kill PostgreSQL runs its crash recovery first. */
  void start() throws IOException {
    Files.createDirectories(dataDir);
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
        .setDataDirectory(dataDir)
        // Kept across restarts: that is the point. initdb runs only when the directory has no cluster yet.
        .setCleanDataDirectory(false)
        .setRegisterShutdownHook(false)
        .setPort(port)
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", synchronousCommit)
        .setServerConfig("full_page_writes", "on")
        .setServerConfig("max_connections", "50")
        .setServerConfig("autovacuum_naptime", "10s")
        // Crash recovery of a busy cluster can take longer than zonky's default wait of 10 s on shared cores.
        .setPGStartupWait(Duration.ofSeconds(90))
        .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
    extraConfig.forEach(builder::setServerConfig);
    server = builder.start();
  }

  String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), "postgres", "");
  }

  /**
   * SIGKILL to the postmaster and every backend at once, as a power cut does: killing only the postmaster would
   * leave backends that hold the shared memory, and the next start would refuse to run beside them.
   */
  void kill() throws Exception {
    long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
    ProcessHandle postmaster = ProcessHandle.of(pid)
        .orElseThrow(() -> new IllegalStateException("postmaster " + pid + " is not running"));
    List<ProcessHandle> all = new ArrayList<>(postmaster.descendants().toList());
    all.add(0, postmaster);
    all.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : all) {
      p.onExit().get(30, TimeUnit.SECONDS);
    }
    release();
  }

  /**
   * Lets go of zonky's lock on the data directory (it refuses a second server on a locked directory). Its close
   * runs pg_ctl stop, which finds no server after a kill and only logs that.
   */
  private void release() throws IOException {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** A clean stop (zonky's close runs pg_ctl stop), leaving the data directory as a shut-down cluster. */
  void stop() throws IOException {
    release();
  }

  boolean running() {
    return server != null;
  }

  @Override
  public void close() throws IOException {
    release();
  }
}
