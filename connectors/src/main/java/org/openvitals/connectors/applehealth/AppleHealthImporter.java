package org.openvitals.connectors.applehealth;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.openvitals.connectors.files.FileImporter;
import org.openvitals.connectors.files.ImportException;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.OtherSample;
import org.openvitals.core.model.Sample;
import org.openvitals.core.store.SampleStore;

/**
 * Imports the export the iPhone's Health app writes ({@code export.zip}, or its {@code export.xml}
 * on its own). See {@link ImportRun} for how a run streams, commits and resumes.
 */
public final class AppleHealthImporter implements FileImporter {
  public static final String ID = "apple_health";

  private final int batchSize;

  public AppleHealthImporter() {
    this(BatchWriter.BATCH_SIZE);
  }

  /** With a smaller batch, so tests can cancel and resume between commits of a small file. */
  AppleHealthImporter(int batchSize) {
    this.batchSize = batchSize;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "Apple Health export";
  }

  @Override
  public boolean canRead(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    if (isZip(file)) {
      return zipHasExport(file);
    }
    byte[] head = new byte[64 * 1024];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    return new String(head, 0, n, StandardCharsets.UTF_8).contains("<HealthData");
  }

  @Override
  public ImportReport importFile(Path file, SampleStore store, ImportListener listener)
      throws ImportException {
    return new ImportRun(file, store, listener == null ? ImportListener.NONE : listener, batchSize)
        .run();
  }

  @Override
  public Optional<Sample> promote(OtherSample record) {
    if (!ExportParser.PROVIDER.equals(record.source().provider())) {
      return Optional.empty();
    }
    MetricType type = HealthKitTypes.quantity(record.type());
    if (type == null) {
      return Optional.empty();
    }
    try {
      double value =
          HealthKitTypes.canonical(
              type, ExportParser.number(record.value(), "value"), record.unit());
      return Optional.of(
          new Sample(
              type,
              record.start(),
              record.end(),
              value,
              record.source(),
              record.device(),
              record.externalId(),
              record.metadata()));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // a value or unit this version cannot read either: stays as it is
    }
  }

  /**
   * Reads and maps {@code file} as an import would, without a store: {@code stored} counts the
   * samples an import would write. For checking a file, and as the benchmark's parse-only ceiling.
   */
  public ImportReport dryRun(Path file, ImportListener listener) throws ImportException {
    return new ImportRun(file, null, listener == null ? ImportListener.NONE : listener, batchSize)
        .run();
  }

  /**
   * Reads and maps {@code file} as an import would and hands each sample to {@code each}, in file
   * order, without a store (the reference phone sends an export this way). Samples inside a
   * Correlation are not handed out twice: Apple writes each as a top-level Record too.
   */
  public ImportReport read(Path file, Consumer<Sample> each, ImportListener listener)
      throws ImportException {
    return new ImportRun(
            file, null, listener == null ? ImportListener.NONE : listener, batchSize, each)
        .run();
  }

  static boolean isZip(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] magic = in.readNBytes(4);
      return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3;
    }
  }

  /** True for the main export inside a zip, not macOS's AppleDouble shadow of it. */
  static boolean isExportXml(String entryName) {
    String n = entryName.replace('\\', '/');
    if (n.startsWith("__MACOSX/")) {
      return false;
    }
    return n.equals("export.xml") || n.endsWith("/export.xml");
  }

  private static boolean zipHasExport(Path file) {
    try (ZipFile zip = new ZipFile(file.toFile())) {
      for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
        if (isExportXml(e.nextElement().getName())) {
          return true;
        }
      }
      return false;
    } catch (IOException e) {
      // No central directory (a truncated download): look at the first local headers instead.
      try (ZipInputStream zip =
          new ZipInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
        ZipEntry entry;
        for (int i = 0; i < 8 && (entry = zip.getNextEntry()) != null; i++) {
          String name = entry.getName().toLowerCase(Locale.ROOT);
          if (isExportXml(name) || name.startsWith("apple_health_export/")) {
            return true;
          }
        }
      } catch (IOException ignored) {
        // not a zip we can read at all
      }
      return false;
    }
  }
}
