package org.openvitals.core.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;

/**
 * Renders an {@link Explanation} as plain text, for a terminal and the app's "Full explanation":
 * sources by the names people know (their keys, which preferences use, beside them in the source
 * order), values in the reader's units and times in the reader's zone, all through a {@link
 * Wording} the caller supplies.
 */
public final class ExplanationText {
  /** Slice runs, readings and entries beyond this many are summarised (JSON has them all). */
  static final int MAX_LINES = 40;

  /**
   * How a reader sees names, values and times; the app's one formatter implements it. Count units
   * are words or left out ("277 readings", "72 bpm"), never unit codes.
   */
  public interface Wording {
    /** A source as people name it. */
    String source(SourceRef source);

    /** A value of {@code metric} with its unit ("8,432 steps", "72 bpm", "7 h 05 min"). */
    String full(MetricType metric, double canonical);

    /** A count of things ("277 readings"). */
    String count(long n, String noun);

    /** A duration in minutes ("45 min"). */
    String duration(double minutes);

    String day(LocalDate day);

    /** A date and time of day in the reader's zone. */
    String dateTime(Instant at);

    /** A time of day in the reader's zone. */
    String time(Instant at);
  }

  private ExplanationText() {}

  public static String render(Explanation e, Wording w) {
    MetricType metric = e.metric();
    StringBuilder out = new StringBuilder();
    out.append(metric.displayName())
        .append(" (")
        .append(metric.id())
        .append(") on ")
        .append(w.day(e.day()))
        .append(", days in ")
        .append(e.dayBoundaries())
        .append('\n');
    if (e.resolved() == null) {
      out.append("Value: none (no source has usable data this day)\n");
    } else {
      out.append("Value: ").append(w.full(metric, e.resolved().value()));
      if (e.resolved().min() != null) {
        out.append(" (mean of ")
            .append(
                w.count(
                    e.resolved().count(),
                    e.resolved().count() == 1 ? "primary reading" : "primary readings"))
            .append("; min ")
            .append(w.full(metric, e.resolved().min()))
            .append(", max ")
            .append(w.full(metric, e.resolved().max()))
            .append(", last ")
            .append(w.full(metric, e.resolved().last()))
            .append(')');
      }
      out.append(", mostly from ").append(w.source(e.resolved().primary())).append('\n');
    }
    out.append("Rule: ").append(e.ruleText()).append('\n');
    out.append("Source order: ")
        .append(e.orderFrom())
        .append(
            e.preferencesVersion() == 0
                ? " (never changed)"
                : " (preferences v" + e.preferencesVersion() + ")")
        .append('\n');
    for (SourceDay s : e.sources()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %d. %s (%s, %s): own %s, used %s, %s, quality %.2f%n",
              s.rank() + 1,
              w.source(s.source()),
              s.source().key(),
              s.deviceClass().id(),
              Double.isNaN(s.ownValue()) ? "-" : w.full(metric, s.ownValue()),
              used(e, s, w),
              s.role().name().toLowerCase(Locale.ROOT).replace('_', ' '),
              s.quality().score()));
    }
    if (e.detail() != null) {
      detail(out, e, w);
    }
    if (!e.overrides().isEmpty()) {
      out.append("Set aside:\n");
      e.overrides().forEach(o -> out.append("  - ").append(why(o, metric, w)).append('\n'));
    }
    if (!e.qualityFlags().isEmpty()) {
      out.append("Quality flags:\n");
      lines(
          out,
          e.qualityFlags().stream()
              .map(f ->
                  "["
                      + f.kind().name().toLowerCase(Locale.ROOT)
                      + "] "
                      + (f.source() == null ? "" : w.source(f.source()))
                      + (f.at() == null ? "" : " at " + w.dateTime(f.at().toInstant()))
                      + ": "
                      + (f.implausible() == null
                          ? named(f.message(), e, w)
                          : problem(f.implausible(), w)))
              .toList());
    }
    if (!e.disagreements().isEmpty()) {
      out.append("Sources disagree:\n");
      for (Disagreement d : e.disagreements()) {
        out.append(
            String.format(
                Locale.ROOT,
                "  - %s %s vs %s %s (%.0f%% apart; tolerance %.0f%%)%n",
                w.source(d.first()),
                w.full(metric, d.firstValue()),
                w.source(d.second()),
                w.full(metric, d.secondValue()),
                d.difference() * 100,
                d.tolerance() * 100));
      }
    }
    return out.toString();
  }

  /** One sentence on why {@code o}'s data was set aside. */
  public static String why(SourceOverride o, MetricType metric, Wording w) {
    String overridden = w.source(o.overridden());
    String by = w.source(o.by());
    String ranksHigher = by + " ranks higher for " + metric.displayName();
    return switch (o.reason()) {
      case SourceOverride.RanksHigher r ->
          overridden
              + "'s "
              + w.full(metric, o.amount())
              + " not used: "
              + ranksHigher
              + (r.sameTimeMinutes() > 0
                  ? " and has data in " + w.duration(r.sameTimeMinutes()) + " of the same time"
                  : "")
              + (r.filledGaps()
                  ? "; where it filled a gap, only what higher-ranked sources had not already"
                      + " counted in the same samples' time was added"
                  : "");
      case SourceOverride.Floor f ->
          "The slice-by-slice merge gave "
              + w.full(metric, o.amount())
              + ", less than "
              + by
              + " counted alone ("
              + w.full(metric, f.byTotal())
              + "); a day never shows less than one source alone counted, so "
              + by
              + "'s total is used";
      case SourceOverride.Readings r ->
          readings(Math.round(o.amount()), w)
              + " of "
              + overridden
              + (r.window() == null
                  ? " that day"
                  : " in "
                      + w.count(r.windows(), r.windows() == 1 ? "window" : "windows")
                      + " of "
                      + w.duration(r.window().toMinutes()))
              + " not primary: "
              + ranksHigher
              + " and has a reading there";
      case SourceOverride.AppLog a ->
          overridden
              + " logged "
              + w.full(metric, o.amount())
              + " that day, not used: "
              + ranksHigher
              + " and logged that day too (apps are never added together)";
      case SourceOverride.OtherNight n ->
          overridden
              + "'s night ("
              + w.duration(n.asleepMinutes())
              + " asleep) not used: "
              + by
              + " ranks higher for sleep and has a night ending this day";
      case SourceOverride.SameWorkout s ->
          overridden
              + "'s "
              + (s.activityType() == null ? "workout" : s.activityType())
              + " at "
              + w.time(s.start().toInstant())
              + " is the same workout as "
              + by
              + "'s (overlapping, same type); linked, not counted twice";
    };
  }

  /** A quality flag's sentence: its facts worded, or its message with its source named. */
  public static String flag(QualityFlag f, Wording w) {
    if (f.implausible() != null) {
      return problem(f.implausible(), w);
    }
    return f.source() == null
        ? f.message()
        : f.message().replace(f.source().key(), w.source(f.source()));
  }

  /** Why a reading is implausible ("Heart rate of 400 bpm is outside ..."). */
  public static String problem(Plausibility.Problem p, Wording w) {
    MetricType m = p.metric();
    return switch (p) {
      case Plausibility.OutsideRange o ->
          m.displayName()
              + " of "
              + w.full(m, o.value())
              + " is outside the plausible range ("
              + span(m, o.range(), w)
              + ")";
      case Plausibility.RateOutside r ->
          m.displayName()
              + ": "
              + w.full(m, r.amount())
              + " in "
              + w.duration(r.minutes())
              + " is "
              + w.full(m, r.rate())
              + " a minute, outside the plausible range ("
              + span(m, r.perMinute(), w)
              + " a minute)";
      case Plausibility.NoLength n -> m.displayName() + " has no length";
      case Plausibility.TooLong t ->
          m.displayName()
              + " lasts "
              + w.duration(t.minutes())
              + ", more than "
              + w.duration(Plausibility.MAX_INTERVAL_MINUTES);
    };
  }

  private static String span(MetricType m, Plausibility.Range r, Wording w) {
    return w.full(m, r.min()) + " to " + w.full(m, r.max());
  }

  /** What the merge took from a source: readings for the readings rule, else the amount. */
  private static String used(Explanation e, SourceDay s, Wording w) {
    if (Double.isNaN(s.contributed())) {
      return "-";
    }
    return switch (e.rule()) {
      case READINGS -> readings(Math.round(s.contributed()), w);
      case WORKOUTS -> w.duration(s.contributed());
      default -> w.full(e.metric(), s.contributed());
    };
  }

  private static String readings(long n, Wording w) {
    return w.count(n, n == 1 ? "reading" : "readings");
  }

  /** {@code text} with the keys of the explanation's sources replaced by their names. */
  private static String named(String text, Explanation e, Wording w) {
    Set<SourceRef> known = new LinkedHashSet<>(e.priority());
    e.qualityFlags().forEach(f -> known.add(f.source()));
    known.remove(null);
    List<SourceRef> longestFirst = new ArrayList<>(known);
    // "watch/Apple Watch Ultra" must not be read as "watch/Apple Watch" followed by " Ultra".
    longestFirst.sort(Comparator.comparingInt((SourceRef s) -> s.key().length()).reversed());
    String out = text;
    for (SourceRef s : longestFirst) {
      out = out.replace(s.key(), w.source(s));
    }
    return out;
  }

  private static void detail(StringBuilder out, Explanation e, Wording w) {
    MetricType metric = e.metric();
    switch (e.detail()) {
      case Detail.Slices s -> {
        out.append("Slices (").append(s.sliceSeconds()).append(" s each), by source:\n");
        lines(
            out,
            s.runs().stream()
                .map(r ->
                    span(r.start().toInstant(), r.end().toInstant(), w)
                        + "  "
                        + w.source(r.source())
                        + "  "
                        + w.full(metric, r.amount())
                        + (r.setAside() > 0
                            ? "  (set aside from others: " + w.full(metric, r.setAside()) + ")"
                            : ""))
                .toList());
      }
      case Detail.Samples s -> {
        out.append("Samples:\n");
        lines(
            out,
            s.samples().stream()
                .map(l ->
                    (l.used() ? "* " : "  ")
                        + w.time(l.start().toInstant())
                        + "  "
                        + w.source(l.source())
                        + "  "
                        + w.full(metric, l.value())
                        + "  "
                        + (l.implausible() == null
                            ? named(l.note(), e, w)
                            : "implausible: " + problem(l.implausible(), w)))
                .toList());
      }
      case Detail.Sleep s -> {
        if (s.night() != null) {
          out.append("Night: ").append(session(s.night(), w)).append('\n');
        }
        s.alternatives().forEach(a -> out.append("  other: ").append(session(a, w)).append('\n'));
        s.naps().forEach(a -> out.append("  nap: ").append(session(a, w)).append('\n'));
      }
      case Detail.Workouts ws -> {
        out.append("Workouts:\n");
        for (WorkoutGroup g : ws.workouts()) {
          out.append("  ")
              .append(span(g.primary().start().toInstant(), g.primary().end().toInstant(), w))
              .append("  ")
              .append(g.activityType() == null ? "workout" : g.activityType())
              .append("  ")
              .append(w.source(g.primary().source()))
              .append("  ")
              .append(w.duration(g.primary().value()));
          if (!g.linked().isEmpty()) {
            out.append("  (linked: ")
                .append(
                    String.join(", ", g.linked().stream().map(l -> w.source(l.source())).toList()))
                .append(')');
          }
          out.append('\n');
        }
      }
    }
  }

  private static String session(SleepSession s, Wording w) {
    return span(s.start().toInstant(), s.end().toInstant(), w)
        + "  "
        + w.source(s.source())
        + "  "
        + w.duration(s.asleepMinutes())
        + " asleep";
  }

  private static String span(Instant a, Instant b, Wording w) {
    return w.dateTime(a) + " to " + w.time(b);
  }

  private static void lines(StringBuilder out, List<String> lines) {
    for (int i = 0; i < lines.size() && i < MAX_LINES; i++) {
      out.append("  ").append(lines.get(i)).append('\n');
    }
    if (lines.size() > MAX_LINES) {
      out.append("  ... ").append(lines.size() - MAX_LINES).append(" more (--json lists all)\n");
    }
  }
}
