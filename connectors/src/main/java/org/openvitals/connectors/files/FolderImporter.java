package org.openvitals.connectors.files;

import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openvitals.connectors.csv.ArchiveReader;
import org.openvitals.core.store.SampleStore;

/**
 * A folder as one import (a dropped Takeout, an unpacked export): {@link FolderImport} with every
 * other registered importer, its outcome as one report. Registered like a format, so the Import
 * screen and detection take a folder where they take a file. A zip that several importers claim (a
 * Takeout zip with a Fitbit export and Google Fit's files) is read the same way, through the JDK's
 * zip file system: nothing is unpacked to disk, and {@link ArchiveReader} keeps its caps on what
 * the importers read from it.
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
  public boolean canRead(Path file) throws IOException {
    return Files.isDirectory(file)
        || (ArchiveReader.isZip(file) && FileImporters.claiming(file, others()).size() > 1);
  }

  @Override
  public ImportReport importFile(Path folder, SampleStore store, ImportListener listener)
      throws ImportException {
    long started = System.nanoTime();
    FolderImport.Result result;
    if (ArchiveReader.isZip(folder)) {
      // The report is made while the zip is open: it names the files by their paths in it.
      try (FileSystem zip = FileSystems.newFileSystem(folder)) {
        result = FolderImport.run(zip.getPath("/"), store, listener, others());
        return report(result, folder, since(started), listener != null && listener.cancelled());
      } catch (IOException e) {
        throw new ImportException(
            folder.getFileName() + ": cannot be read as a zip (" + e.getMessage() + ")", null, e);
      }
    }
    try {
      result = FolderImport.run(folder, store, listener, others());
    } catch (IOException e) {
      throw new ImportException(folder + ": cannot be listed (" + e.getMessage() + ")", null, e);
    }
    return report(result, folder, since(started), listener != null && listener.cancelled());
  }

  private static List<FileImporter> others() {
    return FileImporters.all().stream().filter(i -> !i.id().equals(ID)).toList();
  }

  private static Duration since(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  /**
   * The folder's outcome as one report: the files' counts added up, each reason prefixed with its
   * file, a file that failed counted as rejected with its error, and the files imported and skipped
   * (each with its reason) in the details; named {@code imported}, the folder or the zip.
   */
  static ImportReport report(
      FolderImport.Result result, Path imported, Duration elapsed, boolean cancelled) {
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
      Path name = relative(result.folder(), r.file());
      rejected += r.rejected().count();
      r.rejected().reasons().forEach(reason -> reasons.add(name + ": " + reason));
      r.unmapped().forEach((k, v) -> unmapped.merge(k, v, Long::sum));
      r.other().forEach((k, v) -> other.merge(k, v, Long::sum));
    }
    for (ImportReport r : result.imported()) {
      details.put(
          "imported: " + relative(result.folder(), r.file()) + " (" + r.format() + ")", r.stored());
    }
    for (FolderImport.Skipped s : result.skipped()) {
      details.put("skipped: " + s.file() + " (" + s.reason() + ")", 1L);
    }
    return new ImportReport(
        imported.toString(),
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

  /** A file's report name within the folder, on the folder's file system (a zip's, too). */
  private static Path relative(Path folder, String file) {
    return folder.relativize(folder.getFileSystem().getPath(file));
  }
}
