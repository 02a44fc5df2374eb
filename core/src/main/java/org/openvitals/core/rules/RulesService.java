package org.openvitals.core.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.openvitals.core.model.AggregationKind;
import org.openvitals.core.model.DeviceClass;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.DailyRollup;
import org.openvitals.core.store.ResolvedDays;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.SourceSummary;
import org.openvitals.core.store.StoreException;
import org.openvitals.core.time.DayBoundaries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules applied to a store, with the resolved daily values kept so a dashboard reads a year
 * cheaply: one rollup query per input metric (to see what changed) and one query for the stored
 * results, then only changed days are resolved again.
 *
 * <p>Each stored day carries a fingerprint of everything its value depends on: the store's daily
 * rollups (per source: count, sum, min, max) of the days that can feed it, the order of the sources
 * present those days, the day boundaries and the rule code itself ({@link RulesCode}). A new sample
 * changes its day's rollup (and so that day and, for metrics whose samples or nights can cross
 * midnight, the next); a preference change changes the order only where the reordered sources have
 * data; a new version of the rules changes every fingerprint. A day whose fingerprint still matches
 * is read, not resolved. Because the fingerprint depends on content and never on arrival, one
 * import or a hundred syncs in any order give the same results.
 *
 * <p>Results live in the store's own table for them ({@link ResolvedDays}), not in its state: they
 * are a cache, and failing to store them (a full disk) still answers the read.
 */
public final class RulesService {
  private static final Logger LOG = LoggerFactory.getLogger(RulesService.class);

  /** For a store that keeps no results: every read resolves. */
  private static final ResolvedDays NOTHING_KEPT =
      new ResolvedDays() {
        @Override
        public Map<LocalDate, Entry> resolvedDays(MetricType metric, LocalDate from, LocalDate to) {
          return Map.of();
        }

        @Override
        public void putResolvedDays(MetricType metric, Map<LocalDate, Entry> entries) {}
      };

  private static final Duration MARGIN_BEFORE = Duration.ofDays(2);
  private static final Duration MARGIN_AFTER = Duration.ofDays(1);

  /** Stale days closer than this are resolved in one pass over the samples between them. */
  private static final int JOIN_STALE_DAYS = 7;

  /**
   * Made on first use (the first stored day read), off the path of opening a store: Jackson's first
   * mapper costs an app start about a tenth of a second (docs/architecture.md, "Start-up").
   */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  private final SampleStore store;
  private final ResolvedDays results;

  /**
   * The rule code's fingerprint, asked for when a day is first resolved or read: computing it reads
   * and hashes the rules' class files, which opening a store (and the window waiting on it) need
   * not wait for.
   */
  private final Supplier<String> rulesCode;

  private final PreferencesRepository preferences;
  private final Clock clock;
  private int lastResolvedDays;

  public RulesService(SampleStore store, Clock clock) {
    this(store, clock, RulesCode::fingerprint);
  }

  /** With another rule code's fingerprint, as a new version of the rules would have. */
  RulesService(SampleStore store, Clock clock, String rulesCode) {
    this(store, clock, () -> rulesCode);
  }

  private RulesService(SampleStore store, Clock clock, Supplier<String> rulesCode) {
    this.store = store;
    this.results = store instanceof ResolvedDays kept ? kept : NOTHING_KEPT;
    this.rulesCode = rulesCode;
    this.clock = clock;
    this.preferences = new PreferencesRepository(store, clock);
  }

  public PreferencesRepository preferences() {
    return preferences;
  }

  /** The context resolution runs in now: current preferences, the store's sources and days. */
  public RuleContext context() {
    return context(store.sources());
  }

  /**
   * Like {@link #context()} with the store's sources as the caller just read them: reading them
   * sums every rollup, which a caller that needs them too (the dashboard's extent) need not pay
   * twice.
   */
  public RuleContext context(List<SourceSummary> sources) {
    Map<SourceRef, DeviceClass> classes = new HashMap<>();
    Map<SourceRef, Instant> lastSeen = new HashMap<>();
    for (SourceSummary s : sources) {
      classes.put(s.source(), s.deviceClass());
      if (s.last() != null) {
        lastSeen.put(s.source(), s.last());
      }
    }
    return new RuleContext(
        preferences.current(),
        classes,
        store.dayBoundaries(),
        lastSeen,
        clock.instant(),
        RuleContext.DEFAULT_SLICE_SECONDS);
  }

  /**
   * The resolved values of {@code metric} for every day in {@code [from, to]} with data, oldest
   * first; days whose inputs changed since they were last stored are resolved again and stored.
   */
  public List<ResolvedDay> daily(MetricType metric, LocalDate from, LocalDate to) {
    return daily(metric, from, to, context());
  }

  /**
   * Like {@link #daily(MetricType, LocalDate, LocalDate)} in a context the caller read once with
   * {@link #context()}, for reading many metrics at once (a dashboard) without reading the store's
   * sources and preferences again for each.
   */
  public List<ResolvedDay> daily(MetricType metric, LocalDate from, LocalDate to, RuleContext ctx) {
    Map<LocalDate, String> fingerprints = fingerprints(metric, from, to, ctx);
    Map<LocalDate, ResolvedDays.Entry> stored = results.resolvedDays(metric, from, to);
    Map<LocalDate, ResolvedDay> out = new TreeMap<>();
    TreeSet<LocalDate> stale = new TreeSet<>();
    for (var e : fingerprints.entrySet()) {
      ResolvedDays.Entry entry = stored.get(e.getKey());
      Cached c =
          entry != null && entry.fingerprint().equals(e.getValue()) ? read(entry.value()) : null;
      if (c == null) {
        stale.add(e.getKey());
      } else if (c.primary() != null) {
        out.put(e.getKey(), c.toResolved(metric, e.getKey()));
      }
    }
    lastResolvedDays = stale.size();
    if (!stale.isEmpty()) {
      Map<LocalDate, ResolvedDays.Entry> writes = new LinkedHashMap<>();
      for (LocalDate[] range : ranges(stale)) {
        Map<LocalDate, DayOutcome> resolved =
            Rules.resolve(
                metric,
                samples(metric, range[0], range[1], ctx.days()),
                ctx,
                range[0],
                range[1],
                false);
        for (LocalDate day : stale.subSet(range[0], true, range[1], true)) {
          DayOutcome o = resolved.get(day);
          ResolvedDay r = o == null ? null : o.resolved();
          if (r != null) {
            out.put(day, r);
          }
          writes.put(day, new ResolvedDays.Entry(fingerprints.get(day), write(Cached.of(r))));
        }
      }
      keep(metric, writes);
    }
    return List.copyOf(out.values());
  }

  /** Stores resolved days; a failure costs the next read time, so it does not fail this one. */
  private void keep(MetricType metric, Map<LocalDate, ResolvedDays.Entry> days) {
    try {
      results.putResolvedDays(metric, days);
    } catch (StoreException e) {
      LOG.warn(
          "Could not keep {} resolved days of {}: {}", days.size(), metric.id(), e.getMessage());
    }
  }

  /** How many days the last {@link #daily} call had to resolve (the rest were read). */
  public int lastResolvedDays() {
    return lastResolvedDays;
  }

  /** Why {@code metric} has its value on {@code day}: sources, slices, overrides, flags. */
  public Explanation explain(MetricType metric, LocalDate day) {
    RuleContext ctx = context();
    return Rules.explain(metric, day, samples(metric, day, day, ctx.days()), ctx);
  }

  /** Each day's full outcome with disagreements, for quality views (not stored). */
  public Map<LocalDate, DayOutcome> outcomes(MetricType metric, LocalDate from, LocalDate to) {
    RuleContext ctx = context();
    return Rules.resolve(metric, samples(metric, from, to, ctx.days()), ctx, from, to, false);
  }

  List<Sample> samples(MetricType metric, LocalDate from, LocalDate to, DayBoundaries days) {
    return inputSamples(store, metric, from, to, days);
  }

  /**
   * The samples of a store that can affect days {@code [from, to]}: every input of the metric, with
   * margins for spans and nights that cross midnight and for samples filed by their own offset.
   * Whatever resolves days outside this service (quality scan, preference preview) reads through
   * here, so it sees what the stored results saw.
   */
  public static List<Sample> inputSamples(
      SampleStore store, MetricType metric, LocalDate from, LocalDate to, DayBoundaries days) {
    Instant start = days.startOf(from).minus(MARGIN_BEFORE);
    Instant end = days.startOf(to.plusDays(1)).plus(MARGIN_AFTER);
    List<Sample> out = new ArrayList<>();
    for (MetricType m : Rules.inputsOf(metric)) {
      out.addAll(store.samples(m, start, end));
    }
    return out;
  }

  /** Per day in range with any input data: the fingerprint of everything its value depends on. */
  Map<LocalDate, String> fingerprints(
      MetricType metric, LocalDate from, LocalDate to, RuleContext ctx) {
    int before = dependsOnDaysBefore(metric);
    int after = metric.aggregation() == AggregationKind.EVENT ? 1 : 0;
    Map<LocalDate, List<DailyRollup>> byDay = new TreeMap<>();
    for (MetricType m : Rules.inputsOf(metric)) {
      for (DailyRollup r : store.daily(m, from.minusDays(before), to.plusDays(after))) {
        byDay.computeIfAbsent(r.day(), k -> new ArrayList<>()).add(r);
      }
    }
    Map<LocalDate, String> out = new TreeMap<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      List<DailyRollup> inputs = new ArrayList<>();
      for (int k = -before; k <= after; k++) {
        inputs.addAll(byDay.getOrDefault(day.plusDays(k), List.of()));
      }
      if (inputs.isEmpty()) {
        continue;
      }
      Set<SourceRef> present = new HashSet<>();
      inputs.forEach(r -> present.add(r.source()));
      Priority order = ctx.preferences().priorityFor(metric, present, ctx.classLookup());
      StringBuilder text =
          new StringBuilder()
              .append(rulesCode.get())
              .append('|')
              .append(ctx.days().id())
              .append('|')
              .append(ctx.sliceSeconds())
              .append('|')
              .append(order.order());
      inputs.stream()
          .sorted(
              java.util.Comparator.comparing((DailyRollup r) -> r.day())
                  .thenComparing(r -> r.type().id())
                  .thenComparing(r -> r.source().key()))
          .forEach(r ->
              text.append('|')
                  .append(r.day())
                  .append(',')
                  .append(r.type().id())
                  .append(',')
                  .append(r.source().key())
                  .append(',')
                  .append(r.count())
                  .append(',')
                  .append(Double.doubleToLongBits(r.sum()))
                  .append(',')
                  .append(Double.doubleToLongBits(r.min()))
                  .append(',')
                  .append(Double.doubleToLongBits(r.max())));
      out.put(day, hash(text.toString()));
    }
    return out;
  }

  /** Cumulative samples and nights can start the day before the day they count for. */
  private static int dependsOnDaysBefore(MetricType metric) {
    return switch (Rules.ruleOf(metric)) {
      case SLICES, NIGHTS, WORKOUTS -> 1;
      case READINGS, DAY_TOTALS -> 0;
    };
  }

  private static List<LocalDate[]> ranges(TreeSet<LocalDate> days) {
    List<LocalDate[]> out = new ArrayList<>();
    LocalDate start = null;
    LocalDate end = null;
    for (LocalDate d : days) {
      if (start == null) {
        start = d;
      } else if (d.toEpochDay() - end.toEpochDay() > JOIN_STALE_DAYS) {
        out.add(new LocalDate[] {start, end});
        start = d;
      }
      end = d;
    }
    if (start != null) {
      out.add(new LocalDate[] {start, end});
    }
    return out;
  }

  private static String hash(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  /** A stored day's resolved figures (primary null: no usable data). */
  record Cached(
      Double value,
      Double min,
      Double max,
      Double mean,
      Double last,
      int count,
      String primary,
      Map<String, Double> contributions) {

    static Cached of(ResolvedDay r) {
      if (r == null) {
        return new Cached(null, null, null, null, null, 0, null, Map.of());
      }
      Map<String, Double> c = new LinkedHashMap<>();
      r.contributions().forEach((s, v) -> c.put(s.key(), v));
      return new Cached(
          r.value(), r.min(), r.max(), r.mean(), r.last(), r.count(), r.primary().key(), c);
    }

    ResolvedDay toResolved(MetricType metric, LocalDate day) {
      Map<SourceRef, Double> c = new LinkedHashMap<>();
      contributions.forEach((k, v) -> c.put(SourceRef.parseKey(k), v));
      return new ResolvedDay(
          metric, day, value, min, max, mean, last, count, SourceRef.parseKey(primary), c);
    }
  }

  private static Cached read(String json) {
    try {
      return Json.MAPPER.readValue(json, Cached.class);
    } catch (JsonProcessingException e) {
      return null; // unreadable: resolve again
    }
  }

  private static String write(Cached c) {
    try {
      return Json.MAPPER.writeValueAsString(c);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A stored day always serialises", e);
    }
  }
}
