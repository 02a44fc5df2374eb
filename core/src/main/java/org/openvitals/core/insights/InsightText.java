package org.openvitals.core.insights;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import org.openvitals.core.model.MetricType;

/**
 * One careful sentence per insight, with its figures and the number of days behind it: what the
 * command line prints, the report shows and the app's cards say. Values and days are written by the
 * caller's formats, so the app's cards use the app's date format while the command line and the
 * report keep the fixed English one ({@link #day}).
 */
public final class InsightText {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

  private final ValueFormat format;
  private final Function<LocalDate, String> dayFormat;

  /** Sentences with values in {@code format} and days as {@link #day} writes them. */
  public InsightText(ValueFormat format) {
    this(format, InsightText::day);
  }

  /** Sentences with values in {@code format} and days written by {@code dayFormat}. */
  public InsightText(ValueFormat format, Function<LocalDate, String> dayFormat) {
    this.format = format;
    this.dayFormat = dayFormat;
  }

  public static InsightText canonical() {
    return new InsightText(ValueFormat.CANONICAL);
  }

  public String title(Insight insight) {
    return switch (insight) {
      case Trend t ->
          name(t.metric())
              + ": "
              + (t.significant() ? (t.up() ? "up" : "down") : "steady")
              + " over "
              + t.window()
              + " days";
      case Anomaly a ->
          name(a.metric())
              + " "
              + (a.difference() > 0 ? "high" : "low")
              + " on "
              + dayFormat.apply(a.date());
      case Correlation c when c.xMeasure() == Correlation.Measure.SHARE_EATEN_LATE ->
          "Late eating and " + lower(c.y()) + " that night";
      case Correlation c -> name(c.x()) + " and " + lower(c.y()) + lagWords(c.lag());
    };
  }

  public String sentence(Insight insight) {
    return switch (insight) {
      case Trend t -> trend(t);
      case Anomaly a -> anomaly(a);
      case Correlation c -> correlation(c);
    };
  }

  private String trend(Trend t) {
    MetricType m = t.metric();
    String change =
        t.change() == 0
            ? "unchanged"
            : (t.up() ? "up " : "down ")
                + format.amount(m, Math.abs(t.change()))
                + (Double.isNaN(t.percent())
                    ? ""
                    : String.format(Locale.US, " (%.1f %%)", Math.abs(t.percent())));
    String verdict =
        t.significant() ? "larger than its day-to-day noise" : "within its usual day-to-day noise";
    StringBuilder s =
        new StringBuilder()
            .append(name(m))
            .append(": ")
            .append(t.window())
            .append("-day average ")
            .append(format.amount(m, t.mean()))
            .append(", ")
            .append(change)
            .append(" on the ")
            .append(t.window())
            .append(" days before (")
            .append(format.amount(m, t.previousMean()))
            .append("); ")
            .append(verdict)
            .append(
                String.format(
                    Locale.US,
                    " (Hedges' g %.2f, 95 %% interval %s to %s, q %s; %d and %d days).",
                    t.hedgesG(),
                    signed(m, t.ciLow()),
                    signed(m, t.ciHigh()),
                    p(t.qValue()),
                    t.days(),
                    t.previousDays()));
    if (t.significant() && t.since() != null) {
      s.append(" Trending ")
          .append(t.up() ? "up" : "down")
          .append(" since ")
          .append(dayFormat.apply(t.since()))
          .append('.');
    }
    return s.toString();
  }

  private String anomaly(Anomaly a) {
    MetricType m = a.metric();
    Baseline b = a.baseline();
    return String.format(
        Locale.US,
        "%s on %s: %s, %s %s your baseline of %s (normal range %s to %s, from %d days;"
            + " %.1f spreads out).",
        name(m),
        dayFormat.apply(a.date()),
        format.amount(m, a.value()),
        format.amount(m, Math.abs(a.difference())),
        a.difference() > 0 ? "above" : "below",
        format.amount(m, b.centre()),
        format.amount(m, b.low()),
        format.amount(m, b.high()),
        b.days(),
        Math.abs(a.z()));
  }

  private String correlation(Correlation c) {
    if (c.xMeasure() == Correlation.Measure.SHARE_EATEN_LATE) {
      return lateEating(c);
    }
    String when =
        switch (c.lag()) {
          case 0 -> "On days with ";
          case 1 -> "On days after ";
          default -> "Two days after ";
        };
    String condition =
        c.threshold() == 0
            ? "any " + lower(c.x())
            : lower(c.x()) + " over " + format.amount(c.x(), c.threshold()) + " (your median)";
    String direction = c.difference() >= 0 ? "higher" : "lower";
    return String.format(
        Locale.US,
        "%s%s, %s averaged %s %s than otherwise, allowing for weekday and season"
            + " (Spearman rho %.2f, %d paired days, q %s).",
        when,
        condition,
        lower(c.y()),
        format.amount(c.y(), Math.abs(c.difference())),
        direction,
        c.rho(),
        c.pairs(),
        p(c.qValue()));
  }

  private String lateEating(Correlation c) {
    String condition =
        c.threshold() == 0
            ? "any of your energy"
            : String.format(
                Locale.US, "over %.0f %% of your energy (your median)", 100 * c.threshold());
    return String.format(
        Locale.US,
        "On days you ate %s after %s, %s that night averaged %s %s than otherwise, allowing for"
            + " weekday and season (Spearman rho %.2f, %d paired days, q %s).",
        condition,
        LateEating.CUT_OFF,
        lower(c.y()),
        format.amount(c.y(), Math.abs(c.difference())),
        c.difference() >= 0 ? "higher" : "lower",
        c.rho(),
        c.pairs(),
        p(c.qValue()));
  }

  private static String lagWords(int lag) {
    return switch (lag) {
      case 0 -> ", same day";
      case 1 -> ", next day";
      default -> ", two days later";
    };
  }

  private String signed(MetricType m, double v) {
    return (v < 0 ? "-" : "+") + format.amount(m, Math.abs(v));
  }

  static String name(MetricType m) {
    return m.displayName();
  }

  private static String lower(MetricType m) {
    String n = m.displayName();
    return n.length() > 1 && Character.isUpperCase(n.charAt(1))
        ? n
        : n.substring(0, 1).toLowerCase(Locale.ROOT) + n.substring(1);
  }

  /** A day in the fixed English form of the command line and the report ("Fri 6 Nov 2026"). */
  public static String day(LocalDate d) {
    return DAY.format(d);
  }

  private static String p(double p) {
    return p < 0.001 ? "< 0.001" : String.format(Locale.US, "%.3f", p);
  }
}
