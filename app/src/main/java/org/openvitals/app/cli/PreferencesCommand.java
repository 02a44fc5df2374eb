package org.openvitals.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.DeviceClass;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.rules.PreferencesRepository;
import org.openvitals.core.rules.SourcePreferences;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.SourceSummary;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code openvitals preferences}: shows the source order in force per category (sources without a
 * place shown where their device class puts them), and with subcommands sets, exports and imports
 * it. Every change is saved as a new version.
 */
@Command(
    name = "preferences",
    description = "Show or change which source is preferred, per category or per metric.",
    subcommands = {
      PreferencesCommand.Set.class,
      PreferencesCommand.Export.class,
      PreferencesCommand.Import.class,
      PreferencesCommand.History.class
    })
public final class PreferencesCommand implements Callable<Integer> {
  @ParentCommand OpenVitalsCli root;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (SampleStore store = root.openStore()) {
      SourcePreferences prefs = new PreferencesRepository(store, Clock.systemUTC()).current();
      PrintWriter out = spec.commandLine().getOut();
      Map<SourceRef, DeviceClass> classes = new java.util.HashMap<>();
      List<SourceRef> known = new ArrayList<>();
      for (SourceSummary s : store.sources()) {
        classes.put(s.source(), s.deviceClass());
        known.add(s.source());
      }
      Function<SourceRef, DeviceClass> classOf = classes::get;
      out.println(
          prefs.version() == 0
              ? "Source order: defaults by device class (never changed)"
              : "Source order: version " + prefs.version() + ", saved " + prefs.savedAt());
      for (Category c : Category.values()) {
        MetricType any = firstMetricOf(c, prefs);
        out.println("  " + c.id() + (prefs.categories().containsKey(c) ? "" : " (defaults)") + ":");
        int rank = 1;
        java.util.Set<SourceRef> shown = new java.util.LinkedHashSet<>(prefs.listFor(any));
        shown.addAll(known);
        for (SourceRef s : prefs.priorityFor(any, shown, classOf).order()) {
          out.printf("    %d. %s%n", rank++, s.key());
        }
      }
      prefs
          .metricOverrides()
          .forEach((m, list) ->
              out.println(
                  "  "
                      + m.id()
                      + " (own order): "
                      + String.join(", ", list.stream().map(SourceRef::key).toList())));
      out.flush();
    }
    return 0;
  }

  /** A metric that follows its category's order (none has its own). */
  private static MetricType firstMetricOf(Category c, SourcePreferences prefs) {
    MetricType fallback = null;
    for (MetricType m : MetricType.values()) {
      if (m.category() == c) {
        if (!prefs.metricOverrides().containsKey(m)) {
          return m;
        }
        fallback = fallback == null ? m : fallback;
      }
    }
    return fallback;
  }

  /** {@code preferences set --category activity SOURCE...} or {@code --metric steps SOURCE...}. */
  @Command(name = "set", description = "Rank sources, preferred first.")
  static final class Set implements Callable<Integer> {
    @ParentCommand PreferencesCommand parent;

    @Spec CommandSpec spec;

    static final class Target {
      @Option(
          names = "--category",
          paramLabel = "CATEGORY",
          description = "activity, sleep, nutrition, body_composition, heart, vitals or workouts.")
      String category;

      @Option(
          names = "--metric",
          paramLabel = "METRIC",
          description = "One metric's own order (overrides its category's).")
      String metric;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--clear", description = "With --metric: drop the metric's own order.")
    boolean clear;

    @Parameters(
        paramLabel = "SOURCE",
        arity = "0..*",
        description = "Sources as provider/name, preferred first.")
    List<String> sources = List.of();

    @Override
    public Integer call() {
      List<SourceRef> order = new ArrayList<>();
      for (String s : sources) {
        try {
          order.add(SourceRef.parseKey(s));
        } catch (IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(), e.getMessage());
        }
      }
      try (SampleStore store = parent.root.openStore()) {
        PreferencesRepository repo = new PreferencesRepository(store, Clock.systemUTC());
        SourcePreferences current = repo.current();
        SourcePreferences next;
        try {
          if (target.category != null) {
            next = current.withCategoryOrder(Category.fromId(target.category), order);
          } else {
            MetricType m = MetricType.fromId(target.metric);
            next = clear ? current.withoutMetricOverride(m) : current.withMetricOverride(m, order);
          }
        } catch (IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        SourcePreferences saved = repo.save(next);
        spec.commandLine().getOut().println("Saved source order version " + saved.version() + ".");
      }
      return 0;
    }
  }

  @Command(name = "export", description = "Print the source order as JSON (or write it to a file).")
  static final class Export implements Callable<Integer> {
    @ParentCommand PreferencesCommand parent;

    @Spec CommandSpec spec;

    @Option(
        names = "--file",
        paramLabel = "FILE",
        description = "Write to this file instead of printing.")
    Path file;

    @Override
    public Integer call() throws IOException {
      try (SampleStore store = parent.root.openStore()) {
        String json = new PreferencesRepository(store, Clock.systemUTC()).exportJson();
        if (file == null) {
          spec.commandLine().getOut().println(json);
        } else {
          Files.writeString(file, json + System.lineSeparator(), StandardCharsets.UTF_8);
        }
      }
      return 0;
    }
  }

  @Command(
      name = "import",
      description = "Read a source order exported before; saved as a new version.")
  static final class Import implements Callable<Integer> {
    @ParentCommand PreferencesCommand parent;

    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A JSON file from 'preferences export'.")
    Path file;

    @Override
    public Integer call() throws IOException {
      String json = Files.readString(file, StandardCharsets.UTF_8);
      try (SampleStore store = parent.root.openStore()) {
        SourcePreferences saved;
        try {
          saved = new PreferencesRepository(store, Clock.systemUTC()).importJson(json);
        } catch (IllegalArgumentException e) {
          throw new ParameterException(spec.commandLine(), file + ": " + e.getMessage());
        }
        spec.commandLine()
            .getOut()
            .println("Imported " + file + " as source order version " + saved.version() + ".");
      }
      return 0;
    }
  }

  @Command(name = "history", description = "List every saved version.")
  static final class History implements Callable<Integer> {
    @ParentCommand PreferencesCommand parent;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (SampleStore store = parent.root.openStore()) {
        PrintWriter out = spec.commandLine().getOut();
        for (SourcePreferences p : new PreferencesRepository(store, Clock.systemUTC()).history()) {
          out.printf(
              "v%d  %s  %d categories, %d metric orders%n",
              p.version(), p.savedAt(), p.categories().size(), p.metricOverrides().size());
        }
        out.flush();
      }
      return 0;
    }
  }
}
