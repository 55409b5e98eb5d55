package com.taskscheduler.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Percentiles of a sample (nearest rank), printed in one line. */
public record Stats(int n, double min, double median, double p95, double p99, double max) {

  public static Stats of(Collection<? extends Number> values) {
    List<Double> sorted = new ArrayList<>();
    values.forEach(v -> sorted.add(v.doubleValue()));
    sorted.sort(null);
    if (sorted.isEmpty()) {
      return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    return new Stats(
        sorted.size(),
        sorted.get(0),
        rank(sorted, 0.50),
        rank(sorted, 0.95),
        rank(sorted, 0.99),
        sorted.get(sorted.size() - 1));
  }

  private static double rank(List<Double> sorted, double q) {
    int index = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  public String line(String unit) {
    return String.format(
        Locale.ROOT,
        "n=%d min=%.2f median=%.2f p95=%.2f p99=%.2f max=%.2f %s",
        n,
        min,
        median,
        p95,
        p99,
        max,
        unit);
  }
}
