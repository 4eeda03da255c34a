package org.sanctuarycity.workflow.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Looks at pg_stat_activity ten times a second for autovacuum workers, so that a phase's timeline can show
 * whether its slow seconds were the seconds autovacuum ran. One small query per sample on its own connection.
 */
final class AutovacuumSampler implements AutoCloseable {

  /** One look: when (System.nanoTime), how many workers were busy, and on what. */
  record Sample(long nanos, int workers, String work) {}

  private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
  private final Thread thread;
  private volatile boolean stop;

  AutovacuumSampler(Connection c, String database) {
    thread = new Thread(() -> {
      try (c; Statement st = c.createStatement()) {
        while (!stop) {
          try (ResultSet rs = st.executeQuery("SELECT count(*), coalesce(string_agg(regexp_replace(query, "
              + "'^autovacuum: ', ''), '; '), '') FROM pg_stat_activity WHERE backend_type = 'autovacuum worker' "
              + "AND datname = '" + database + "'")) {
            rs.next();
            samples.add(new Sample(System.nanoTime(), rs.getInt(1), rs.getString(2)));
          }
          TimeUnit.MILLISECONDS.sleep(100);
        }
      } catch (SQLException | InterruptedException e) {
        samples.add(new Sample(System.nanoTime(), -1, "sampling stopped: " + e.getMessage()));
      }
    }, "autovacuum-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  /** Per second after {@code startNanos}: the share of samples with a busy worker, and what they worked on. */
  Map<Long, String> bySecond(long startNanos) {
    Map<Long, int[]> counts = new TreeMap<>();
    Map<Long, TreeSet<String>> work = new TreeMap<>();
    for (Sample s : samples) {
      if (s.nanos() < startNanos || s.workers() < 0) {
        continue;
      }
      long second = (s.nanos() - startNanos) / 1_000_000_000L;
      int[] n = counts.computeIfAbsent(second, k -> new int[2]);
      n[1]++;
      if (s.workers() > 0) {
        n[0]++;
        for (String w : s.work().split("; ")) {
          // A worker that has just started shows no query yet.
          if (!w.isBlank()) {
            work.computeIfAbsent(second, k -> new TreeSet<>()).add(w.replace("public.", ""));
          }
        }
      }
    }
    Map<Long, String> out = new TreeMap<>();
    counts.forEach((second, n) -> out.put(second, n[0] + "/" + n[1]
        + (work.containsKey(second) ? " " + String.join(", ", work.get(second)) : "")));
    return out;
  }

  /** The seconds after {@code startNanos} in which at least one sample saw a busy worker. */
  Set<Long> busySeconds(long startNanos) {
    return samples.stream().filter(s -> s.nanos() >= startNanos && s.workers() > 0)
        .map(s -> (s.nanos() - startNanos) / 1_000_000_000L).collect(Collectors.toCollection(TreeSet::new));
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    thread.join(2000);
  }
}
