package org.openvitals.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.openvitals.app.logging.LibraryLog;
import org.openvitals.core.store.Engine;
import org.openvitals.core.store.IntegrityReport;
import org.openvitals.core.store.PrivateFiles;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.StoreInfo;
import org.openvitals.core.store.Stores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
    name = "doctor",
    header = "Check the installation and the store.",
    description =
        "Shows engine, paths, schema version and counts, and runs an integrity check. Exits with"
            + " 1 when the store is not healthy or the data folder is not writable; a folder with"
            + " no store yet is fine.")
final class DoctorCommand implements Callable<Integer> {
  @ParentCommand OpenVitalsCli root;

  @Spec CommandSpec spec;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  public Integer call() {
    StoreConfig config = root.storeConfig();
    Path dir = config.dataDir();
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("version", new VersionProvider().getVersion()[0]);
    report.put("java", Runtime.version() + " (" + System.getProperty("java.home") + ")");
    report.put("data_folder", dir.toString());
    boolean writable = writable(dir);
    report.put("data_folder_writable", writable);

    List<String> problems = new ArrayList<>();
    report.put("private_files", privateFiles(dir, problems));
    report.put(
        "log_file",
        LibraryLog.fileIn(dir)
            + " (messages of the libraries; rotated at "
            + (LibraryLog.LIMIT_BYTES >> 20)
            + " MB over "
            + LibraryLog.FILES
            + " files)");
    Optional<Engine> existing = Stores.detectEngine(dir);
    if (existing.isEmpty()) {
      // A check, not an import: it never creates the store it looks for.
      report.put("store", "none yet");
      report.put(
          "note",
          "There is no OpenVitals store in "
              + dir
              + " yet; import data or run 'openvitals demo' to create one.");
    } else {
      try (SampleStore store = Stores.open(config)) {
        StoreInfo info = store.info();
        report.put("engine", info.engine().id() + " " + info.engineVersion());
        report.put("database", info.location().toString());
        report.put("encrypted", info.encrypted());
        report.put("schema_version", info.schemaVersion());
        report.put("live_samples", info.liveSamples());
        report.put("deleted_samples", info.tombstones());
        report.put("sources", info.sources());
        report.put("day_boundaries", info.dayBoundaries());
        IntegrityReport integrity = store.checkIntegrity();
        problems.addAll(integrity.problems());
        report.put("integrity", integrity.ok() ? "ok" : integrity.problems());
      }
    }
    if (!writable) {
      problems.add("the data folder " + dir + " is not writable");
    }
    report.put("healthy", problems.isEmpty());
    print(report);
    if (!problems.isEmpty()) {
      throw new CliException(
          (existing.isPresent() ? "The store is not healthy: " : "Not healthy: ")
              + String.join("; ", problems));
    }
    return 0;
  }

  /**
   * Makes the data folder owner-only before anything else opens it and says what had been wider, so
   * a folder made by an older version or copied in with other permissions is named once.
   */
  private static String privateFiles(Path dir, List<String> problems) {
    if (!Files.isDirectory(dir)) {
      return "the folder does not exist yet";
    }
    try {
      List<String> tightened = PrivateFiles.tighten(dir);
      return tightened.isEmpty()
          ? "owner only"
          : "made owner only: " + String.join(", ", tightened);
    } catch (IOException | RuntimeException e) {
      problems.add(
          "the data folder " + dir + " could not be made private (" + e.getMessage() + ")");
      return "could not be made owner only";
    }
  }

  /** Whether the folder can be written; for one not made yet, the nearest folder it would be in. */
  private static boolean writable(Path dir) {
    Path existing = dir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    return existing != null && Files.isWritable(existing);
  }

  private void print(Map<String, Object> report) {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      Output.json(out, report);
      return;
    }
    report.forEach((key, value) -> {
      String label = (key.replace('_', ' ') + ":");
      label = Character.toUpperCase(label.charAt(0)) + label.substring(1);
      String text =
          value instanceof Long n
              ? String.format("%,d", n)
              : value instanceof Boolean b ? (b ? "yes" : "no") : String.valueOf(value);
      out.printf("%-22s %s%n", label, text);
    });
    out.flush();
  }
}
