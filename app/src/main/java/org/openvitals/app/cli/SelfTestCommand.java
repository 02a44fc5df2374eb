package org.openvitals.app.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
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
 * and checks the figures; with {@code --window} it also shows the dashboard on demo data in that
 * store. The packages' tests run it in the unpacked package (PackagedDebIT), and the workflow after
 * building each package.
 */
@Command(
    name = "self-test",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    header = "Check that this installation works, on a temporary store.",
    description = {
      "Opens a new store in a temporary folder, imports a small built-in Apple Health export,",
      "imports it again (nothing may change), merges the day by the default rules and checks the",
      "result; your own data folder is not touched. Exits 0 when everything works, else 1 with",
      "one sentence saying what failed."
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
      int stored = checkImport(dir);
      try (SampleStore store = Stores.open(config)) {
        out.printf(
            Locale.ROOT,
            "Import: %d records stored in SQLite %s, the second import changed nothing.%n",
            stored,
            store.info().engineVersion());
        checkMerge(store, out);
      }
      if (window) {
        WindowSelfTest.check(config, out);
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

  /**
   * Imports the built-in export twice into a new store in {@code dir} with the {@code import}
   * command, as a person runs it, and returns how many samples the first import stored. Going
   * through the command also makes the command line's start-up cache, trained on this self-test
   * ({@code StartupCache.Purpose.COMMAND_LINE}), hold what an import's start needs: picocli's model
   * of {@code import}, the command and its report.
   */
  private static int checkImport(Path dir) throws IOException {
    Path export = dir.resolve("export.xml");
    try (InputStream in = SelfTestCommand.class.getResourceAsStream(EXPORT)) {
      if (in == null) {
        throw new CliException("Self-test failed: the built-in export " + EXPORT + " is missing");
      }
      Files.copy(in, export);
    }
    JsonNode first = importWithCommand(dir, export);
    expect(
        first.path("format").asText().equals("apple_health"),
        "the built-in export was imported as '%s', not as an Apple Health export",
        first.path("format").asText());
    expect(
        first.path("read").asLong() == RECORDS
            && first.path("stored").asLong() == RECORDS
            && first.path("rejected").path("count").asLong() == 0,
        "the import read %d records and stored %d (expected %d and %d, none rejected: %s)",
        first.path("read").asLong(),
        first.path("stored").asLong(),
        RECORDS,
        RECORDS,
        first.path("rejected").path("reasons"));
    JsonNode again = importWithCommand(dir, export);
    expect(
        again.path("stored").asLong() == 0
            && again.path("updated").asLong() == 0
            && again.path("duplicates").asLong() == RECORDS,
        "importing the same file again stored %d and updated %d samples (expected nothing new)",
        again.path("stored").asLong(),
        again.path("updated").asLong());
    return (int) first.path("stored").asLong();
  }

  /** {@code openvitals --data-dir DIR import FILE --json} in this JVM; its report. */
  private static JsonNode importWithCommand(Path dir, Path export) {
    String[] args = {
      "--data-dir", dir.toString(), "--engine", "sqlite", "import", export.toString(), "--json"
    };
    StringWriter report = new StringWriter();
    StringWriter problems = new StringWriter();
    int exit =
        OpenVitalsCli.commandLine(new PrintWriter(report), new PrintWriter(problems), args)
            .execute(args);
    if (exit != 0) {
      throw failed(
          "'openvitals import' of the built-in export exited with "
              + exit
              + " ("
              + problems.toString().strip()
              + ")");
    }
    String last = report.toString().strip().lines().reduce((a, b) -> b).orElse("");
    try {
      return new ObjectMapper().readTree(last);
    } catch (JacksonException e) {
      throw failed("'openvitals import --json' printed no report (" + last + ")");
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

  private static void expect(boolean ok, String problem, Object... args) {
    if (!ok) {
      throw failed(String.format(Locale.ROOT, problem, args));
    }
  }

  static CliException failed(String why) {
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
