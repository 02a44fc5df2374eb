package org.openvitals.connectors.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openvitals.core.store.SampleStore;

/**
 * A folder as one import (a dropped Takeout, an unpacked export): {@link FolderImport} with every
 * other registered importer, its outcome as one report. Registered like a format, so the Import
 * screen and detection take a folder where they take a file.
 */
public final class FolderImporter implements FileImporter {
  public static final String ID = "folder";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "Folder (every importable file inside)";
  }

  @Override
  public boolean canRead(Path file) {
    return Files.isDirectory(file);
  }

  @Override
  public ImportReport importFile(Path folder, SampleStore store, ImportListener listener)
      throws ImportException {
    long started = System.nanoTime();
    List<FileImporter> importers =
        FileImporters.all().stream().filter(i -> !i.id().equals(ID)).toList();
    FolderImport.Result result;
    try {
      result = FolderImport.run(folder, store, listener, importers);
    } catch (IOException e) {
      throw new ImportException(folder + ": cannot be listed (" + e.getMessage() + ")", null, e);
    }
    return report(
        result,
        Duration.ofNanos(System.nanoTime() - started),
        listener != null && listener.cancelled());
  }

  /**
   * The folder's outcome as one report: the files' counts added up, each reason prefixed with its
   * file, a file that failed counted as rejected with its error, and the files imported and skipped
   * (each with its reason) in the details.
   */
  static ImportReport report(FolderImport.Result result, Duration elapsed, boolean cancelled) {
    List<String> reasons = new ArrayList<>();
    long rejected = 0;
    Map<String, Long> unmapped = new TreeMap<>();
    Map<String, Long> other = new TreeMap<>();
    Map<String, Long> details = new TreeMap<>();
    for (FolderImport.Failed f : result.failed()) {
      rejected++;
      reasons.add(f.file() + ": import stopped: " + f.message());
      details.put("failed: " + f.file(), 1L);
    }
    List<ImportReport> reports = new ArrayList<>(result.imported());
    result.failed().stream()
        .map(FolderImport.Failed::partial)
        .filter(p -> p != null)
        .forEach(reports::add);
    for (ImportReport r : reports) {
      Path name = result.folder().relativize(Path.of(r.file()));
      rejected += r.rejected().count();
      r.rejected().reasons().forEach(reason -> reasons.add(name + ": " + reason));
      r.unmapped().forEach((k, v) -> unmapped.merge(k, v, Long::sum));
      r.other().forEach((k, v) -> other.merge(k, v, Long::sum));
    }
    for (ImportReport r : result.imported()) {
      details.put(
          "imported: " + result.folder().relativize(Path.of(r.file())) + " (" + r.format() + ")",
          r.stored());
    }
    for (FolderImport.Skipped s : result.skipped()) {
      details.put("skipped: " + s.file() + " (" + s.reason() + ")", 1L);
    }
    return new ImportReport(
        result.folder().toString(),
        ID,
        result.read(),
        result.stored(),
        result.updated(),
        result.duplicates(),
        new ImportReport.Rejected(
            rejected,
            reasons.subList(0, Math.min(reasons.size(), ImportReport.Rejected.MAX_REASONS))),
        unmapped,
        elapsed,
        cancelled,
        details,
        other,
        null); // a folder's files each report their own span
  }
}
