package org.openvitals.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
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
    header = "Write every stored sample to a CSV or JSON file.",
    description =
        "Deleted samples are left out. Values are in canonical units, times keep their original"
            + " UTC offsets. Streams from the database: any size, constant memory.")
final class ExportCommand implements Callable<Integer> {
  @ParentCommand OpenVitalsCli root;

  @Spec CommandSpec spec;

  @Option(
      names = "--format",
      required = true,
      paramLabel = "FORMAT",
      converter = Converters.Format.class,
      description = "csv or json.")
  ExportFormat format;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "File to write (replaced if it exists).")
  Path out;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    long count;
    try (SampleStore store = root.openStore()) {
      count =
          SampleExporter.export(
              store,
              format,
              out,
              written -> err.printf("Exported %,d samples so far...%n", written).flush());
    }
    spec.commandLine().getOut().printf("Exported %,d samples to %s%n", count, out.toAbsolutePath());
    return 0;
  }
}
