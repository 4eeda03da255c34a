package org.sanctuarycity.workflow.faults;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The application as it is shipped (the repackaged jar from target/) in a JVM of its own, on the suite's
 * PostgreSQL, with the demo users. Killed with SIGKILL (Process.destroyForcibly on Linux) and started again in
 * the same working directory, so it finds its transparency log key again.
 */
final class ApplicationProcess {

  private final Path jar;
  private final Path workDir;
  private final Path log;
  private final int port;
  private final String jdbcUrl;
  private final String checkpointCron;
  private Process process;

  ApplicationProcess(Path jar, Path workDir, Path log, int port, String jdbcUrl) {
    // Checkpoints are signed while the kills happen, not once an hour.
    this(jar, workDir, log, port, jdbcUrl, "*/2 * * * * *");
  }

  /** {@code checkpointCron} "-" turns the schedule off: then only an administrator's POST signs a checkpoint. */
  ApplicationProcess(Path jar, Path workDir, Path log, int port, String jdbcUrl, String checkpointCron) {
    this.checkpointCron = checkpointCron;
    this.jar = jar;
    this.workDir = workDir;
    this.log = log;
    this.port = port;
    this.jdbcUrl = jdbcUrl;
  }

  void start() throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:+ExitOnOutOfMemoryError",
        // Start-up speed on 2 shared cores; neither flag changes what the application does.
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-jar", jar.toString(),
        "--server.port=" + port,
        "--spring.profiles.active=demo",
        "--spring.datasource.url=" + jdbcUrl,
        "--spring.datasource.username=postgres",
        "--spring.datasource.password=",
        // In the working directory, which survives the kills: a new key would make every earlier checkpoint
        // unverifiable, which is what a lost key file would do in the demo setup too.
        "--app.transparency.key-file=" + workDir.resolve("keys/transparency-log.key"),
        "--app.transparency.checkpoint-cron=" + checkpointCron,
        // A request that died with its JVM frees its Idempotency-Key after this lease. The default of a minute
        // only makes the retrying clients wait longer; it is still far above any intake's duration.
        "--app.idempotency.in-flight-lease=PT10S",
        // A job locked by a killed JVM is taken up again when its lock expires: 5 minutes by default, which is
        // Camunda's trade-off against running a slow job twice. 20 s keeps the suite short; the jobs here take
        // milliseconds.
        "--camunda.bpm.job-execution.lock-time-in-millis=20000",
        // Timers are looked for at most every 2 s instead of backing off to a minute when the queue is idle.
        "--camunda.bpm.job-execution.max-wait=2000"));
    process = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
  }

  /** Waits until the application answers the desk with its database UP; fails if it exits or takes too long. */
  void awaitReady(FaultHttp http, long timeoutSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the application exited with " + process.exitValue() + "; see " + log);
      }
      FaultHttp.Answer health = http.get(null, "/api/health");
      if (health != null && health.status() == 200) {
        FaultHttp.Answer desk = http.get("desk", "/api/legal-bases");
        if (desk != null && desk.status() == 200) {
          return;
        }
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the application was not ready within " + timeoutSeconds + " s; see " + log);
  }

  void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the application did not die of SIGKILL within 30 s");
    }
  }

  /** A clean stop at the end of the suite (SIGTERM, then SIGKILL). */
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  long pid() {
    return process.pid();
  }
}
