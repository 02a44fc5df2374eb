package org.openvitals.connectors.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

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

  /** The first importer that says it can read {@code file}. */
  public static Optional<FileImporter> detect(Path file) throws IOException {
    for (FileImporter importer : all()) {
      if (importer.canRead(file)) {
        return Optional.of(importer);
      }
    }
    return Optional.empty();
  }
}
