package org.openvitals.core.insights;

import org.openvitals.core.demo.SyntheticData.Effects;
import org.openvitals.core.model.MetricType;

/** {@link GeneratedSeries} for tests in other packages. */
public final class GeneratedSeriesAccess {
  private GeneratedSeriesAccess() {}

  /** {@code days} generated days up to 29 November 2026 with {@code effects}, merged in memory. */
  public static InsightData data(long seed, int days, Effects effects, MetricType... metrics) {
    return GeneratedSeries.of(GeneratedSeries.options(seed, days).withEffects(effects), metrics)
        .data;
  }
}
