package org.openvitals.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.openvitals.connectors.export.StandardExport;
import org.openvitals.core.backup.StoreBackup;
import org.openvitals.core.export.ExportFormat;
import org.openvitals.core.export.SampleExporter;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.store.SampleStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "export",
    header =
        "Write your data as CSV, JSON, Open mHealth or FHIR R4, or the whole store to a backup.",
    description = {
      "csv and json: deleted samples are left out, values are in canonical units, times keep",
      "their original UTC offsets; streams from the database: any size, constant memory.",
      "omh and fhir: Open mHealth data points or a FHIR R4 Bundle of Observations (LOINC codes,",
      "UCUM units) for a period and metrics, every source's samples (default) or the merged",
      "daily values (--merged); what the format has no place for is counted on stderr.",
      "backup: one zip with every table of the store (samples with tombstones, records of other",
      "types, sources, devices, preferences and their history, sync cursors; never tokens);",
      "'openvitals import BACKUP.zip' restores it into an empty data folder."
    })
final class ExportCommand implements Callable<Integer> {
  @ParentCommand OpenVitalsCli root;

  @Spec CommandSpec spec;

  @Option(
      names = "--format",
      required = true,
      paramLabel = "FORMAT",
      description = "csv, json, omh, fhir or backup.")
  String format;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "File to write (replaced if it exists).")
  Path out;

  @Option(
      names = "--from",
      paramLabel = "DATE",
      converter = Converters.Date.class,
      description = "omh and fhir: first day, YYYY-MM-DD (default: the first day with data).")
  LocalDate from;

  @Option(
      names = "--to",
      paramLabel = "DATE",
      converter = Converters.Date.class,
      description = "omh and fhir: last day, YYYY-MM-DD, included (default: the last with data).")
  LocalDate to;

  @Option(
      names = "--metric",
      paramLabel = "METRIC",
      converter = Converters.Metric.class,
      description = "omh and fhir: a metric to export; repeat for more (default: every metric).")
  List<MetricType> metrics = List.of();

  @ArgGroup(exclusive = true)
  Values values;

  static final class Values {
    @Option(
        names = "--merged",
        required = true,
        description = "omh and fhir: the merged daily values the dashboard shows.")
    boolean merged;

    @Option(
        names = "--all-sources",
        required = true,
        description = "omh and fhir: every source's samples (the default).")
    boolean allSources;
  }

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    Optional<StandardExport.Format> standard = StandardExport.Format.byId(format);
    if (standard.isPresent()) {
      return exportStandard(standard.get(), err);
    }
    if (from != null || to != null || !metrics.isEmpty() || values != null) {
      err.println("--from, --to, --metric, --merged and --all-sources go with omh or fhir only");
      return 2;
    }
    if (format.equalsIgnoreCase("backup")) {
      StoreBackup.Contents contents;
      try (SampleStore store = root.openStore()) {
        contents = StoreBackup.write(store, out);
      }
      spec.commandLine()
          .getOut()
          .printf(
              "Backed up %,d samples (%d tables) to %s%n",
              contents.rows("samples"), contents.rowsPerTable().size(), out.toAbsolutePath());
      return 0;
    }
    ExportFormat chosen;
    try {
      chosen = ExportFormat.fromId(format);
    } catch (IllegalArgumentException e) {
      err.println("Unknown export format '" + format + "' (use csv, json, omh, fhir or backup)");
      return 2;
    }
    long count;
    try (SampleStore store = root.openStore()) {
      count =
          SampleExporter.export(
              store,
              chosen,
              out,
              written -> err.printf("Exported %,d samples so far...%n", written).flush());
    }
    spec.commandLine().getOut().printf("Exported %,d samples to %s%n", count, out.toAbsolutePath());
    return 0;
  }

  private int exportStandard(StandardExport.Format chosen, PrintWriter err) {
    StandardExport.Selection selection;
    try {
      selection =
          new StandardExport.Selection(
              from,
              to,
              metrics.isEmpty() ? EnumSet.noneOf(MetricType.class) : EnumSet.copyOf(metrics),
              values != null && values.merged);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
    StandardExport.Result result;
    try (SampleStore store = root.openStore()) {
      RulesService rules = new RulesService(store, Clock.systemUTC());
      result =
          new StandardExport(store, rules, Clock.systemUTC())
              .export(
                  chosen,
                  selection,
                  out,
                  written -> err.printf("Exported %,d so far...%n", written).flush());
    }
    for (Map.Entry<String, Long> s : result.skipped().entrySet()) {
      err.printf("Skipped %,d: %s%n", s.getValue(), s.getKey());
    }
    PrintWriter stdout = spec.commandLine().getOut();
    stdout.printf(
        "Exported %,d %s to %s%n",
        result.total(),
        chosen == StandardExport.Format.OMH ? "data points" : "observations",
        out.toAbsolutePath());
    result.written().forEach((kind, n) -> stdout.printf("  %-28s %,d%n", kind, n));
    if (result.totalSkipped() > 0) {
      stdout.printf("Skipped %,d (listed on stderr)%n", result.totalSkipped());
    }
    return 0;
  }
}
