package org.sanctuarycity.workflow.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Percentiles (nearest-rank) and per-second views of timed samples in milliseconds. */
final class Stats {
  private Stats() {}

  static double percentile(Collection<Double> samples, double p) {
    double[] v = samples.stream().mapToDouble(Double::doubleValue).toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(v);
    int rank = (int) Math.ceil(p / 100.0 * v.length);
    return v[Math.max(0, Math.min(v.length - 1, rank - 1))];
  }

  static double round(double v, int digits) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return v;
    }
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }

  /** One timed operation: when it started (ms after the measured window opened) and how long it took. */
  record Timed(double startMs, double ms) {}

  /**
   * Whether the slowest requests came together or one by one: a stall (a GC pause, a checkpoint, a lock convoy)
   * slows every request in flight at once, so its slow requests share the seconds they started in, while a tail
   * spread evenly over the window comes from the requests themselves.
   */
  static Map<String, Object> tail(Collection<Timed> samples, double threshold, Collection<Long> autovacuumSeconds) {
    Map<Long, Long> slowBySecond = new TreeMap<>();
    long slow = 0;
    long slowInAutovacuum = 0;
    long inAutovacuum = 0;
    for (Timed t : samples) {
      long second = (long) (t.startMs() / 1000);
      boolean autovacuum = autovacuumSeconds.contains(second);
      if (autovacuum) {
        inAutovacuum++;
      }
      if (t.ms() > threshold) {
        slow++;
        slowBySecond.merge(second, 1L, Long::sum);
        if (autovacuum) {
          slowInAutovacuum++;
        }
      }
    }
    List<Long> counts = new ArrayList<>(slowBySecond.values());
    counts.sort(Comparator.reverseOrder());
    long inWorst3 = counts.stream().limit(3).mapToLong(Long::longValue).sum();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("slower_than_p99", slow);
    m.put("seconds_they_started_in", slowBySecond.size());
    m.put("share_in_worst_3_seconds", slow == 0 ? 0.0 : round((double) inWorst3 / slow, 2));
    // Compare the two: slow requests that start in autovacuum's seconds more often than requests at large do
    // point at autovacuum.
    m.put("slow_share_started_while_autovacuum_ran", slow == 0 ? 0.0 : round((double) slowInAutovacuum / slow, 2));
    m.put("all_share_started_while_autovacuum_ran", samples.isEmpty() ? 0.0
        : round((double) inAutovacuum / samples.size(), 2));
    return m;
  }

  /**
   * A markdown row per second of the window: requests started, their p50 and max, how many were slow, and the
   * autovacuum samples that saw a worker busy (with the tables it worked on).
   */
  static List<String> timeline(Collection<Timed> samples, double threshold, Map<Long, String> autovacuum) {
    Map<Long, List<Double>> bySecond = new TreeMap<>();
    for (Timed t : samples) {
      bySecond.computeIfAbsent((long) (t.startMs() / 1000), k -> new ArrayList<>()).add(t.ms());
    }
    List<String> rows = new ArrayList<>();
    bySecond.forEach((second, ms) -> rows.add(String.format(java.util.Locale.ROOT,
        "| %d | %d | %.1f | %.1f | %d | %s |", second, ms.size(), percentile(ms, 50),
        ms.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
        ms.stream().filter(v -> v > threshold).count(), autovacuum.getOrDefault(second, ""))));
    return rows;
  }

  /**
   * The least-squares slope of y over x (ordinary regression of y on x), in y units per x unit; NaN with fewer than
   * two points or all x equal. The soak uses it for "stays flat": a fit over every sample is far less sensitive to
   * one GC or one pool resize than last minus first.
   */
  static double slope(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("x and y differ in length: " + x.length + " / " + y.length);
    }
    int n = x.length;
    if (n < 2) {
      return Double.NaN;
    }
    double mx = Arrays.stream(x).average().orElseThrow();
    double my = Arrays.stream(y).average().orElseThrow();
    double sxy = 0;
    double sxx = 0;
    for (int i = 0; i < n; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
    }
    return sxx == 0 ? Double.NaN : sxy / sxx;
  }

  /** A series' slope per hour (x in minutes) with its first, last, min and max, for results.json. */
  static Map<String, Object> trend(double[] minutes, double[] y, int digits) {
    double[] hours = Arrays.stream(minutes).map(m -> m / 60.0).toArray();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("slope_per_h", round(slope(hours, y), digits));
    m.put("first", y.length == 0 ? Double.NaN : round(y[0], digits));
    m.put("last", y.length == 0 ? Double.NaN : round(y[y.length - 1], digits));
    m.put("min", round(Arrays.stream(y).min().orElse(Double.NaN), digits));
    m.put("max", round(Arrays.stream(y).max().orElse(Double.NaN), digits));
    m.put("samples", y.length);
    return m;
  }
}
