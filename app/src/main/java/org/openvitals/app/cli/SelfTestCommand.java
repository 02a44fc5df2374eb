package org.openvitals.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.stage.Stage;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.dashboard.DashboardView;
import org.openvitals.app.dashboard.MetricSummary;
import org.openvitals.app.shell.OpenVitalsApp;
import org.openvitals.app.shell.ShellSettings;
import org.openvitals.bridge.identity.DesktopIdentity;
import org.openvitals.connectors.files.FileImporter;
import org.openvitals.connectors.files.FileImporters;
import org.openvitals.connectors.files.ImportException;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.connectors.vault.FileKeySource;
import org.openvitals.connectors.vault.KeySource;
import org.openvitals.core.demo.SyntheticData;
import org.openvitals.core.files.FileTrees;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.rules.ResolvedDay;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code openvitals self-test}: proves that an installation works on its own, without touching the
 * user's data. It opens a new store in a temporary folder, imports a tiny Apple Health export
 * shipped in the app, imports it again (nothing may change), merges the day by the default rules
 * and checks the figures, then makes the phone pairing's TLS identity in the same folder and reads
 * it back; with {@code --window} it also shows the dashboard on demo data in that store. The
 * packages' tests run it in the unpacked package (PackagedDebIT), and the workflow after building
 * each package.
 */
@Command(
    name = "self-test",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Check that this installation works, on a temporary store.",
    description = {
      "Opens a new store in a temporary folder, imports a small built-in Apple Health export,",
      "imports it again (nothing may change), merges the day by the default rules and checks the",
      "result, then makes the phone pairing's TLS certificate there and reads it back; your own",
      "data folder is not touched. Exits 0 when everything works, else 1 with one sentence",
      "saying what failed."
    })
public final class SelfTestCommand implements Callable<Integer> {
  static final String EXPORT = "self-test-export.xml";
  static final LocalDate DAY = LocalDate.of(2025, 3, 1);
  static final int RECORDS = 10;

  /** The watch's own steps: the phone counted the same walks, so they must not be added. */
  static final double STEPS = 2_400;

  static final double PHONE_STEPS = 2_310;

  static final double HEART_RATE_MEAN = 84;
  static final double WEIGHT_KG = 70;
  static final int WINDOW_DAYS = 14;

  /** Generous: a packaging machine may be busy with other builds (seen: 30 s at load 30). */
  static final int WINDOW_SECONDS = 300;

  @Spec CommandSpec spec;

  @Option(
      names = "--window",
      description =
          "Also open the desktop window on demo data in the temporary store and wait until the"
              + " dashboard shows values (needs a display, or -Dglass.platform=Headless).")
  boolean window;

  @Option(
      names = "--keep",
      description = "Keep the temporary store and print its folder (to look into a failure).")
  boolean keep;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Path dir = Files.createTempDirectory("openvitals-self-test");
    try {
      StoreConfig config = StoreConfig.sqlite(dir);
      try (SampleStore store = Stores.open(config)) {
        checkImport(store, dir, out);
        checkMerge(store, out);
      }
      checkPhoneIdentity(dir, out);
      if (window) {
        checkWindow(config, out);
      }
      out.println("Java " + Runtime.version() + " at " + System.getProperty("java.home"));
      out.println("Self-test passed.");
      return 0;
    } finally {
      if (keep) {
        out.println("Temporary store kept in " + dir);
      } else {
        deleteTree(dir);
      }
      out.flush();
    }
  }

  private static void checkImport(SampleStore store, Path dir, PrintWriter out) throws IOException {
    Path export = dir.resolve("export.xml");
    try {
      writeBuiltInExport(export);
    } catch (NoSuchFileException e) {
      throw new CliException("Self-test failed: the built-in export " + EXPORT + " is missing");
    }
    FileImporter importer =
        FileImporters.detect(export)
            .orElseThrow(() -> failed("the built-in export was not recognised as Apple Health"));
    ImportReport first = importOnce(importer, export, store);
    expect(
        first.read() == RECORDS && first.stored() == RECORDS && first.rejected().count() == 0,
        "the import read %d records and stored %d (expected %d and %d, none rejected: %s)",
        first.read(),
        first.stored(),
        RECORDS,
        RECORDS,
        first.rejected().reasons());
    ImportReport again = importOnce(importer, export, store);
    expect(
        again.stored() == 0 && again.updated() == 0 && again.duplicates() == RECORDS,
        "importing the same file again stored %d and updated %d samples (expected nothing new)",
        again.stored(),
        again.updated());
    out.printf(
        Locale.ROOT,
        "Import: %d records stored in SQLite %s, the second import changed nothing.%n",
        first.stored(),
        store.info().engineVersion());
  }

  /**
   * Writes the built-in Apple Health export (ten records of a watch, a phone and a scale on one
   * day) to {@code file}; the command line's start-up cache is trained on importing it too
   * (StartupCache).
   */
  public static void writeBuiltInExport(Path file) throws IOException {
    try (InputStream in = SelfTestCommand.class.getResourceAsStream(EXPORT)) {
      if (in == null) {
        throw new NoSuchFileException(EXPORT, null, "the built-in export is missing from the app");
      }
      Files.copy(in, file);
    }
  }

  private static ImportReport importOnce(FileImporter importer, Path export, SampleStore store)
      throws IOException {
    try {
      return importer.importFile(export, store, ImportListener.NONE);
    } catch (ImportException e) {
      throw failed("the built-in export could not be imported (" + e.getMessage() + ")");
    }
  }

  private static void checkMerge(SampleStore store, PrintWriter out) {
    RulesService rules = new RulesService(store, Clock.systemDefaultZone());
    ResolvedDay steps = day(rules, MetricType.STEPS);
    expect(
        Math.abs(steps.value() - STEPS) < 0.5,
        "the merged steps are %.0f (expected the watch's %.0f, not the sum of watch and phone)",
        steps.value(),
        STEPS);
    ResolvedDay heartRate = day(rules, MetricType.HEART_RATE);
    expect(
        Math.abs(heartRate.value() - HEART_RATE_MEAN) < 0.01,
        "the merged heart rate is %.2f/min (expected %.0f)",
        heartRate.value(),
        HEART_RATE_MEAN);
    ResolvedDay weight = day(rules, MetricType.BODY_MASS);
    expect(
        Math.abs(weight.value() - WEIGHT_KG) < 0.01,
        "the merged weight is %.3f kg (expected %.0f kg from 154.32 lb)",
        weight.value(),
        WEIGHT_KG);
    out.printf(
        Locale.ROOT,
        "Merge: %s steps %.0f from %s (the phone's overlapping %.0f left out), heart rate %.0f/min,"
            + " weight %.1f kg.%n",
        DAY,
        steps.value(),
        steps.primary() == null ? "?" : steps.primary().name(),
        PHONE_STEPS,
        heartRate.value(),
        weight.value());
  }

  private static ResolvedDay day(RulesService rules, MetricType metric) {
    List<ResolvedDay> days = rules.daily(metric, DAY, DAY);
    expect(days.size() == 1, "no merged %s for %s", metric.id(), DAY);
    return days.getFirst();
  }

  /**
   * {@value #WINDOW_DAYS} days of demo data up to yesterday into {@code config}'s store, which is
   * created if needed: what the window shows here and in the training of its start-up cache.
   */
  public static void writeDemoData(StoreConfig config) {
    ZoneId zone = ZoneId.systemDefault();
    SyntheticData data =
        SyntheticData.of(
            SyntheticData.Options.defaults()
                .withDays(WINDOW_DAYS)
                .withEndDate(LocalDate.now(zone).minusDays(1))
                .withZone(zone));
    try (SampleStore store = Stores.open(config)) {
      store.upsert(data.days().flatMap(d -> d.samples().stream()).toList());
    }
  }

  /**
   * The phone pairing's TLS identity, made as {@code serve} makes it (a P-256 key, a self-signed
   * certificate built with Bouncy Castle, the key sealed with AES-GCM) in the temporary folder,
   * then read back: Bouncy Castle is linked into the packages' runtime, not on their class path.
   */
  private static void checkPhoneIdentity(Path dir, PrintWriter out) throws IOException {
    Path folder = dir.resolve("phone");
    KeySource keys = new FileKeySource(folder.resolve("vault.key"));
    DesktopIdentity made = DesktopIdentity.loadOrCreate(folder, keys, "self-test");
    DesktopIdentity read = DesktopIdentity.loadOrCreate(folder, keys, "self-test");
    String subject = read.certificate().getSubjectX500Principal().getName();
    expect(
        made.keyHash().equals(read.keyHash()) && subject.equals("CN=OpenVitals self-test"),
        "the phone pairing's certificate read back differs (%s, pin %s; made: pin %s)",
        subject,
        read.keyHash(),
        made.keyHash());
    out.printf(
        Locale.ROOT,
        "Phone pairing: a TLS certificate for %s made and read back (key pin %s).%n",
        subject,
        read.keyHash());
  }

  /** Demo data in the same store, then the real window until its dashboard shows values. */
  private static void checkWindow(StoreConfig config, PrintWriter out) throws Exception {
    writeDemoData(config);
    long t0 = System.nanoTime();
    CompletableFuture<Integer> tiles = new CompletableFuture<>();
    try (AppContext context = new AppContext(config, Clock.systemDefaultZone())) {
      try {
        Platform.startup(() -> show(context, tiles));
      } catch (IllegalStateException alreadyStarted) {
        Platform.runLater(() -> show(context, tiles));
      }
      int shown;
      try {
        shown = tiles.get(WINDOW_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        throw failed("the dashboard showed no values within " + WINDOW_SECONDS + " seconds");
      } catch (ExecutionException e) {
        throw e.getCause() instanceof CliException c ? c : failed(e.getCause().toString());
      }
      CompletableFuture<Void> closed = new CompletableFuture<>();
      Platform.runLater(() -> {
        // The toolkit stays up for whatever runs next in this JVM (tests); the command exits.
        Platform.setImplicitExit(false);
        Stage.getWindows().stream()
            .filter(Stage.class::isInstance)
            .map(Stage.class::cast)
            .toList()
            .forEach(Stage::close);
        closed.complete(null);
      });
      try {
        closed.get(WINDOW_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        throw failed("the window did not close within " + WINDOW_SECONDS + " seconds");
      }
      out.printf(
          Locale.ROOT,
          "Window: the dashboard showed %d tiles of demo data after %d ms.%n",
          shown,
          (System.nanoTime() - t0) / 1_000_000);
    }
  }

  private static void show(AppContext context, CompletableFuture<Integer> tiles) {
    try {
      Stage stage = new Stage();
      new OpenVitalsApp(ShellSettings.forUser(), context).start(stage);
      DashboardView view = (DashboardView) stage.getScene().lookup(".dashboard");
      if (view == null) {
        tiles.completeExceptionally(failed("the window opened without a dashboard"));
        return;
      }
      ListChangeListener<MetricSummary> listener =
          change -> {
            if (!view.model().summaries().isEmpty()) {
              stage.getScene().getRoot().applyCss();
              stage.getScene().getRoot().layout();
              tiles.complete(view.model().summaries().size());
            }
          };
      view.model().summaries().addListener(listener);
    } catch (RuntimeException | LinkageError e) {
      tiles.completeExceptionally(failed("the window could not open (" + e + ")"));
    }
  }

  private static void expect(boolean ok, String problem, Object... args) {
    if (!ok) {
      throw failed(String.format(Locale.ROOT, problem, args));
    }
  }

  private static CliException failed(String why) {
    return new CliException("Self-test failed: " + why);
  }

  private static void deleteTree(Path dir) {
    try {
      FileTrees.delete(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not remove the temporary store " + dir, e);
    }
  }
}
