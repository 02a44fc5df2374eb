package org.openvitals.connectors.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import org.openvitals.connectors.export.Point.Statistic;
import org.openvitals.connectors.export.fhir.FhirWriter;
import org.openvitals.connectors.export.omh.OmhWriter;
import org.openvitals.core.export.SampleExporter;
import org.openvitals.core.model.AggregationKind;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.rules.DayOutcome;
import org.openvitals.core.rules.Detail;
import org.openvitals.core.rules.ResolvedDay;
import org.openvitals.core.rules.Rules;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.rules.SleepSession;
import org.openvitals.core.rules.WorkoutGroup;
import org.openvitals.core.store.DailyRollup;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.SourceSummary;
import org.openvitals.core.time.DayBoundaries;

/**
 * Exports a period and a set of metrics in a standard health format (Open mHealth or FHIR R4):
 * either every source's samples or the merged daily values the dashboard shows. What the format has
 * no place for is never dropped silently: the result counts it, per metric and per type the catalog
 * does not know.
 *
 * <p>Blood pressure is written as pairs (systolic and diastolic of the same source and times),
 * sleep as episodes (each source's continuous sleep, its stages joined by the sleep rule) and
 * workouts as activities, because the standard formats describe them that way.
 */
public final class StandardExport {
  /** Workout metadata keys for distance and energy, as the importers write them. */
  static final String DISTANCE_KEY = "distance_m";

  /** Names a merged day whose rules named no primary source. */
  static final SourceRef MERGED = new SourceRef("openvitals", "merged");

  /** The standard formats. */
  public enum Format {
    OMH("Open mHealth JSON", "json"),
    FHIR("FHIR R4 Bundle JSON", "json");

    private final String label;
    private final String extension;

    Format(String label, String extension) {
      this.label = label;
      this.extension = extension;
    }

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
      return label;
    }

    public String extension() {
      return extension;
    }

    public static java.util.Optional<Format> byId(String id) {
      for (Format f : values()) {
        if (f.id().equalsIgnoreCase(id)) {
          return java.util.Optional.of(f);
        }
      }
      return java.util.Optional.empty();
    }

    PointWriter writer(OutputStream out, Instant now) throws IOException {
      return switch (this) {
        case OMH -> new OmhWriter(out, now);
        case FHIR -> new FhirWriter(out, now);
      };
    }
  }

  /**
   * What to export.
   *
   * @param from first day, or null for the first day with data
   * @param to last day (included), or null for the last day with data
   * @param metrics the metrics to export; empty for every metric, and then records of types the
   *     catalog does not know are counted as skipped too
   * @param merged the merged daily values rather than every source's samples
   */
  public record Selection(LocalDate from, LocalDate to, Set<MetricType> metrics, boolean merged) {
    public Selection {
      metrics = metrics.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(metrics));
      if (from != null && to != null && from.isAfter(to)) {
        throw new IllegalArgumentException("The first day " + from + " is after the last " + to);
      }
    }

    public static Selection everything() {
      return new Selection(null, null, Set.of(), false);
    }

    boolean wants(MetricType metric) {
      return metrics.isEmpty() || metrics.contains(metric);
    }
  }

  /**
   * What an export wrote and what it left out.
   *
   * @param written data points or resources per schema or code
   * @param skipped samples or records left out, by what they are: a metric id the format has no
   *     place for, {@code other:<type>} for types the catalog does not know, or a blood-pressure
   *     reading without its other half
   */
  public record Result(Map<String, Long> written, Map<String, Long> skipped) {
    public Result {
      written = Collections.unmodifiableMap(new TreeMap<>(written));
      skipped = Collections.unmodifiableMap(new TreeMap<>(skipped));
    }

    public long total() {
      return written.values().stream().mapToLong(Long::longValue).sum();
    }

    public long totalSkipped() {
      return skipped.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** Reports progress every this many points. */
  static final int PROGRESS_EVERY = 10_000;

  private final SampleStore store;
  private final RulesService rules;
  private final Clock clock;

  public StandardExport(SampleStore store, RulesService rules, Clock clock) {
    this.store = store;
    this.rules = rules;
    this.clock = clock;
  }

  /**
   * Writes {@code file} (replacing it; a failed or cancelled export leaves none).
   *
   * @param progress called with the points written so far, every {@value #PROGRESS_EVERY}; it may
   *     throw to cancel
   * @throws org.openvitals.core.export.ExportException naming the file when it cannot be written
   */
  public Result export(
      Format format, Selection selection, java.nio.file.Path file, LongConsumer progress) {
    return SampleExporter.writeFile(file, out -> export(format, selection, out, progress));
  }

  /** Writes to a stream (left open). */
  public Result export(Format format, Selection selection, OutputStream out, LongConsumer progress)
      throws IOException {
    PointWriter writer = format.writer(out, clock.instant());
    Run run = new Run(writer, selection, progress);
    writer.begin();
    try {
      run.all();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    writer.end();
    return new Result(writer.written(), run.skipped);
  }

  /** One export's state: the period in days and instants, what was skipped, the count. */
  private final class Run {
    private final PointWriter writer;
    private final Selection selection;
    private final LongConsumer progress;
    private final DayBoundaries days = store.dayBoundaries();
    private final ZoneId zone;
    private final Map<String, Long> skipped = new LinkedHashMap<>();
    private LocalDate first;
    private LocalDate last;
    private long count;

    Run(PointWriter writer, Selection selection, LongConsumer progress) {
      this.writer = writer;
      this.selection = selection;
      this.progress = progress;
      this.zone =
          switch (days) {
            case DayBoundaries.FixedZone z -> z.zone();
            case DayBoundaries.SampleLocal l -> l.rangeZone();
          };
    }

    void all() {
      if (!period()) {
        return;
      }
      Set<MetricType> handled = EnumSet.noneOf(MetricType.class);
      for (MetricType metric : MetricType.values()) {
        if (!selection.wants(metric) || handled.contains(metric)) {
          continue;
        }
        if (!writer.supports(metric)) {
          skip(metric.id(), samplesInPeriod(metric));
          continue;
        }
        if (metric.category() == Category.SLEEP) {
          handled.addAll(sleepMetrics());
          sleep();
        } else if (metric == MetricType.BLOOD_PRESSURE_SYSTOLIC
            || metric == MetricType.BLOOD_PRESSURE_DIASTOLIC) {
          handled.add(MetricType.BLOOD_PRESSURE_SYSTOLIC);
          handled.add(MetricType.BLOOD_PRESSURE_DIASTOLIC);
          bloodPressure();
        } else if (metric == MetricType.WORKOUT) {
          workouts();
        } else {
          readings(metric);
        }
        handled.add(metric);
      }
      if (selection.metrics().isEmpty()) {
        Instant from = days.startOf(first);
        Instant to = days.startOf(last.plusDays(1));
        store.forEachOther(o -> {
          Instant at = o.start().toInstant();
          if (!at.isBefore(from) && at.isBefore(to)) {
            skip("other:" + o.type(), 1);
          }
        });
      }
    }

    /** Settles the period from the selection and the data; false when there is nothing. */
    private boolean period() {
      Instant earliest = null;
      Instant latest = null;
      for (SourceSummary s : store.sources()) {
        if (s.first() != null && (earliest == null || s.first().isBefore(earliest))) {
          earliest = s.first();
        }
        if (s.last() != null && (latest == null || s.last().isAfter(latest))) {
          latest = s.last();
        }
      }
      if (earliest == null) {
        return false;
      }
      // A day either side: with sample-local days a sample's own day can differ from the zone's.
      first = selection.from() != null ? selection.from() : local(earliest).minusDays(1);
      last = selection.to() != null ? selection.to() : local(latest).plusDays(1);
      return !first.isAfter(last);
    }

    private LocalDate local(Instant at) {
      return LocalDate.ofInstant(at, zone);
    }

    private OffsetDateTime at(Instant instant) {
      return OffsetDateTime.ofInstant(instant, zone);
    }

    private OffsetDateTime dayStart(LocalDate day) {
      return at(days.startOf(day));
    }

    private void readings(MetricType metric) {
      if (selection.merged()) {
        Statistic statistic =
            metric.aggregation() == AggregationKind.CUMULATIVE ? Statistic.SUM : Statistic.AVERAGE;
        for (ResolvedDay d : rules.daily(metric, first, last)) {
          write(
              new Point.Reading(
                  metric,
                  dayStart(d.day()),
                  dayStart(d.day().plusDays(1)),
                  d.value(),
                  primary(d),
                  null,
                  statistic));
        }
      } else {
        store.forEachSample(
            metric,
            days.startOf(first),
            days.startOf(last.plusDays(1)),
            s ->
                write(
                    new Point.Reading(
                        metric, s.start(), s.end(), s.value(), s.source(), s.externalId(), null)));
      }
    }

    private void bloodPressure() {
      MetricType sys = MetricType.BLOOD_PRESSURE_SYSTOLIC;
      MetricType dia = MetricType.BLOOD_PRESSURE_DIASTOLIC;
      if (selection.merged()) {
        Map<LocalDate, ResolvedDay> diastolic = new HashMap<>();
        rules.daily(dia, first, last).forEach(d -> diastolic.put(d.day(), d));
        for (ResolvedDay s : rules.daily(sys, first, last)) {
          ResolvedDay d = diastolic.remove(s.day());
          if (d == null) {
            skip("blood pressure without its other half", 1);
            continue;
          }
          write(
              new Point.BloodPressure(
                  dayStart(s.day()),
                  dayStart(s.day().plusDays(1)),
                  s.value(),
                  d.value(),
                  primary(s),
                  null,
                  Statistic.AVERAGE));
        }
        skip("blood pressure without its other half", diastolic.size());
        return;
      }
      Instant from = days.startOf(first);
      Instant to = days.startOf(last.plusDays(1));
      Map<List<Object>, Sample> diastolic = new LinkedHashMap<>();
      for (Sample d : store.samples(dia, from, to)) {
        diastolic.put(pairKey(d), d);
      }
      for (Sample s : store.samples(sys, from, to)) {
        Sample d = diastolic.remove(pairKey(s));
        if (d == null) {
          skip("blood pressure without its other half", 1);
          continue;
        }
        write(
            new Point.BloodPressure(
                s.start(), s.end(), s.value(), d.value(), s.source(), s.externalId(), null));
      }
      skip("blood pressure without its other half", diastolic.size());
    }

    /** Systolic and diastolic belong together when one source wrote them for the same times. */
    private static List<Object> pairKey(Sample s) {
      return List.of(s.source(), s.start().toInstant(), s.end().toInstant());
    }

    private void sleep() {
      Set<List<Object>> seen = new LinkedHashSet<>();
      for (DayOutcome day : resolveWithDetail(MetricType.SLEEP_ASLEEP).values()) {
        if (!(day.detail() instanceof Detail.Sleep sleep)) {
          continue;
        }
        List<SleepSession> sessions = new ArrayList<>();
        if (sleep.night() != null) {
          sessions.add(sleep.night());
        }
        if (!selection.merged()) {
          sessions.addAll(sleep.alternatives());
          sessions.addAll(sleep.naps());
        }
        for (SleepSession s : sessions) {
          if (seen.add(List.of(s.source(), s.start().toInstant(), s.end().toInstant()))) {
            write(
                new Point.SleepEpisode(
                    s.start(), s.end(), s.asleepMinutes(), s.source(), s == sleep.night()));
          }
        }
      }
    }

    private void workouts() {
      for (DayOutcome day : resolveWithDetail(MetricType.WORKOUT).values()) {
        if (!(day.detail() instanceof Detail.Workouts workouts)) {
          continue;
        }
        for (WorkoutGroup group : workouts.workouts()) {
          write(activity(group.primary(), group.activityType()));
          if (!selection.merged()) {
            for (Sample linked : group.linked()) {
              write(activity(linked, group.activityType()));
            }
          }
        }
      }
    }

    private Point.Activity activity(Sample workout, String activityType) {
      return new Point.Activity(
          workout.start(),
          workout.end(),
          activityType == null || activityType.isBlank() ? "workout" : activityType,
          number(workout.metadata().get(DISTANCE_KEY)),
          workout.source(),
          workout.externalId());
    }

    private Map<LocalDate, DayOutcome> resolveWithDetail(MetricType metric) {
      return Rules.resolve(
          metric,
          RulesService.inputSamples(store, metric, first, last, days),
          rules.context(),
          first,
          last,
          true);
    }

    private List<MetricType> sleepMetrics() {
      return java.util.Arrays.stream(MetricType.values())
          .filter(m -> m.category() == Category.SLEEP)
          .toList();
    }

    private long samplesInPeriod(MetricType metric) {
      long n = 0;
      for (DailyRollup r : store.daily(metric, first, last)) {
        n += r.count();
      }
      return n;
    }

    private void skip(String what, long n) {
      if (n > 0) {
        skipped.merge(what, n, Long::sum);
      }
    }

    private void write(Point point) {
      try {
        writer.write(point);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (++count % PROGRESS_EVERY == 0) {
        progress.accept(count);
      }
    }
  }

  /** A merged day names the source it mostly comes from; the rules always give one. */
  private static SourceRef primary(ResolvedDay day) {
    return day.primary() != null ? day.primary() : MERGED;
  }

  private static Double number(String text) {
    if (text == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(text.strip());
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
