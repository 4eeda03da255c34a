package org.sanctuarycity.workflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time used by the three parties of a measurement, read from /proc: the application's JVM, the embedded
 * PostgreSQL (postmaster, its live backends, and the backends it has already reaped), and the benchmark JVM
 * itself (load generator, and the bare engine in the baseline). Wall-clock throughput on a shared 2-core machine
 * says how fast; this says who spent the cores, which is what a fix has to reduce.
 */
final class CpuMeter {

  /** Linux reports process times in clock ticks; 100 per second on every x86-64 and arm64 kernel config in use. */
  private static final double MS_PER_TICK = 10.0;

  private final Path pgData;
  private volatile long appPid = -1;

  CpuMeter(Path pgData) {
    this.pgData = pgData;
  }

  void application(long pid) {
    appPid = pid;
  }

  /** CPU milliseconds of a JVM's JIT compiler threads, and of the whole process; for the warm-up's stop rule. */
  static double[] jitAndTotalMs(long pid) {
    return new double[] {threadTicks(pid, "C1 CompilerThre", "C2 CompilerThre") * MS_PER_TICK,
        ticks(pid, false) * MS_PER_TICK};
  }

  record Sample(long app, long appJit, long appGc, long postgres, long bench, long nanos) {}

  /** CPU milliseconds per party between two samples, and the wall time between them. */
  record Usage(double appMs, double appJitMs, double appGcMs, double postgresMs, double benchMs, double seconds) {

    Map<String, Object> perOperation(long operations, String benchName) {
      Map<String, Object> m = new LinkedHashMap<>();
      if (operations <= 0) {
        return m;
      }
      if (appMs >= 0) {
        m.put("application", Stats.round(appMs / operations, 2));
        // Parts of the application's figure: its JIT compiler threads (still compiling means not yet warm) and GC.
        m.put("application_jit", Stats.round(appJitMs / operations, 2));
        m.put("application_gc", Stats.round(appGcMs / operations, 2));
      }
      if (postgresMs >= 0) {
        m.put("postgres", Stats.round(postgresMs / operations, 2));
      }
      m.put(benchName, Stats.round(benchMs / operations, 2));
      m.put("total", Stats.round((Math.max(0, appMs) + Math.max(0, postgresMs) + benchMs) / operations, 2));
      // Share of the machine the three used over the window: near the core count means CPU-bound.
      m.put("cores_busy", Stats.round((Math.max(0, appMs) + Math.max(0, postgresMs) + benchMs)
          / (seconds * 1000.0), 2));
      return m;
    }
  }

  Sample sample() {
    long pid = appPid;
    return new Sample(pid > 0 ? ticks(pid, false) : -1, pid > 0 ? threadTicks(pid, "C1 CompilerThre", "C2 CompilerThre") : -1,
        pid > 0 ? threadTicks(pid, "GC Thread", "G1 ") : -1, postgresTicks(), ticks(ProcessHandle.current().pid(), false),
        System.nanoTime());
  }

  static Usage between(Sample a, Sample b) {
    return new Usage(a.app < 0 || b.app < 0 ? -1 : (b.app - a.app) * MS_PER_TICK,
        a.appJit < 0 || b.appJit < 0 ? -1 : Math.max(0, b.appJit - a.appJit) * MS_PER_TICK,
        a.appGc < 0 || b.appGc < 0 ? -1 : Math.max(0, b.appGc - a.appGc) * MS_PER_TICK,
        a.postgres < 0 || b.postgres < 0 ? -1 : (b.postgres - a.postgres) * MS_PER_TICK,
        (b.bench - a.bench) * MS_PER_TICK, (b.nanos - a.nanos) / 1e9);
  }

  /** The postmaster's own and reaped children's time plus every live backend's; -1 for an external server. */
  private long postgresTicks() {
    if (pgData == null) {
      return -1;
    }
    long postmaster;
    try {
      postmaster = Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim());
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    long total = ticks(postmaster, true);
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) procs::iterator) {
        String name = p.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        String[] f = fields(Long.parseLong(name));
        if (f != null && Long.parseLong(f[1]) == postmaster) {
          total += Long.parseLong(f[11]) + Long.parseLong(f[12]);
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return total;
  }

  /**
   * CPU of the JVM's threads whose name starts with one of the prefixes (thread names are cut to 15 characters).
   * A compiler thread the JVM retires when idle takes its time with it, so this can under-count, never over-count.
   */
  private static long threadTicks(long pid, String... prefixes) {
    long total = 0;
    try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path t : (Iterable<Path>) tasks::iterator) {
        String comm;
        try {
          comm = Files.readString(t.resolve("comm")).trim();
        } catch (IOException gone) {
          continue;
        }
        for (String prefix : prefixes) {
          if (comm.startsWith(prefix)) {
            String[] f = fields(pid, t.getFileName().toString());
            if (f != null) {
              total += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            }
            break;
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return total;
  }

  private static long ticks(long pid, boolean withReapedChildren) {
    String[] f = fields(pid);
    if (f == null) {
      return -1;
    }
    long t = Long.parseLong(f[11]) + Long.parseLong(f[12]);
    return withReapedChildren ? t + Long.parseLong(f[13]) + Long.parseLong(f[14]) : t;
  }

  /** /proc/pid/stat from field 3 (state) on: [0]=state, [1]=ppid, ... [11]=utime, [12]=stime, [13]=cutime, [14]=cstime. */
  private static String[] fields(long pid) {
    return fields(pid, null);
  }

  private static String[] fields(long pid, String thread) {
    try {
      Path dir = Path.of("/proc", Long.toString(pid));
      String stat = Files.readString(thread == null ? dir.resolve("stat") : dir.resolve("task").resolve(thread).resolve("stat"));
      // The command name is in parentheses and may itself contain spaces or parentheses.
      return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException gone) {
      return null;
    }
  }
}
