package org.openvitals.core.rules;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Renders an {@link Explanation} as plain text for a terminal. */
public final class ExplanationText {
  /** Slice runs, readings and entries beyond this many are summarised (JSON has them all). */
  static final int MAX_LINES = 40;

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");

  private ExplanationText() {}

  public static String render(Explanation e) {
    StringBuilder out = new StringBuilder();
    out.append(e.metric().displayName())
        .append(" (")
        .append(e.metric().id())
        .append(") on ")
        .append(e.day())
        .append(", days in ")
        .append(e.dayBoundaries())
        .append('\n');
    if (e.resolved() == null) {
      out.append("Value: none (no source has usable data this day)\n");
    } else {
      out.append("Value: ")
          .append(SampleOrder.fmt(e.resolved().value()))
          .append(' ')
          .append(e.unit());
      if (e.resolved().min() != null) {
        out.append(" (mean of ")
            .append(e.resolved().count())
            .append(" primary readings; min ")
            .append(SampleOrder.fmt(e.resolved().min()))
            .append(", max ")
            .append(SampleOrder.fmt(e.resolved().max()))
            .append(", last ")
            .append(SampleOrder.fmt(e.resolved().last()))
            .append(')');
      }
      out.append(", mostly from ").append(e.resolved().primary()).append('\n');
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
              "  %d. %-40s %-7s own %12s  used %12s  %-16s quality %.2f%n",
              s.rank() + 1,
              s.source().key(),
              s.deviceClass().id(),
              SampleOrder.fmt(s.ownValue()),
              SampleOrder.fmt(s.contributed()),
              s.role().name().toLowerCase(Locale.ROOT).replace('_', ' '),
              s.quality().score()));
    }
    if (e.detail() != null) {
      detail(out, e);
    }
    if (!e.overrides().isEmpty()) {
      out.append("Set aside:\n");
      e.overrides().forEach(o -> out.append("  - ").append(o.why()).append('\n'));
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
                      + f.source()
                      + (f.at() == null ? "" : " at " + f.at().format(DATE_TIME))
                      + ": "
                      + f.message())
              .toList());
    }
    if (!e.disagreements().isEmpty()) {
      out.append("Sources disagree:\n");
      for (Disagreement d : e.disagreements()) {
        out.append(
            String.format(
                Locale.ROOT,
                "  - %s %s vs %s %s (%.0f%% apart; tolerance %.0f%%)%n",
                d.first(),
                SampleOrder.fmt(d.firstValue()),
                d.second(),
                SampleOrder.fmt(d.secondValue()),
                d.difference() * 100,
                d.tolerance() * 100));
      }
    }
    return out.toString();
  }

  private static void detail(StringBuilder out, Explanation e) {
    switch (e.detail()) {
      case Detail.Slices s -> {
        out.append("Slices (").append(s.sliceSeconds()).append(" s each), by source:\n");
        lines(
            out,
            s.runs().stream()
                .map(r ->
                    span(r.start(), r.end())
                        + "  "
                        + r.source()
                        + "  "
                        + SampleOrder.fmt(r.amount())
                        + (r.setAside() > 0
                            ? "  (set aside from others: " + SampleOrder.fmt(r.setAside()) + ")"
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
                        + l.start().format(TIME)
                        + "  "
                        + l.source()
                        + "  "
                        + SampleOrder.fmt(l.value())
                        + "  "
                        + l.note())
                .toList());
      }
      case Detail.Sleep s -> {
        if (s.night() != null) {
          out.append("Night: ").append(session(s.night())).append('\n');
        }
        s.alternatives().forEach(a -> out.append("  other: ").append(session(a)).append('\n'));
        s.naps().forEach(a -> out.append("  nap: ").append(session(a)).append('\n'));
      }
      case Detail.Workouts w -> {
        out.append("Workouts:\n");
        for (WorkoutGroup g : w.workouts()) {
          out.append("  ")
              .append(span(g.primary().start(), g.primary().end()))
              .append("  ")
              .append(g.activityType() == null ? "workout" : g.activityType())
              .append("  ")
              .append(g.primary().source())
              .append("  ")
              .append(SampleOrder.fmt(g.primary().value()))
              .append(" min");
          if (!g.linked().isEmpty()) {
            out.append("  (linked: ")
                .append(String.join(", ", g.linked().stream().map(l -> l.source().key()).toList()))
                .append(')');
          }
          out.append('\n');
        }
      }
    }
  }

  private static String session(SleepSession s) {
    return span(s.start(), s.end())
        + "  "
        + s.source()
        + "  "
        + SampleOrder.fmt(s.asleepMinutes())
        + " min asleep";
  }

  private static String span(OffsetDateTime a, OffsetDateTime b) {
    return a.format(DATE_TIME) + "-" + b.format(TIME) + " (" + a.getOffset() + ")";
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
