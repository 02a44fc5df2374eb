package org.openvitals.connectors.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.openvitals.core.store.SampleStore;

/**
 * Imports every importable file inside a folder (a Takeout or an unpacked export, at any depth) as
 * one run: each file goes to the importer that recognises it, and every file not imported is named
 * with the reason. One file that cannot be read does not stop the others; what it committed stays.
 */
public final class FolderImport {

  /** A file left out, with why. */
  public record Skipped(Path file, String reason) {}

  /** A file whose import stopped part-way, with the importer's message and what it committed. */
  public record Failed(Path file, String message, ImportReport partial) {}

  /**
   * The outcome for a folder: one report per imported file, in path order, plus the files skipped
   * and the ones that failed.
   */
  public record Result(
      Path folder, List<ImportReport> imported, List<Skipped> skipped, List<Failed> failed) {
    public Result {
      imported = List.copyOf(imported);
      skipped = List.copyOf(skipped);
      failed = List.copyOf(failed);
    }

    public long read() {
      return all().mapToLong(ImportReport::read).sum();
    }

    public long stored() {
      return all().mapToLong(ImportReport::stored).sum();
    }

    public long updated() {
      return all().mapToLong(ImportReport::updated).sum();
    }

    public long duplicates() {
      return all().mapToLong(ImportReport::duplicates).sum();
    }

    public long rejected() {
      return all().mapToLong(r -> r.rejected().count()).sum();
    }

    /** Records kept as other types, over all files. */
    public long other() {
      return all().flatMap(r -> r.other().values().stream()).mapToLong(Long::longValue).sum();
    }

    private Stream<ImportReport> all() {
      return Stream.concat(
          imported.stream(), failed.stream().map(Failed::partial).filter(p -> p != null));
    }
  }

  private FolderImport() {}

  /** With every registered importer, each detecting its own files. */
  public static Result run(Path folder, SampleStore store, ImportListener listener)
      throws IOException {
    return run(folder, store, listener, FileImporters.all());
  }

  /**
   * @param importers the importers to try, in order; a file none of them reads is skipped
   * @throws IOException when the folder itself cannot be listed
   */
  public static Result run(
      Path folder, SampleStore store, ImportListener listener, List<FileImporter> importers)
      throws IOException {
    ImportListener l = listener == null ? ImportListener.NONE : listener;
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files = walk.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    List<ImportReport> imported = new ArrayList<>();
    List<Skipped> skipped = new ArrayList<>();
    List<Failed> failed = new ArrayList<>();
    List<Path> exportFolders = new ArrayList<>();
    for (Path file : files) {
      if (isBareAppleHealthExport(file, importers)) {
        exportFolders.add(file.getParent());
      }
    }
    Map<Path, FileImporter> wholeFolders = wholeFolders(folder, importers);
    for (Map.Entry<Path, FileImporter> whole : wholeFolders.entrySet()) {
      if (l.cancelled()) {
        break;
      }
      try {
        imported.add(whole.getValue().importFile(whole.getKey(), store, l));
      } catch (ImportException e) {
        failed.add(new Failed(folder.relativize(whole.getKey()), e.getMessage(), e.partial()));
      }
    }
    for (Path file : files) {
      Path relative = folder.relativize(file);
      String hidden = hidden(relative);
      if (hidden != null) {
        skipped.add(new Skipped(relative, hidden));
        continue;
      }
      Optional<Map.Entry<Path, FileImporter>> inWhole =
          wholeFolders.entrySet().stream().filter(w -> file.startsWith(w.getKey())).findFirst();
      if (inWhole.isPresent()) {
        skipped.add(
            new Skipped(
                relative,
                "part of the "
                    + inWhole.get().getValue().displayName()
                    + " in "
                    + folder.relativize(inWhole.get().getKey())
                    + " (read as one)"));
        continue;
      }
      Optional<Path> within =
          exportFolders.stream()
              .filter(f -> file.startsWith(f) && !file.equals(f.resolve("export.xml")))
              .findFirst();
      if (within.isPresent()) {
        skipped.add(
            new Skipped(
                relative,
                "part of the Apple Health export in "
                    + folder.relativize(within.get())
                    + " (read with its export.xml)"));
        continue;
      }
      if (l.cancelled()) {
        skipped.add(new Skipped(relative, "not reached: the import was cancelled"));
        continue;
      }
      Optional<FileImporter> importer = detect(file, importers);
      if (importer.isEmpty()) {
        skipped.add(new Skipped(relative, "no importer recognises it"));
        continue;
      }
      try {
        imported.add(importer.get().importFile(file, store, l));
      } catch (ImportException e) {
        failed.add(new Failed(relative, e.getMessage(), e.partial()));
      }
    }
    return new Result(folder, imported, skipped, failed);
  }

  /**
   * The outermost folders inside {@code folder} that exactly one importer claims as a whole (a
   * Fitbit export beside Google Fit's files in a Takeout): each is imported by it in one piece, so
   * what it reads across files (Fitbit's profile and time zone) stays together.
   */
  private static Map<Path, FileImporter> wholeFolders(Path folder, List<FileImporter> importers)
      throws IOException {
    List<Path> dirs;
    try (Stream<Path> walk = Files.walk(folder)) {
      dirs =
          walk.filter(Files::isDirectory)
              .filter(d -> !d.equals(folder) && hidden(folder.relativize(d)) == null)
              .sorted(Comparator.naturalOrder())
              .toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    Map<Path, FileImporter> whole = new LinkedHashMap<>();
    for (Path dir : dirs) {
      if (whole.keySet().stream().anyMatch(dir::startsWith)) {
        continue;
      }
      List<FileImporter> claims = FileImporters.claiming(dir, importers);
      if (claims.size() == 1) {
        whole.put(dir, claims.getFirst());
      }
    }
    return whole;
  }

  /** Why a file is left out for being hidden or system litter, or null. */
  private static String hidden(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.equals("__MACOSX")) {
        return "macOS archive metadata";
      }
      if (name.startsWith(".")) {
        return "hidden file";
      }
    }
    return null;
  }

  /**
   * An unpacked Apple Health export: its export.xml reads the route files and the clinical document
   * beside it, so the rest of its folder is not imported again file by file.
   */
  private static boolean isBareAppleHealthExport(Path file, List<FileImporter> importers)
      throws IOException {
    if (!file.getFileName().toString().equals("export.xml")) {
      return false;
    }
    for (FileImporter importer : importers) {
      if (importer.id().equals("apple_health")) {
        return importer.canRead(file);
      }
    }
    return false;
  }

  private static Optional<FileImporter> detect(Path file, List<FileImporter> importers)
      throws IOException {
    for (FileImporter importer : importers) {
      if (importer.canRead(file)) {
        return Optional.of(importer);
      }
    }
    return Optional.empty();
  }
}
