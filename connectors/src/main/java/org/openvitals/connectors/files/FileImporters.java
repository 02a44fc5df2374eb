package org.openvitals.connectors.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.openvitals.connectors.csv.ArchiveReader;

/** The registered file importers, found through {@link ServiceLoader}. */
public final class FileImporters {
  private FileImporters() {}

  public static List<FileImporter> all() {
    return ServiceLoader.load(FileImporter.class).stream()
        .map(ServiceLoader.Provider::get)
        .toList();
  }

  public static Optional<FileImporter> byId(String id) {
    return all().stream().filter(i -> i.id().equals(id)).findFirst();
  }

  /**
   * The first importer that says it can read {@code file}. A folder or zip that several importers
   * claim (a Takeout holding a Fitbit export and Google Fit's files) goes to the folder import,
   * which gives each of them its own part.
   */
  public static Optional<FileImporter> detect(Path file) throws IOException {
    if (Files.isDirectory(file) || ArchiveReader.isZip(file)) {
      List<FileImporter> importers = all();
      List<FileImporter> claims = claiming(file, importers);
      if (claims.size() > 1) {
        return importers.stream().filter(i -> i.id().equals(FolderImporter.ID)).findFirst();
      }
    }
    // ServiceLoader's iterator loads and makes each importer only when it is reached: an Apple
    // Health export.xml, the first asked, loads none of the others (docs/architecture.md, "Start-up
    // of the command line").
    for (FileImporter importer : ServiceLoader.load(FileImporter.class)) {
      if (importer.canRead(file)) {
        return Optional.of(importer);
      }
    }
    return Optional.empty();
  }

  /** The importers other than the folder import that say they can read {@code file}. */
  static List<FileImporter> claiming(Path file, List<FileImporter> importers) throws IOException {
    List<FileImporter> claims = new ArrayList<>();
    for (FileImporter importer : importers) {
      if (!importer.id().equals(FolderImporter.ID) && importer.canRead(file)) {
        claims.add(importer);
      }
    }
    return claims;
  }
}
