package org.openvitals.bench.dashboard;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.dashboard.DashboardData;
import org.openvitals.app.dashboard.DashboardSettings;
import org.openvitals.app.dashboard.DashboardView;
import org.openvitals.app.dashboard.DashboardViewModel;
import org.openvitals.app.dashboard.Period;
import org.openvitals.app.dashboard.Readings;
import org.openvitals.core.demo.SyntheticData;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.time.DayBoundaries;

/**
 * The dashboard's speed on a store holding five years of minute-level data (the synthetic person,
 * generated once and kept): cold start to a dashboard showing values, in fresh JVMs, against
 * opening the store alone; and switching period from 365 to 30 days against reading those 30 days
 * (and the 30 before, for the trend) from the store. Run with {@code bench/dashboard}.
 */
public final class DashboardBench {
  static final int YEARS_DAYS = 5 * 365 + 1;

  private DashboardBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of("target", "dashboard-store").toAbsolutePath();
    int runs = 5;
    int switches = 50;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--store" -> dir = Path.of(args[++i]).toAbsolutePath();
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--switches" -> switches = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("Unknown argument " + args[i]);
      }
    }
    ensureStore(dir);
    coldStarts(dir, runs);
    periodSwitch(dir, switches);
    System.exit(0);
  }

  /** Generates the five years once (the folder is kept; delete it to generate again). */
  public static void ensureStore(Path dir) throws IOException {
    Path complete = dir.resolve("complete");
    if (Files.exists(complete)) {
      System.out.println("Store: " + dir + " (" + Files.readString(complete).strip() + ")");
      return;
    }
    ZoneId zone = ZoneId.systemDefault();
    LocalDate end = LocalDate.now(zone).minusDays(1);
    SyntheticData data =
        SyntheticData.of(
            SyntheticData.Options.defaults().withDays(YEARS_DAYS).withEndDate(end).withZone(zone));
    long t0 = System.nanoTime();
    long samples = 0;
    try (SampleStore store = Stores.open(StoreConfig.sqlite(dir))) {
      store.setDayBoundaries(new DayBoundaries.FixedZone(zone));
      List<Sample> batch = new ArrayList<>(60_000);
      Iterator<SyntheticData.Day> it = data.days().iterator();
      int day = 0;
      while (it.hasNext()) {
        batch.addAll(it.next().samples());
        day++;
        if (batch.size() >= 50_000 || !it.hasNext()) {
          store.upsert(batch);
          samples += batch.size();
          batch.clear();
          if (day % 100 == 0 || !it.hasNext()) {
            System.out.printf(Locale.ROOT, "Generating: %d of %d days%n", day, YEARS_DAYS);
          }
        }
      }
      long heartRate =
          store.daily(MetricType.HEART_RATE, data.options().startDate(), end).stream()
              .mapToLong(r -> r.count())
              .sum();
      double generated = (System.nanoTime() - t0) / 1e9;
      // The first dashboard after an import resolves every day once and stores the results.
      RulesService rules = new RulesService(store, Clock.systemDefaultZone());
      long r0 = System.nanoTime();
      DashboardData.load(rules, LocalDate.now(zone), 14, () -> false);
      long firstWeek = (System.nanoTime() - r0) / 1_000_000;
      DashboardData.load(rules, LocalDate.now(zone), 2 * 365, () -> false);
      long twoYears = (System.nanoTime() - r0) / 1_000_000;
      String summary =
          String.format(
              Locale.ROOT,
              "%d days to %s, %,d samples (%,d heart-rate readings), generated in %.0f s;"
                  + " first dashboard after import: 14 days resolved in %d ms, 730 days in %d ms",
              YEARS_DAYS,
              end,
              samples,
              heartRate,
              generated,
              firstWeek,
              twoYears);
      Files.writeString(complete, summary + "\n");
      System.out.println("Store: " + dir + " (" + summary + ")");
    }
  }

  /** Fresh JVMs, alternating baseline and dashboard, timed from process start to READY. */
  static void coldStarts(Path dir, int runs) throws Exception {
    Path prefs = Path.of("target", "bench-prefs").toAbsolutePath();
    List<Long> store = new ArrayList<>();
    List<Long> week = new ArrayList<>();
    List<Long> year = new ArrayList<>();
    String lastWeek = "";
    String lastYear = "";
    for (int i = 0; i < runs; i++) {
      store.add(child("store", dir, prefs, null).wallMs());
      Start w = child("dashboard", dir, prefs, Period.WEEK);
      week.add(w.wallMs());
      Start y = child("dashboard", dir, prefs, Period.YEAR);
      year.add(y.wallMs());
      lastWeek = w.phases();
      lastYear = y.phases();
    }
    System.out.println();
    System.out.println("Cold start (fresh JVM, process start to READY), median of " + runs + ":");
    System.out.printf(
        Locale.ROOT, "  baseline: JVM + open store + read sources   %5d ms%n", median(store));
    System.out.printf(
        Locale.ROOT,
        "  dashboard showing values, 7 days remembered   %5d ms  (%.2fx baseline)  [%s]%n",
        median(week),
        (double) median(week) / median(store),
        lastWeek);
    System.out.printf(
        Locale.ROOT,
        "  dashboard showing values, 365 days remembered %5d ms  (%.2fx baseline)  [%s]%n",
        median(year),
        (double) median(year) / median(store),
        lastYear);
  }

  /** One cold start: wall time from process start to READY, and the phases the child saw. */
  public record Start(long wallMs, String phases) {}

  /** Runs one cold start launched like ./openvitals launches the app. */
  private static Start child(String mode, Path dir, Path prefs, Period period) throws Exception {
    return child(launcherJvm(), System.getProperty("java.class.path"), mode, dir, prefs, period);
  }

  /** This JDK's java with JavaFX's platform jars as modules, as ./openvitals starts the app. */
  public static List<String> launcherJvm() {
    List<String> jvm = new ArrayList<>();
    jvm.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    jvm.add("--enable-native-access=ALL-UNNAMED,javafx.graphics");
    String modules = System.getProperty("jdk.module.path");
    if (modules != null) {
      jvm.addAll(List.of("--module-path", modules, "--add-modules", "javafx.controls"));
    }
    return jvm;
  }

  /**
   * Runs one cold start with the given java command and JVM options and the given class path (which
   * must hold {@link ColdStart}); {@code prefs} gets one preferences root per mode and period.
   */
  public static Start child(
      List<String> jvm, String classPath, String mode, Path dir, Path prefs, Period period)
      throws Exception {
    // The child's own preferences root, holding the period its dashboard remembers.
    Path prefsRoot = prefs.resolve(mode + (period == null ? "" : "-" + period.name()));
    List<String> command = new ArrayList<>(jvm);
    command.addAll(
        List.of(
            "-Dglass.platform=Headless",
            "-Dprism.order=sw",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
            "-Djava.util.prefs.userRoot=" + prefsRoot,
            "-cp",
            classPath));
    command.addAll(List.of(ColdStart.class.getName(), mode, dir.toString()));
    if (period != null) {
      remember(prefsRoot, period);
    }
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String ready = null;
    StringBuilder output = new StringBuilder();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("READY ")) {
          ready = line.substring(6);
          break;
        }
        output.append(line).append('\n');
      }
    }
    long wall = (System.nanoTime() - t0) / 1_000_000;
    p.waitFor(30, TimeUnit.SECONDS);
    if (ready == null) {
      throw new IllegalStateException("The " + mode + " cold start failed:\n" + output);
    }
    return new Start(wall, ready);
  }

  /** Writes the period the child's dashboard should open with, as the app remembers it. */
  private static void remember(Path prefsRoot, Period period) throws Exception {
    // java.util.prefs reads its root once per JVM, so write the child's settings from a child too.
    List<String> command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Djava.util.prefs.userRoot=" + prefsRoot,
            "-cp",
            System.getProperty("java.class.path"),
            RememberPeriod.class.getName(),
            period.name());
    Process p = new ProcessBuilder(command).inheritIO().start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("Could not write the remembered period");
    }
  }

  /** Period switches on the real view, laid out, against reading the new period from the store. */
  static void periodSwitch(Path dir, int switches) throws Exception {
    try {
      Platform.startup(() -> {});
    } catch (IllegalStateException already) {
      // started before
    }
    AppContext context = new AppContext(StoreConfig.sqlite(dir), Clock.systemDefaultZone());
    DashboardView view =
        fx(() -> {
          DashboardView v =
              new DashboardView(new DashboardViewModel(context, DashboardSettings.forUser()));
          Stage stage = new Stage();
          stage.setScene(new Scene(v, 1000, 900));
          stage.show();
          v.model().periodProperty().set(Period.YEAR);
          v.model().reload();
          return v;
        });
    while (fx(() -> view.model().loadingProperty().get())) {
      Thread.sleep(20);
    }
    DashboardViewModel model = view.model();
    long[] viewSwitch = new long[switches];
    long[] modelOnly = new long[switches];
    long[] storeRead = new long[switches];
    DashboardViewModel bare =
        fx(() -> new DashboardViewModel(context, DashboardSettings.forUser()));
    fx(() -> bare.reload());
    while (fx(() -> bare.loadingProperty().get())) {
      Thread.sleep(20);
    }
    RulesService rules = context.rules();
    LocalDate today = fx(() -> model.dataProperty().get().latest());
    for (int i = 0; i < switches; i++) {
      fx(() -> {
        model.periodProperty().set(Period.YEAR);
        layout(view);
        return null;
      });
      fx(() -> {
        layout(view); // the chart, redrawn right after the tiles
        return null;
      });
      long start =
          fx(() -> {
            long t0 = System.nanoTime();
            model.periodProperty().set(Period.MONTH);
            layout(view);
            return t0;
          });
      // The chart is redrawn in the next FX turn, after the tiles: this call runs after it.
      viewSwitch[i] =
          fx(() -> {
            layout(view);
            return System.nanoTime() - start;
          });
      modelOnly[i] =
          fx(() -> {
            bare.periodProperty().set(Period.YEAR);
            long t0 = System.nanoTime();
            bare.periodProperty().set(Period.MONTH);
            return System.nanoTime() - t0;
          });
      long t0 = System.nanoTime();
      DashboardData.load(rules, today, 2 * 30, () -> false);
      storeRead[i] = System.nanoTime() - t0;
    }
    System.out.println();
    System.out.println("Period switch 365 -> 30 days, " + switches + " times (median / p95):");
    print("  baseline: read 30 + 30 days of every metric  ", storeRead, storeRead);
    print("  view model only (summaries, chart days)      ", modelOnly, storeRead);
    print("  dashboard view, tiles + chart laid out       ", viewSwitch, storeRead);

    // Every heart-rate reading of the year, as the detail chart loads it.
    long r0 = System.nanoTime();
    Readings readings =
        Readings.load(
            context.store(),
            MetricType.HEART_RATE,
            context.store().dayBoundaries().startOf(today.minusDays(364)),
            context.store().dayBoundaries().startOf(today.plusDays(1)),
            () -> false);
    System.out.printf(
        Locale.ROOT,
        "%nHeart-rate detail, 365 days: %,d readings read in %d ms%n",
        readings.count(),
        (System.nanoTime() - r0) / 1_000_000);
    context.close();
  }

  private static void layout(DashboardView view) {
    view.getScene().getRoot().applyCss();
    view.getScene().getRoot().layout();
  }

  private static void print(String what, long[] nanos, long[] baseline) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    long[] b = baseline.clone();
    Arrays.sort(b);
    double median = s[s.length / 2] / 1e6;
    double p95 = s[(int) Math.min(s.length - 1, Math.round(s.length * 0.95))] / 1e6;
    System.out.printf(
        Locale.ROOT,
        "%s %8.2f ms / %8.2f ms  (%.3fx baseline)%n",
        what,
        median,
        p95,
        median / (b[b.length / 2] / 1e6));
  }

  public static long median(List<Long> values) {
    List<Long> s = new ArrayList<>(values);
    s.sort(null);
    return s.get(s.size() / 2);
  }

  private static <T> T fx(Callable<T> work) throws Exception {
    FutureTask<T> task = new FutureTask<>(work);
    Platform.runLater(task);
    return task.get(60, TimeUnit.SECONDS);
  }
}
