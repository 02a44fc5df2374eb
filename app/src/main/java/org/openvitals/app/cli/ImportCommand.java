package org.openvitals.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.openvitals.connectors.csv.CsvImporter;
import org.openvitals.connectors.files.FileImporter;
import org.openvitals.connectors.files.FileImporters;
import org.openvitals.connectors.files.FolderImport;
import org.openvitals.connectors.files.ImportException;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportProgress;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.connectors.files.OtherTypes;
import org.openvitals.core.backup.BackupException;
import org.openvitals.core.backup.StoreBackup;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.Stores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code openvitals import FILE}: any file a registered importer reads (Apple Health export, CSV
 * exports ...). Exit code 0 when the file was read to its end, even with rejected records; 1 when
 * it could not be read (what was committed before the problem stays); 2 for usage errors.
 */
@Command(
    name = "import",
    header =
        "Import an export file (Apple Health, CSV, Cronometer, MyFitnessPal, Fitbit, Google Fit,"
            + " WHOOP, Oura, FIT, GPX, TCX).",
    description = {
      "Import an export file into the store: Apple Health export.zip or export.xml, CSV (with",
      "--mapping when its header leaves something open), Cronometer, MyFitnessPal, Fitbit and",
      "Google Fit (Takeout) exports, WHOOP and Oura app exports, and FIT, GPX and TCX workout",
      "files. Progress goes to stderr; the summary (or --json) to stdout. Ctrl-C stops after the",
      "current batch; running the same command again finishes the rest."
    })
public final class ImportCommand implements Callable<Integer> {
  @ParentCommand OpenVitalsCli root;

  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "FILE",
      description = "The file to import, or a folder: every importable file inside it.")
  Path file;

  @Option(names = "--json", description = "Print the final report as one JSON object.")
  boolean json;

  @Option(
      names = "--format",
      paramLabel = "ID",
      description = "Importer to use instead of detecting it (e.g. apple_health).")
  String format;

  @Option(
      names = "--mapping",
      paramLabel = "MAPPING.json",
      description =
          "How to read a CSV file's columns (JSON, see the README under 'Importing CSV');"
              + " implies --format csv.")
  Path mapping;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (Files.isDirectory(file)) {
      return importFolder(out, err);
    }
    if (StoreBackup.isBackup(file)) {
      try {
        StoreBackup.Contents restored = StoreBackup.restore(file, root.storeConfig());
        out.printf(
            Locale.ROOT,
            "Restored %s: %,d samples, %,d sources, %d tables%n",
            file.getFileName(),
            restored.rows("samples"),
            restored.rows("sources"),
            restored.rowsPerTable().size());
        return 0;
      } catch (BackupException e) {
        err.println("Cannot restore: " + e.getMessage());
        return 1;
      }
    }
    if (!Files.isRegularFile(file)) {
      err.println("No such file: " + file);
      return 1;
    }
    if (mapping != null && format != null && !format.equals(CsvImporter.ID)) {
      err.println("--mapping is for CSV files; it cannot be used with --format " + format);
      return 2;
    }
    Optional<FileImporter> chosen;
    if (mapping != null) {
      try {
        chosen = Optional.of(CsvImporter.withMapping(mapping));
      } catch (NoSuchFileException e) {
        err.println("No such mapping file: " + mapping);
        return 2;
      } catch (IOException | IllegalArgumentException e) {
        err.println("Cannot use the mapping: " + e.getMessage());
        return 2;
      }
    } else {
      chosen = format != null ? FileImporters.byId(format) : FileImporters.detect(file);
    }
    if (chosen.isEmpty()) {
      String known =
          FileImporters.all().stream().map(FileImporter::id).collect(Collectors.joining(", "));
      err.println(
          format != null
              ? "Unknown format '" + format + "' (known: " + known + ")"
              : "OpenVitals cannot tell what "
                  + file
                  + " is (known formats: "
                  + known
                  + "); name one with --format");
      return format != null ? 2 : 1;
    }
    FileImporter importer = chosen.get();
    boolean terminal = System.console() != null && System.console().isTerminal();
    Cancel cancel = new Cancel();
    Thread hook = new Thread(cancel::request, "import-cancel");
    Runtime.getRuntime().addShutdownHook(hook);
    try (SampleStore store = Stores.open(root.storeConfig())) {
      OtherTypes.promote(store);
      ImportReport report =
          importer.importFile(file, store, new Listener(terminal ? err : null, cancel));
      if (terminal) {
        err.print("\r\033[K");
        err.flush();
      }
      if (json) {
        out.println(toJson(report, importer, null));
      } else {
        printSummary(out, report, importer);
      }
      return 0;
    } catch (ImportException e) {
      if (terminal) {
        err.print("\r\033[K");
      }
      err.println("Import stopped: " + e.getMessage());
      if (json) {
        out.println(toJson(e.partial(), importer, e.getMessage()));
      } else if (e.partial() != null) {
        printSummary(out, e.partial(), importer);
      }
      return 1;
    } finally {
      cancel.done();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running: it waits for done() above.
      }
      out.flush();
      err.flush();
    }
  }

  /**
   * Every importable file inside the folder, as one run: each file to the importer that recognises
   * it (or only to --format's), every other file named with the reason it was skipped.
   */
  private int importFolder(PrintWriter out, PrintWriter err) throws IOException {
    if (mapping != null) {
      err.println("--mapping reads one CSV file; import that file on its own with it");
      return 2;
    }
    List<FileImporter> importers = FileImporters.all();
    if (format != null) {
      Optional<FileImporter> only = FileImporters.byId(format);
      if (only.isEmpty()) {
        err.println("Unknown format '" + format + "'");
        return 2;
      }
      importers = List.of(only.get());
    }
    FolderImport.Result result;
    try (SampleStore store = root.openStore()) {
      result = FolderImport.run(file, store, ImportListener.NONE, importers);
    }
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("folder", file.toString());
      List<Object> files = new ArrayList<>();
      for (ImportReport r : result.imported()) {
        Map<String, Object> one = new LinkedHashMap<>();
        one.put("file", file.relativize(Path.of(r.file())).toString());
        one.put("format", r.format());
        one.putAll(reportMap(r));
        files.add(one);
      }
      m.put("imported", files);
      List<Object> skipped = new ArrayList<>();
      result
          .skipped()
          .forEach(s -> skipped.add(Map.of("file", s.file().toString(), "reason", s.reason())));
      m.put("skipped", skipped);
      List<Object> failed = new ArrayList<>();
      result
          .failed()
          .forEach(f -> failed.add(Map.of("file", f.file().toString(), "error", f.message())));
      m.put("failed", failed);
      m.put("stored", result.stored());
      m.put("duplicates", result.duplicates());
      m.put("other", result.other());
      out.println(Output.jsonLine(m));
    } else {
      out.printf(
          Locale.ROOT,
          "Imported folder %s: %d files imported, %d skipped, %d failed%n",
          file,
          result.imported().size(),
          result.skipped().size(),
          result.failed().size());
      for (ImportReport r : result.imported()) {
        out.printf(
            Locale.ROOT,
            "  imported  %s (%s): %,d read, %,d new, %,d duplicates, %,d rejected, %,d other%n",
            file.relativize(Path.of(r.file())),
            r.format(),
            r.read(),
            r.stored(),
            r.duplicates(),
            r.rejected().count(),
            r.other().values().stream().mapToLong(Long::longValue).sum());
      }
      result.skipped().forEach(s -> out.printf("  skipped   %s: %s%n", s.file(), s.reason()));
      result.failed().forEach(f -> out.printf("  failed    %s: %s%n", f.file(), f.message()));
      out.printf(
          Locale.ROOT,
          "  total: %,d read, %,d new samples, %,d updated, %,d duplicates, %,d rejected, %,d"
              + " records of other types%n",
          result.read(),
          result.stored(),
          result.updated(),
          result.duplicates(),
          result.rejected(),
          result.other());
    }
    return result.failed().isEmpty() ? 0 : 1;
  }

  /** Ctrl-C asks the import to stop after its current batch and waits for that commit. */
  private static final class Cancel {
    private volatile boolean requested;
    private final CountDownLatch finished = new CountDownLatch(1);

    void request() {
      requested = true;
      try {
        finished.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    void done() {
      finished.countDown();
    }
  }

  private record Listener(PrintWriter err, Cancel cancel) implements ImportListener {
    @Override
    public void progress(ImportProgress p) {
      if (err == null) {
        return;
      }
      StringBuilder line = new StringBuilder("\r\033[K  ").append(size(p.bytesRead()));
      if (p.totalBytes() > 0) {
        line.append(" / ")
            .append(size(p.totalBytes()))
            .append(String.format(Locale.ROOT, " (%.0f%%)", 100 * p.fraction()));
      }
      line.append(String.format(Locale.ROOT, "  %,d records", p.records()))
          .append(String.format(Locale.ROOT, "  %,.0f records/s", p.recordsPerSecond()));
      Duration eta = p.eta();
      if (eta != null) {
        line.append("  ETA ").append(clock(eta));
      }
      err.print(line);
      err.flush();
    }

    @Override
    public boolean cancelled() {
      return cancel.requested;
    }
  }

  static String size(long bytes) {
    if (bytes >= 1L << 30) {
      return String.format(Locale.ROOT, "%.2f GB", bytes / (double) (1L << 30));
    }
    return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
  }

  static String clock(Duration d) {
    long s = d.toSeconds();
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  private void printSummary(PrintWriter out, ImportReport r, FileImporter importer) {
    out.printf(
        Locale.ROOT,
        "%s %s (%s) in %.1f s%n",
        r.cancelled() ? "Cancelled import of" : "Imported",
        file.getFileName(),
        importer.displayName(),
        r.elapsed().toMillis() / 1000.0);
    out.printf(Locale.ROOT, "  read        %,12d records%n", r.read());
    out.printf(Locale.ROOT, "  stored      %,12d new samples%n", r.stored());
    out.printf(Locale.ROOT, "  updated     %,12d%n", r.updated());
    out.printf(Locale.ROOT, "  duplicates  %,12d already stored%n", r.duplicates());
    out.printf(Locale.ROOT, "  rejected    %,12d%n", r.rejected().count());
    if (r.span() != null) {
      java.time.ZoneId zone = java.time.ZoneId.systemDefault();
      out.printf(
          Locale.ROOT,
          "  covering    %s to %s%n",
          r.span().first().atZone(zone).toLocalDate(),
          r.span().last().atZone(zone).toLocalDate());
    }
    for (String reason : r.rejected().reasons()) {
      out.println("    - " + reason);
    }
    if (r.rejected().count() > r.rejected().reasons().size()) {
      out.printf(
          Locale.ROOT,
          "    ... and %,d more%n",
          r.rejected().count() - r.rejected().reasons().size());
    }
    if (!r.unmapped().isEmpty()) {
      out.println("  not in the metric catalog (counted, not stored):");
      new TreeMap<>(r.unmapped())
          .forEach((type, n) -> out.printf(Locale.ROOT, "    %-60s %,10d%n", type, n));
    }
    if (!r.other().isEmpty()) {
      out.println("  other (types not in the metric catalog yet, stored as written):");
      new TreeMap<>(r.other())
          .forEach((type, n) -> out.printf(Locale.ROOT, "    %-60s %,10d%n", type, n));
    }
    if (!r.details().isEmpty()) {
      out.println("  details:");
      new TreeMap<>(r.details())
          .forEach((k, n) -> out.printf(Locale.ROOT, "    %-60s %,10d%n", k, n));
    }
    if (r.cancelled()) {
      out.println("  Run the same command again to import the rest.");
    }
  }

  private String toJson(ImportReport r, FileImporter importer, String error) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", file.toString());
    m.put("format", importer.id());
    if (r != null) {
      m.putAll(reportMap(r));
    }
    m.put("completed", error == null && r != null && !r.cancelled());
    if (error != null) {
      m.put("error", error);
    }
    return Output.jsonLine(m);
  }

  /** The counts of one file's report, as {@code --json} prints them. */
  private static Map<String, Object> reportMap(ImportReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("read", r.read());
    m.put("stored", r.stored());
    m.put("updated", r.updated());
    m.put("duplicates", r.duplicates());
    m.put("rejected", Map.of("count", r.rejected().count(), "reasons", r.rejected().reasons()));
    m.put("unmapped", new TreeMap<>(r.unmapped()));
    m.put("other", new TreeMap<>(r.other()));
    m.put("details", new TreeMap<>(r.details()));
    m.put("seconds", r.elapsed().toMillis() / 1000.0);
    m.put("cancelled", r.cancelled());
    if (r.span() != null) {
      m.put("first", r.span().first().toString());
      m.put("last", r.span().last().toString());
    }
    return m;
  }
}
