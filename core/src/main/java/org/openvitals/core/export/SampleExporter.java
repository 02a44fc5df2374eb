package org.openvitals.core.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.openvitals.core.model.Sample;
import org.openvitals.core.store.SampleStore;

/**
 * Writes every live sample of a store to a CSV or JSON file, streaming: samples go from the store's
 * cursor to the file one at a time, so exports of any size run in constant memory. The file appears
 * only when complete (written beside it first, then moved into place), so a failed export never
 * leaves a truncated file that looks finished.
 *
 * <p>Both formats carry the same fields: {@code metric} (the metric id), {@code start} and {@code
 * end} (ISO-8601 with the original UTC offset), {@code value} (in the canonical unit), {@code unit}
 * (UCUM), {@code provider}, {@code source}, {@code device}, {@code external_id} and {@code
 * metadata}. CSV has one row per sample under a header row, with metadata as a JSON object; JSON is
 * an array of objects, with metadata as a nested object.
 */
public final class SampleExporter {
  /** Column order of the CSV export; also the field order of each JSON object. */
  public static final List<String> FIELDS =
      List.of(
          "metric",
          "start",
          "end",
          "value",
          "unit",
          "provider",
          "source",
          "device",
          "external_id",
          "metadata");

  private static final ObjectMapper JSON = new ObjectMapper();

  private SampleExporter() {}

  /**
   * Exports all live samples to {@code file}, replacing it if it exists.
   *
   * @param progress called with the number of samples written so far, every 100,000 samples
   * @return how many samples were written
   * @throws ExportException naming the file when it cannot be written
   */
  public static long export(
      SampleStore store, ExportFormat format, Path file, Consumer<Long> progress) {
    Path target = file.toAbsolutePath();
    Path partial = target.resolveSibling(target.getFileName() + ".part");
    try {
      long count;
      try (OutputStream out = Files.newOutputStream(partial)) {
        count = export(store, format, out, progress);
      }
      moveIntoPlace(partial, target);
      return count;
    } catch (IOException | UncheckedIOException e) {
      deleteQuietly(partial);
      IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
      throw new ExportException("Cannot write " + target + ": " + describe(cause), cause);
    }
  }

  /** Exports all live samples to a stream (left open). */
  public static long export(
      SampleStore store, ExportFormat format, OutputStream out, Consumer<Long> progress)
      throws IOException {
    return switch (format) {
      case CSV -> writeCsv(store, out, progress);
      case JSON -> writeJson(store, out, progress);
    };
  }

  private static long writeCsv(SampleStore store, OutputStream out, Consumer<Long> progress)
      throws IOException {
    Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(FIELDS.toArray(String[]::new)).get();
    CSVPrinter csv = new CSVPrinter(writer, format);
    long[] count = {0};
    store.forEachSample(
        null,
        null,
        null,
        s -> {
          try {
            csv.printRecord(
                s.type().id(),
                s.start(),
                s.end(),
                plain(s.value()),
                s.type().unit(),
                s.source().provider(),
                s.source().name(),
                s.device(),
                s.externalId(),
                s.metadata().isEmpty() ? null : JSON.writeValueAsString(s.metadata()));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          tick(++count[0], progress);
        });
    csv.flush();
    return count[0];
  }

  private static long writeJson(SampleStore store, OutputStream out, Consumer<Long> progress)
      throws IOException {
    JsonGenerator json =
        new JsonFactory()
            .createGenerator(out, JsonEncoding.UTF8)
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
    json.writeStartArray();
    long[] count = {0};
    store.forEachSample(
        null,
        null,
        null,
        s -> {
          try {
            writeJsonSample(json, s);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          tick(++count[0], progress);
        });
    json.writeEndArray();
    json.writeRaw('\n');
    json.close();
    return count[0];
  }

  private static void writeJsonSample(JsonGenerator json, Sample s) throws IOException {
    json.writeRaw('\n');
    json.writeStartObject();
    json.writeStringField("metric", s.type().id());
    json.writeStringField("start", s.start().toString());
    json.writeStringField("end", s.end().toString());
    json.writeFieldName("value");
    json.writeNumber(plain(s.value()));
    json.writeStringField("unit", s.type().unit());
    json.writeStringField("provider", s.source().provider());
    json.writeStringField("source", s.source().name());
    json.writeStringField("device", s.device());
    json.writeStringField("external_id", s.externalId());
    json.writeObjectFieldStart("metadata");
    for (Map.Entry<String, String> e : s.metadata().entrySet()) {
      json.writeStringField(e.getKey(), e.getValue());
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  /** 72 rather than 72.0, and never scientific notation. */
  private static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  private static void tick(long count, Consumer<Long> progress) {
    if (count % 100_000 == 0) {
      progress.accept(count);
    }
  }

  private static void moveIntoPlace(Path partial, Path target) throws IOException {
    try {
      Files.move(
          partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // The export already failed; its error is the one worth reporting.
    }
  }

  private static String describe(IOException e) {
    return switch (e) {
      case java.nio.file.AccessDeniedException a -> "permission denied";
      case java.nio.file.NoSuchFileException n -> "the folder does not exist";
      case java.nio.file.FileSystemException f when f.getReason() != null -> f.getReason();
      default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    };
  }
}
