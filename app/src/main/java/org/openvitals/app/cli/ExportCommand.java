package org.openvitals.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.openvitals.core.backup.StoreBackup;
import org.openvitals.core.export.ExportFormat;
import org.openvitals.core.export.SampleExporter;
import org.openvitals.core.store.SampleStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "export",
    header = "Write every stored sample to a CSV or JSON file, or the whole store to a backup.",
    description = {
      "csv and json: deleted samples are left out, values are in canonical units, times keep",
      "their original UTC offsets; streams from the database: any size, constant memory.",
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
      description = "csv, json or backup.")
  String format;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "File to write (replaced if it exists).")
  Path out;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
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
      err.println("Unknown export format '" + format + "' (use csv, json or backup)");
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
}
