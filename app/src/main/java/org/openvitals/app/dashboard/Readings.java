package org.openvitals.app.dashboard;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.SampleStore;

/**
 * Every stored reading of a metric in a time span, per source, as primitive arrays a chart takes
 * without copying (a year of minute-level heart rate is over half a million points per source).
 *
 * @param series one per source, readings ordered by time
 */
public record Readings(MetricType metric, List<Series> series) {

  /**
   * @param epochSeconds each reading's start, in seconds since the epoch
   * @param values each reading in the metric's canonical unit
   */
  public record Series(SourceRef source, double[] epochSeconds, double[] values) {}

  public long count() {
    return series.stream().mapToLong(s -> s.values().length).sum();
  }

  /** Streams the readings from the store; stops with a cancellation when asked to. */
  public static Readings load(
      SampleStore store, MetricType metric, Instant from, Instant to, BooleanSupplier cancelled) {
    Map<SourceRef, Growing> bySource = new LinkedHashMap<>();
    store.forEachSample(
        metric,
        from,
        to,
        s -> {
          Growing g = bySource.computeIfAbsent(s.source(), k -> new Growing());
          if ((g.size & 0xFFFF) == 0 && cancelled.getAsBoolean()) {
            throw new CancellationException("Loading readings was cancelled");
          }
          g.add(s.start().toEpochSecond() + s.start().getNano() / 1e9, s.value());
        });
    return new Readings(
        metric,
        bySource.entrySet().stream()
            .map(e -> new Series(e.getKey(), e.getValue().x(), e.getValue().y()))
            .toList());
  }

  private static final class Growing {
    double[] x = new double[1024];
    double[] y = new double[1024];
    int size;

    void add(double at, double value) {
      if (size == x.length) {
        x = Arrays.copyOf(x, size * 2);
        y = Arrays.copyOf(y, size * 2);
      }
      x[size] = at;
      y[size] = value;
      size++;
    }

    double[] x() {
      return Arrays.copyOf(x, size);
    }

    double[] y() {
      return Arrays.copyOf(y, size);
    }
  }
}
