package org.sanctuarycity.workflow.bench;

import java.util.Arrays;
import java.util.Collection;

/** Percentiles over samples in milliseconds (nearest-rank). */
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
}
