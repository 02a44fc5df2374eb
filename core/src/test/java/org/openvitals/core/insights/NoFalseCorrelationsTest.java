package org.openvitals.core.insights;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openvitals.core.model.MetricType;

/**
 * People generated without any relation between their metrics (beyond shared weekdays and seasons)
 * are told of no correlation. At the reporting rate ({@link Correlation#FDR}) a chance finding is
 * possible, so the property over many people bounds how often it happens.
 */
class NoFalseCorrelationsTest {
  private static final int DAYS = 121;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void noCorrelationWithoutAPlantedOne(long seed) {
    InsightReport report = report(seed);
    assertThat(report.correlationsTested()).isGreaterThanOrEqualTo(20);
    assertThat(report.correlations()).isEmpty();
  }

  /** In at most 1 of 10 generated people (expected: about 1 in 100) a chance correlation. */
  @Property(tries = 10, seed = "20261129")
  void chanceCorrelationsAreRare(@ForAll @LongRange(min = 1000, max = 1_000_000) long seed) {
    boolean found = !report(seed).correlations().isEmpty();
    Statistics.collect(found ? "chance correlation" : "none");
    Statistics.coverage(
        coverage -> coverage.check("chance correlation").percentage(p -> p <= 10.0));
  }

  private static InsightReport report(long seed) {
    Set<MetricType> metrics = new LinkedHashSet<>();
    Correlations.PAIRS.forEach(p -> {
      metrics.add(p.x());
      metrics.add(p.y());
    });
    GeneratedSeries g =
        GeneratedSeries.of(GeneratedSeries.options(seed, DAYS), metrics.toArray(MetricType[]::new));
    return Insights.of(g.data, g.from, g.to);
  }
}
