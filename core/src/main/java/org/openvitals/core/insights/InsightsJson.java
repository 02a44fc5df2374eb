package org.openvitals.core.insights;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvitals.core.model.Decimals;

/**
 * The JSON form of insights: what {@code openvitals insights --json} prints and the assistant's
 * tools return. Scripts rely on its shape (documented in the README); add fields, never rename.
 */
public final class InsightsJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private InsightsJson() {}

  /** The report's findings ({@code all}: every trend tested, not only the significant ones). */
  public static Map<String, Object> tree(InsightReport report, boolean all, boolean evidence) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("from", report.from().toString());
    out.put("to", report.to().toString());
    out.put("trends_tested", report.trends().size());
    out.put("correlations_tested", report.correlationsTested());
    List<Insight> insights = new ArrayList<>(all ? report.trends() : report.significantTrends());
    insights.addAll(report.anomalies());
    insights.addAll(report.correlations());
    List<Object> items = new ArrayList<>();
    InsightText text = InsightText.canonical();
    for (Insight i : insights) {
      items.add(tree(i, text, evidence));
    }
    out.put("insights", items);
    return out;
  }

  public static String write(Object tree) {
    try {
      return JSON.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Insights always serialise", e);
    }
  }

  static Map<String, Object> tree(Insight insight, InsightText text, boolean withEvidence) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("kind", insight.kind().id());
    o.put("metrics", insight.metrics().stream().map(m -> m.id()).toList());
    o.put("period", ordered("from", insight.from().toString(), "to", insight.to().toString()));
    Insight.Effect e = insight.effect();
    o.put("effect", ordered("value", n(e.value()), "unit", e.unit(), "measure", e.measure()));
    Insight.Strength s = insight.strength();
    o.put("strength", ordered("value", n(s.value()), "measure", s.measure()));
    o.put("days", insight.days());
    o.put("title", text.title(insight));
    o.put("text", text.sentence(insight));
    switch (insight) {
      case Trend t -> {
        o.put("window_days", t.window());
        o.put(
            "compared_with",
            ordered("from", t.previousFrom().toString(), "to", t.previousTo().toString()));
        o.put("mean", n(t.mean()));
        o.put("previous_mean", n(t.previousMean()));
        o.put("days_before", t.previousDays());
        o.put("percent", n(t.percent()));
        o.put("ci95", List.of(n(t.ciLow()), n(t.ciHigh())));
        o.put("test", "welch_t_autocorrelation_adjusted");
        o.put("lag1_autocorrelation", n(t.lag1()));
        o.put("p_value", n(t.pValue()));
        o.put("q_value", n(t.qValue()));
        o.put("significant", t.significant());
        o.put("since", t.since() == null ? null : t.since().toString());
      }
      case Anomaly a -> {
        Baseline b = a.baseline();
        o.put("date", a.date().toString());
        o.put("value", n(a.value()));
        o.put("source", a.source() == null ? null : a.source().key());
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("centre", n(b.centre()));
        base.put("low", n(b.low()));
        base.put("high", n(b.high()));
        base.put("spread", n(b.spread()));
        base.put("log_scale", b.logScale());
        base.put("days", b.days());
        base.put("from", b.first().toString());
        base.put("to", b.last().toString());
        o.put("baseline", base);
        o.put("outside_by", n(a.outside()));
        o.put(
            "explain", new Evidence(a.metric(), a.date(), a.value(), a.source()).explainCommand());
      }
      case Correlation c -> {
        o.put("x", c.x().id());
        o.put(
            "x_measure",
            c.xMeasure() == Correlation.Measure.SHARE_EATEN_LATE
                ? "share_eaten_from_" + LateEating.CUT_OFF
                : "daily_value");
        o.put("y", c.y().id());
        o.put("lag_days", c.lag());
        o.put("rho", n(c.rho()));
        o.put("p_value", n(c.pValue()));
        o.put("q_value", n(c.qValue()));
        o.put("x_threshold", n(c.threshold()));
        o.put("mean_above", n(c.meanAbove()));
        o.put("mean_below", n(c.meanBelow()));
        o.put("slope", ordered("value", n(c.slope()), "unit", c.y().unit() + "/" + c.xUnit()));
      }
    }
    if (withEvidence) {
      List<Object> days = new ArrayList<>();
      for (Evidence ev : insight.evidence()) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("metric", ev.metric().id());
        d.put("date", ev.date().toString());
        d.put("value", n(ev.value()));
        d.put("unit", ev.metric().unit());
        d.put("source", ev.source() == null ? null : ev.source().key());
        days.add(d);
      }
      o.put("evidence", days);
    }
    return o;
  }

  private static Map<String, Object> ordered(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  /** A JSON number with at most 4 decimals, or null for NaN. */
  static BigDecimal n(double value) {
    return Double.isFinite(value) ? Decimals.rounded(value, 4) : null;
  }
}
