package org.openvitals.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvitals.core.model.MetricType.STEPS;
import static org.openvitals.core.rules.Fx.PHONE;
import static org.openvitals.core.rules.Fx.WATCH;
import static org.openvitals.core.rules.Fx.at;
import static org.openvitals.core.rules.Fx.s;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.DeviceClass;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.store.ResolvedDays;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;

/** The rules over a real SQLite store: stored results, incremental re-resolution, versions. */
class RulesServiceTest {
  static final LocalDate FROM = LocalDate.of(2024, 3, 1);
  static final LocalDate TO = LocalDate.of(2024, 3, 31);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  SampleStore store;
  RulesService rules;

  @BeforeEach
  void open() {
    store = Stores.open(StoreConfig.sqlite(dir));
    store.setDayBoundaries(Fx.BERLIN_DAYS);
    rules = new RulesService(store, CLOCK);
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** Days 1-10: watch only; days 20-24: watch and phone; 30 minutes of steps each. */
  static List<Sample> month() {
    List<Sample> out = new ArrayList<>();
    for (int d = 1; d <= 24; d++) {
      if (d > 10 && d < 20) {
        continue;
      }
      LocalDate day = FROM.withDayOfMonth(d);
      for (int m = 0; m < 30; m++) {
        out.add(s(STEPS, at(day, 9, m), 1, 40 + d, WATCH));
        if (d >= 20) {
          out.add(s(STEPS, at(day, 9, m), 1, 50 + d, PHONE));
        }
      }
    }
    return out;
  }

  @Test
  void dailyValuesNameThePrimarySourceFirstAndKeepEachSourcesOwnFigure() {
    List<Sample> samples = new ArrayList<>(month());
    LocalDate d5 = FROM.withDayOfMonth(5);
    LocalDate d21 = FROM.withDayOfMonth(21);
    for (int m = 0; m < 10; m++) {
      samples.add(s(STEPS, at(d5, 18, m), 1, 100, PHONE)); // only the phone was carried
    }
    store.upsert(samples);
    DailyValues values = DailyValues.of(store);

    List<DailyValue> days = values.daily(STEPS, d5, d21);
    assertThat(days)
        .extracting(DailyValue::date)
        .containsExactly(
            d5,
            FROM.withDayOfMonth(6),
            FROM.withDayOfMonth(7),
            FROM.withDayOfMonth(8),
            FROM.withDayOfMonth(9),
            FROM.withDayOfMonth(10),
            FROM.withDayOfMonth(20),
            d21);
    assertThat(days.getFirst().value()).isEqualTo(30 * 45.0 + 10 * 100.0);
    assertThat(days.getFirst().sources()).containsExactly(WATCH, PHONE);
    assertThat(days.get(1).value()).isEqualTo(30 * 46.0);
    assertThat(days.get(1).sources()).containsExactly(WATCH);

    Map<LocalDate, Map<org.openvitals.core.model.SourceRef, Double>> own =
        values.bySource(STEPS, FROM.withDayOfMonth(10), d21);
    assertThat(own).containsOnlyKeys(FROM.withDayOfMonth(10), FROM.withDayOfMonth(20), d21);
    assertThat(own.get(FROM.withDayOfMonth(10))).containsExactly(Map.entry(WATCH, 30 * 50.0));
    assertThat(own.get(d21))
        .containsExactly(Map.entry(WATCH, 30 * 61.0), Map.entry(PHONE, 30 * 71.0));
  }

  @Test
  void storedDaysAreReadNotResolvedAgain() {
    store.upsert(month());
    List<ResolvedDay> first = rules.daily(STEPS, FROM, TO);
    assertThat(first).hasSize(15);
    // 15 days with data, and the 11th and 25th, which could hold the tail of a sample from the day
    // before.
    assertThat(rules.lastResolvedDays()).isEqualTo(17);
    assertThat(first.getFirst().value()).isEqualTo(30 * 41.0);
    List<ResolvedDay> again = rules.daily(STEPS, FROM, TO);
    assertThat(rules.lastResolvedDays()).isZero();
    assertThat(again).isEqualTo(first);
  }

  @Test
  void aRangeAcrossMonthsAndYearsReadsEachMonthsStoredDaysInOneContext() {
    store.upsert(month());
    LocalDate from = LocalDate.of(2023, 12, 20);
    LocalDate to = LocalDate.of(2024, 4, 10);
    RuleContext ctx = rules.context();
    List<ResolvedDay> first = rules.daily(STEPS, from, to, ctx);

    List<ResolvedDay> again = rules.daily(STEPS, from, to, ctx);

    assertThat(rules.lastResolvedDays()).isZero();
    assertThat(again).isEqualTo(first).isEqualTo(rules.daily(STEPS, FROM, TO));
  }

  @Test
  void aNewSampleResolvesOnlyItsDayAndTheNext() {
    store.upsert(month());
    rules.daily(STEPS, FROM, TO);
    store.upsert(List.of(s(STEPS, at(FROM.withDayOfMonth(5), 12, 0), 1, 100, PHONE)));
    List<ResolvedDay> after = rules.daily(STEPS, FROM, TO);
    assertThat(rules.lastResolvedDays())
        .isEqualTo(2); // the 5th, and the 6th (a sample may cross midnight)
    assertThat(after.get(4).value()).isEqualTo(30 * 45.0 + 100);
    assertThat(after).isEqualTo(fresh());
  }

  @Test
  void aPreferenceChangeResolvesOnlyTheDaysWhereTheReorderedSourcesMeet() {
    store.upsert(month());
    rules.daily(STEPS, FROM, TO);
    rules
        .preferences()
        .save(
            SourcePreferences.defaults().withCategoryOrder(Category.SLEEP, List.of(PHONE, WATCH)));
    rules.daily(STEPS, FROM, TO);
    assertThat(rules.lastResolvedDays()).as("another category").isZero();

    rules
        .preferences()
        .save(
            rules
                .preferences()
                .current()
                .withCategoryOrder(Category.ACTIVITY, List.of(PHONE, WATCH)));
    List<ResolvedDay> after = rules.daily(STEPS, FROM, TO);
    assertThat(rules.lastResolvedDays()).isEqualTo(6); // the 20th-24th, and the 25th that follows
    assertThat(after.get(10).primary()).isEqualTo(PHONE);
    assertThat(after.get(0).primary()).isEqualTo(WATCH);
    assertThat(after).isEqualTo(fresh());
  }

  @Test
  void resultsDoNotDependOnHowOrInWhatOrderDataArrived(@TempDir Path other) {
    List<Sample> all = month();
    store.upsert(all);
    List<ResolvedDay> oneImport = rules.daily(STEPS, FROM, TO);

    List<Sample> shuffled = new ArrayList<>(all);
    Collections.shuffle(shuffled, new Random(7));
    try (SampleStore second = Stores.open(StoreConfig.sqlite(other))) {
      second.setDayBoundaries(Fx.BERLIN_DAYS);
      RulesService rules2 = new RulesService(second, CLOCK);
      for (int i = 0; i < shuffled.size(); i += 37) {
        second.upsert(shuffled.subList(i, Math.min(shuffled.size(), i + 37)));
        if (i % 5 == 0) {
          rules2.daily(STEPS, FROM, TO); // results stored part-way must not stick
        }
      }
      assertThat(rules2.daily(STEPS, FROM, TO)).isEqualTo(oneImport);
    }
  }

  @Test
  void preferencesAreVersionedExportedAndImported() {
    PreferencesRepository prefs = rules.preferences();
    assertThat(prefs.current().version()).isZero();
    SourcePreferences v1 =
        prefs.save(
            SourcePreferences.defaults()
                .withCategoryOrder(Category.ACTIVITY, List.of(WATCH, PHONE)));
    SourcePreferences v2 =
        prefs.save(v1.withMetricOverride(MetricType.FLIGHTS_CLIMBED, List.of(PHONE)));
    assertThat(prefs.save(v2)).isEqualTo(v2); // unchanged content: no new version
    assertThat(prefs.history()).extracting(SourcePreferences::version).containsExactly(1, 2);
    assertThat(prefs.version(1).categories()).isEqualTo(v1.categories());
    assertThat(v2.savedAt()).isEqualTo(CLOCK.instant());

    String exported = prefs.exportJson();
    try (SampleStore second = Stores.open(StoreConfig.sqlite(dir.resolve("other")))) {
      SourcePreferences imported = new PreferencesRepository(second, CLOCK).importJson(exported);
      assertThat(imported.sameContent(v2)).isTrue();
      assertThat(imported.version()).isEqualTo(1);
    }
  }

  @Test
  void newSourcesInTheStoreArePlacedByTheirDeviceClass() {
    store.upsert(month());
    store.setDeviceClass(PHONE, DeviceClass.PHONE);
    store.setDeviceClass(WATCH, DeviceClass.WATCH);
    rules
        .preferences()
        .save(SourcePreferences.defaults().withCategoryOrder(Category.ACTIVITY, List.of()));
    SourcePreferences placed = rules.preferences().placeNewSources();
    assertThat(placed.categories().get(Category.ACTIVITY)).containsExactly(WATCH, PHONE);
    assertThat(placed.version()).isEqualTo(2);
    assertThat(rules.preferences().placeNewSources().version()).isEqualTo(2);
  }

  @Test
  void explainReadsTheDayFromTheStore() {
    store.upsert(month());
    Explanation e = rules.explain(STEPS, FROM.withDayOfMonth(20));
    assertThat(e.resolved().value()).isEqualTo(30 * 70.0); // the phone saw more: floor
    assertThat(e.sources()).extracting(SourceDay::source).containsExactly(WATCH, PHONE);
    assertThat(e.dayBoundaries()).isEqualTo("Europe/Berlin");
  }

  /**
   * Results stored by other rule code are never served: here the stored values are made wrong (as
   * if an older version of the rules had computed them), which the same code reads as they are and
   * other code resolves again.
   */
  @Test
  void resultsStoredByOtherRuleCodeAreResolvedAgain() {
    store.upsert(month());
    new RulesService(store, CLOCK, "rules of the last release").daily(STEPS, FROM, TO);
    ResolvedDays results = (ResolvedDays) store;
    Map<LocalDate, ResolvedDays.Entry> wrong = new TreeMap<>();
    results
        .resolvedDays(STEPS, FROM, TO)
        .forEach((day, e) ->
            wrong.put(
                day,
                new ResolvedDays.Entry(
                    e.fingerprint(), e.value().replace("\"value\":1230.0", "\"value\":1.0"))));
    results.putResolvedDays(STEPS, wrong);
    RulesService lastRelease = new RulesService(store, CLOCK, "rules of the last release");
    assertThat(lastRelease.daily(STEPS, FROM, TO).getFirst().value()).isEqualTo(1.0);

    RulesService thisRelease = new RulesService(store, CLOCK, "rules of this release");
    List<ResolvedDay> after = thisRelease.daily(STEPS, FROM, TO);

    assertThat(thisRelease.lastResolvedDays()).isEqualTo(17);
    assertThat(after).isEqualTo(fresh());
    RulesService again = new RulesService(store, CLOCK, "rules of this release");
    assertThat(again.daily(STEPS, FROM, TO)).isEqualTo(after);
    assertThat(again.lastResolvedDays()).isZero();
  }

  /** The merged values are a cache: a store that cannot keep them (a full disk) still answers. */
  @Test
  void aReadStillAnswersWhenItsResultsCannotBeKept() throws SQLException {
    store.upsert(month());
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("openvitals.db"));
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE TRIGGER disk_full BEFORE INSERT ON resolved_days"
              + " BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    }

    List<ResolvedDay> answered = rules.daily(STEPS, FROM, TO);

    assertThat(answered).isEqualTo(fresh());
    rules.daily(STEPS, FROM, TO);
    assertThat(rules.lastResolvedDays()).as("nothing was kept").isEqualTo(17);
    assertThat(((ResolvedDays) store).resolvedDays(STEPS, FROM, TO)).isEmpty();
  }

  private List<ResolvedDay> fresh() {
    var ctx = rules.context();
    return Rules.resolve(STEPS, rules.samples(STEPS, FROM, TO, ctx.days()), ctx, FROM, TO, false)
        .values()
        .stream()
        .map(DayOutcome::resolved)
        .toList();
  }
}
