package org.sanctuarycity.workflow.bench;

import static org.sanctuarycity.workflow.bench.Stats.round;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A working day's soak (issue 16, item 7): requests arrive at a steady rate while four clients work their tasks
 * through the whole flow (FederalRequestDriver), and every {@code sampleS} seconds the application's heap after a
 * full GC, its RSS, threads and open file descriptors, and its PostgreSQL connections are sampled. What counts is the
 * least-squares slope of each series after the warm-up: a leak shows as a steady climb, whatever the noise.
 */
final class Soak {

  /** One sample of the application process and its database, {@code minute} after the soak started. */
  record Sample(double minute, double heapAfterGcMb, double metaspaceMb, double rssMb, int threads, int fds,
      int pgConnections, long submitted, long completed, long errors, int backlog) {

    static final String HEADER = "minute\theap_after_gc_mb\tmetaspace_mb\trss_mb\tthreads\tfds\tpg_connections"
        + "\tsubmitted\tcompleted\terrors\tbacklog";

    String tsv() {
      return String.format(Locale.ROOT, "%.2f\t%.1f\t%.1f\t%.1f\t%d\t%d\t%d\t%d\t%d\t%d\t%d", minute, heapAfterGcMb,
          metaspaceMb, rssMb, threads, fds, pgConnections, submitted, completed, errors, backlog);
    }
  }

  /** How long, how fast and how often; from -Dbench.soak* (see BenchSuite). */
  record Settings(double minutes, double warmupMinutes, double intakePerS, int workers, int sampleS) {}

  /** What the soak measured: its figures for results.json, how they were measured, and its budgets. */
  record Outcome(Map<String, Object> figures, String how, List<String[]> budgets, List<String> findings) {}

  private final BenchDatabase db;
  private final long pid;
  private final int port;
  private final Path out;
  private final Settings settings;
  private final Consumer<String> say;

  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicLong submitted = new AtomicLong();
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final List<String> firstErrors = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final BlockingQueue<String> toWork = new LinkedBlockingQueue<>();
  private final Path gcLog;

  Soak(BenchDatabase db, long pid, int port, Path out, Settings settings, Consumer<String> say) {
    this.db = db;
    this.pid = pid;
    this.port = port;
    this.out = out;
    this.settings = settings;
    this.say = say;
    this.gcLog = out.resolve("soak-gc.log").toAbsolutePath();
  }

  Outcome run() throws Exception {
    Path tsv = out.resolve("soak.tsv");
    List<Sample> samples = new ArrayList<>();
    long appLogLinesBefore = errorLines();
    ExecutorService pool = Executors.newFixedThreadPool(1 + settings.workers());
    long t0 = System.nanoTime();
    long end = t0 + (long) (settings.minutes() * 60e9);
    try (Connection monitor = db.connect(db.url("postgres"))) {
      // The application logs its GCs from now on (as -Xlog:gc would from the start), to read each full GC's result.
      jcmd("VM.log output=file=" + gcLog + " what=gc=info decorators=uptime");
      pool.submit(this::intake);
      for (int i = 0; i < settings.workers(); i++) {
        pool.submit(this::worker);
      }
      Files.writeString(tsv, Sample.HEADER + "\n");
      // The first sample at once (it shows the state before the load), then every sampleS seconds, on a fixed
      // schedule so that the time a sample takes (a full GC) does not stretch the intervals.
      for (int k = 0; ; k++) {
        long due = t0 + TimeUnit.SECONDS.toNanos((long) k * settings.sampleS());
        if (due > end) {
          break;
        }
        sleepUntil(due);
        Sample s = sample(monitor, (System.nanoTime() - t0) / 60e9);
        samples.add(s);
        Files.writeString(tsv, s.tsv() + "\n", java.nio.file.StandardOpenOption.APPEND);
        say.accept("soak: " + s);
      }
      sleepUntil(end);
      stop.set(true);
      // The last requests posted are still being worked; give the workers a minute to close them, so that
      // "submitted == completed" means what it says.
      long drain0 = System.nanoTime();
      while (!toWork.isEmpty() || inFlight.get() > 0) {
        if (System.nanoTime() - drain0 > TimeUnit.SECONDS.toNanos(60)) {
          break;
        }
        Thread.sleep(100);
      }
      drained.set(true);
    } finally {
      stop.set(true);
      drained.set(true);
      pool.shutdown();
      if (!pool.awaitTermination(120, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    }
    double wallMin = (System.nanoTime() - t0) / 60e9;
    return outcome(samples, wallMin, errorLines() - appLogLinesBefore);
  }

  private final AtomicLong inFlight = new AtomicLong();
  private final AtomicBoolean drained = new AtomicBoolean();

  /** The desk posts a request every 1/intakePerS seconds, on a fixed schedule (late ones catch up). */
  private void intake() {
    BenchHttp http = new BenchHttp(port);
    long periodNs = (long) (1e9 / settings.intakePerS());
    long t0 = System.nanoTime();
    for (long i = 0; !stop.get(); i++) {
      try {
        sleepUntil(t0 + i * periodNs);
        if (stop.get()) {
          return;
        }
        // Counted in flight until queued, so that the drain at the end waits for an intake still under way.
        inFlight.incrementAndGet();
        try {
          String reference = FederalRequestDriver.submit(http);
          submitted.incrementAndGet();
          toWork.add(reference);
        } finally {
          inFlight.decrementAndGet();
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        error("intake", e);
      }
    }
  }

  /** One of the four staff clients: takes the oldest request not yet worked and works it to CLOSED. */
  private void worker() {
    BenchHttp http = new BenchHttp(port);
    while (!drained.get()) {
      String reference;
      try {
        reference = toWork.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (reference == null) {
        continue;
      }
      inFlight.incrementAndGet();
      try {
        FederalRequestDriver.workToClosed(http, reference);
        completed.incrementAndGet();
      } catch (RuntimeException e) {
        error("work", e);
      } finally {
        inFlight.decrementAndGet();
      }
    }
  }

  private void error(String where, RuntimeException e) {
    errors.incrementAndGet();
    if (firstErrors.size() < 5) {
      // The driver's messages carry the status and at most 300 characters of the answer; the requests are the
      // driver's synthetic ones ("Bench Subject ..."), so no personal data reaches results.md.
      firstErrors.add(where + ": " + e);
    }
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  // ---------------------------------------------------------------- sampling

  private Sample sample(Connection monitor, double minute) throws Exception {
    // A full GC, and the heap after it as that GC logged it: GC.heap_info a moment later would include what the load
    // allocated in between (tens of MB at 2 requests/s; one sample of the first trial read 156 MB among 115-120).
    jcmd("GC.run");
    double heapAfterGcMb = lastFullGcAfterMb(Files.readString(gcLog));
    String heapInfo = jcmd("GC.heap_info");
    Map<String, Long> status = procStatus();
    int fds;
    try (var list = Files.list(Path.of("/proc/" + pid + "/fd"))) {
      fds = (int) list.count();
    }
    int connections;
    try (Statement s = monitor.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = 'bench_app' "
            // Client backends only: autovacuum workers on bench_app show in pg_stat_activity too (the 30-minute run
            // of 2026-12-08 counted them, and read 5 or 6 at times beside Hikari's fixed 4).
            + "AND backend_type = 'client backend'")) {
      rs.next();
      connections = rs.getInt(1);
    }
    return new Sample(minute, heapAfterGcMb, metaspaceUsedKb(heapInfo) / 1024.0,
        status.get("VmRSS") / 1024.0, status.get("Threads").intValue(), fds, connections, submitted.get(),
        completed.get(), errors.get(), toWork.size() + (int) inFlight.get());
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    List<String> cmd = new ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
    cmd.addAll(List.of(command.split(" ")));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + text);
    }
    return text;
  }

  private static final Pattern FULL_GC = Pattern.compile(
      "Pause Full \\([^)]*\\) (\\d+(?:\\.\\d+)?)([KMG])->(\\d+(?:\\.\\d+)?)([KMG])\\(");

  /** The heap after the last full GC in a -Xlog:gc log ("Pause Full (Diagnostic Command) 150M->118M(384M) ..."). */
  static double lastFullGcAfterMb(String gcLog) {
    double mb = Double.NaN;
    for (String line : gcLog.split("\n")) {
      Matcher m = FULL_GC.matcher(line);
      if (m.find()) {
        mb = Double.parseDouble(m.group(3)) * switch (m.group(4)) {
          case "K" -> 1 / 1024.0;
          case "G" -> 1024.0;
          default -> 1.0;
        };
      }
    }
    if (Double.isNaN(mb)) {
      throw new IllegalStateException("no full GC in the GC log");
    }
    return mb;
  }

  private static final Pattern METASPACE_USED = Pattern.compile("^\\s*Metaspace\\s+used (\\d+)K");

  /** Metaspace used from GC.heap_info, for information (no budget): class loading should level off too. */
  static long metaspaceUsedKb(String heapInfo) {
    for (String line : heapInfo.split("\n")) {
      Matcher m = METASPACE_USED.matcher(line);
      if (m.find()) {
        return Long.parseLong(m.group(1));
      }
    }
    return -1;
  }

  private Map<String, Long> procStatus() throws IOException {
    Map<String, Long> m = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:") || line.startsWith("Threads:")) {
        m.put(line.substring(0, line.indexOf(':')), Long.parseLong(line.replaceAll("[^0-9]", "")));
      }
    }
    return m;
  }

  /** Lines of the application's log at level ERROR (Spring Boot's console pattern puts the level after the time). */
  private long errorLines() {
    try (var lines = Files.lines(out.resolve("app.log"))) {
      return lines.filter(l -> l.contains(" ERROR ")).count();
    } catch (IOException | java.io.UncheckedIOException e) {
      return -1;
    }
  }

  // ---------------------------------------------------------------- figures and budgets

  // Budgets, chosen before the run. Connections: Hikari keeps a fixed pool of 4, so any drift is a leak.
  // Threads: a thread per request (a leak) would be thousands an hour; Tomcat's pool growing or shrinking by one
  // over the window is about 2/h, so 1/h asks for a really flat count. Heap after a full GC is the live set; 5 MB/h
  // is 40 MB in a working day, about a tenth of the 384 MB heap. RSS also grows with malloc arenas and the code
  // cache, which level off; 20 MB/h after the warm-up is 160 MB a day, still within what -Xmx384m leaves room for.
  static final double MAX_CONNECTIONS_PER_H = 1;
  static final double MAX_THREADS_PER_H = 1;
  static final double MAX_HEAP_MB_PER_H = 5;
  static final double MAX_RSS_MB_PER_H = 20;

  private Outcome outcome(List<Sample> all, double wallMin, long appErrorLines) throws SQLException {
    List<Sample> window = all.stream().filter(s -> s.minute() >= settings.warmupMinutes()).toList();
    double[] x = window.stream().mapToDouble(Sample::minute).toArray();
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("minutes", round(wallMin, 2));
    f.put("warmup_minutes", settings.warmupMinutes());
    f.put("intake_per_s_target", settings.intakePerS());
    f.put("intake_per_s_achieved", round(submitted.get() / (settings.minutes() * 60), 3));
    f.put("workers", settings.workers());
    f.put("sample_every_s", settings.sampleS());
    f.put("requests_submitted", submitted.get());
    f.put("requests_completed", completed.get());
    f.put("errors", errors.get());
    f.put("first_errors", List.copyOf(firstErrors));
    f.put("app_log_error_lines", appErrorLines);
    f.put("samples_total", all.size());
    f.put("samples_in_slope", window.size());
    f.put("heap_after_gc_mb", Stats.trend(x, series(window, Sample::heapAfterGcMb), 1));
    f.put("rss_mb", Stats.trend(x, series(window, Sample::rssMb), 1));
    f.put("pg_connections", Stats.trend(x, series(window, s -> s.pgConnections()), 2));
    f.put("threads", Stats.trend(x, series(window, s -> s.threads()), 2));
    f.put("metaspace_mb", Stats.trend(x, series(window, Sample::metaspaceMb), 1));
    f.put("open_fds", Stats.trend(x, series(window, s -> s.fds()), 2));
    f.put("backlog", Stats.trend(x, series(window, s -> s.backlog()), 2));
    try (Connection c = db.connect(db.url("bench_app")); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT status, count(*) FROM federal_request GROUP BY status ORDER BY 1")) {
      Map<String, Long> byStatus = new LinkedHashMap<>();
      while (rs.next()) {
        byStatus.put(rs.getString(1), rs.getLong(2));
      }
      f.put("requests_by_status_at_end", byStatus);
    }

    List<String[]> budgets = new ArrayList<>();
    budgets.add(BenchSuite.check("soak: errors == 0 (every intake and task completion answered as expected)",
        errors.get() == 0));
    budgets.add(BenchSuite.check("soak: every submitted request worked to CLOSED (requests_completed == "
        + "requests_submitted)", submitted.get() > 0 && completed.get() == submitted.get()));
    budgets.add(BenchSuite.check("soak: |pg_connections.slope_per_h| <= " + MAX_CONNECTIONS_PER_H,
        Math.abs(slope(f, "pg_connections")) <= MAX_CONNECTIONS_PER_H));
    budgets.add(BenchSuite.check("soak: |threads.slope_per_h| <= " + MAX_THREADS_PER_H,
        Math.abs(slope(f, "threads")) <= MAX_THREADS_PER_H));
    budgets.add(BenchSuite.check("soak: heap_after_gc_mb.slope_per_h <= " + MAX_HEAP_MB_PER_H,
        slope(f, "heap_after_gc_mb") <= MAX_HEAP_MB_PER_H));
    budgets.add(BenchSuite.check("soak: rss_mb.slope_per_h <= " + MAX_RSS_MB_PER_H,
        slope(f, "rss_mb") <= MAX_RSS_MB_PER_H));

    List<String> findings = new ArrayList<>();
    if (errors.get() > 0) {
      findings.add("soak: " + errors.get() + " errors; the first: " + firstErrors);
    }
    // "No budget failed" in results.md counts findings; a failed soak budget must not read as none.
    budgets.stream().filter(b -> b[1].equals("FAIL"))
        .forEach(b -> findings.add("soak: budget failed: " + b[0] + " (figures under `soak`; series in soak.tsv)."));
    if (window.size() < 3) {
      findings.add("soak: only " + window.size() + " samples after the warm-up; the slopes say little. Run longer "
          + "(-Dbench.soakMinutes).");
    }

    String how = String.format(Locale.ROOT, "A working day's soak (issue 16, item 7), %.1f minutes (-Dbench.soakMinutes) "
        + "on the application jar (-Xmx384m) just started, no other phase's load before it except the commit ceiling. "
        + "The desk posts a request every %.0f ms (%.2f/s, -Dbench.soakRate; a few percent of the full flow's "
        + "capacity) on one client, on a fixed schedule; %d other clients (one HTTP/1.1 connection each) take the "
        + "requests in order and work each through its four user tasks as the verifier, the attorney (DECLINE) and "
        + "the desk (send, notify) until CLOSED (FederalRequestDriver.workToClosed). At the end the intake stops and "
        + "the workers get up to 60 s to finish. Every %d s: `jcmd <pid> GC.run` (a full GC) then `GC.heap_info` "
        + "(metaspace); heap after GC = that full GC's own figure in the GC log the soak turns on at its start "
        + "(`VM.log what=gc`, target/bench/soak-gc.log: \"Pause Full (Diagnostic Command) before->after(size)\"), VmRSS and Threads from /proc/<pid>/status, the entries of "
        + "/proc/<pid>/fd, and count(*) of pg_stat_activity for datname bench_app (the application's pool; the "
        + "suite's own monitor connects to database postgres). errors = any intake or task step that threw "
        + "(non-2xx, not exactly one open task, I/O). app_log_error_lines = ERROR lines the application logged "
        + "during the soak. Each series: least-squares slope per hour over the samples from minute %.1f on (the "
        + "first %.1f minutes are warm-up: JIT, caches, Tomcat's pool), and the first, last, min and max of those "
        + "samples. Budgets: errors 0 and every request CLOSED; |connections slope| <= %.0f/h (a fixed Hikari pool "
        + "of 4); |threads slope| <= %.0f/h (a leaked thread per request would be thousands an hour); heap after GC "
        + "<= %.0f MB/h (40 MB in an 8-hour day, a tenth of the heap); RSS <= %.0f MB/h (malloc arenas and the code "
        + "cache may still grow after the warm-up, and level off). Series in soak.tsv. Not part of the default run "
        + "(30 minutes): -Dbench.only=soak.", wallMin, 1000 / settings.intakePerS(), settings.intakePerS(),
        settings.workers(), settings.sampleS(), settings.warmupMinutes(), settings.warmupMinutes(),
        MAX_CONNECTIONS_PER_H, MAX_THREADS_PER_H, MAX_HEAP_MB_PER_H, MAX_RSS_MB_PER_H);
    return new Outcome(f, how, budgets, findings);
  }

  private static double[] series(List<Sample> samples, ToDoubleFunction<Sample> field) {
    return samples.stream().mapToDouble(field).toArray();
  }

  @SuppressWarnings("unchecked")
  private static double slope(Map<String, Object> figures, String series) {
    Object v = ((Map<String, Object>) figures.get(series)).get("slope_per_h");
    // NaN (too few samples) fails every comparison, so the budget shows FAIL.
    return v instanceof Number n ? n.doubleValue() : Double.NaN;
  }
}
