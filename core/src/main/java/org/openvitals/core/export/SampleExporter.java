package org.openvitals.core.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.openvitals.core.model.OtherSample;
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
 *
 * <p>Records of types the catalog does not know follow the samples, with {@code metric} {@code
 * other:} plus the source's name for the type, and the value and unit as the source wrote them
 * (docs/decisions/0008-unknown-types.md).
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

  /** The metric column of a record of a type the catalog does not know: {@code other:<type>}. */
  public static final String OTHER_PREFIX = "other:";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Always with seconds (2026-03-01T08:00:00+01:00), which every ISO-8601 parser reads. */
  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

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
    return writeFile(file, out -> export(store, format, out, progress));
  }

  /** Writes a file's body to an output stream (left open). */
  public interface FileBody<T> {
    T writeTo(OutputStream out) throws IOException;
  }

  /**
   * Writes {@code file} with {@code body}, replacing it: written beside it first and moved into
   * place when complete, so a failed or cancelled export leaves no file that looks finished. Every
   * export format goes through here.
   *
   * @throws ExportException naming the file when it cannot be written
   */
  public static <T> T writeFile(Path file, FileBody<T> body) {
    Path target = file.toAbsolutePath();
    Path partial = target.resolveSibling(target.getFileName() + ".part");
    try {
      T result;
      try (OutputStream out = Files.newOutputStream(partial)) {
        result = body.writeTo(out);
      }
      moveIntoPlace(partial, target);
      return result;
    } catch (IOException | UncheckedIOException e) {
      IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
      throw new ExportException("Cannot write " + target + ": " + describe(cause, target), cause);
    } finally {
      deleteQuietly(partial); // gone already after a successful move
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
    long count =
        eachRecord(
            store,
            progress,
            s ->
                csv.printRecord(
                    s.type().id(),
                    TIME.format(s.start()),
                    TIME.format(s.end()),
                    plain(s.value()),
                    s.type().unit(),
                    s.source().provider(),
                    s.source().name(),
                    s.device(),
                    s.externalId(),
                    s.metadata().isEmpty() ? null : JSON.writeValueAsString(sorted(s.metadata()))),
            o ->
                csv.printRecord(
                    OTHER_PREFIX + o.type(),
                    TIME.format(o.start()),
                    TIME.format(o.end()),
                    o.value(),
                    o.unit(),
                    o.source().provider(),
                    o.source().name(),
                    o.device(),
                    o.externalId(),
                    o.metadata().isEmpty() ? null : JSON.writeValueAsString(sorted(o.metadata()))));
    csv.flush();
    return count;
  }

  private static long writeJson(SampleStore store, OutputStream out, Consumer<Long> progress)
      throws IOException {
    JsonGenerator json =
        new JsonFactory()
            .createGenerator(out, JsonEncoding.UTF8)
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false)
            .setPrettyPrinter(new OneSamplePerLine());
    json.writeStartArray();
    long count =
        eachRecord(store, progress, s -> writeJsonSample(json, s), o -> writeJsonOther(json, o));
    json.writeEndArray();
    json.close();
    return count;
  }

  private static void writeJsonSample(JsonGenerator json, Sample s) throws IOException {
    json.writeStartObject();
    json.writeStringField("metric", s.type().id());
    json.writeStringField("start", TIME.format(s.start()));
    json.writeStringField("end", TIME.format(s.end()));
    json.writeFieldName("value");
    json.writeNumber(plain(s.value()));
    json.writeStringField("unit", s.type().unit());
    json.writeStringField("provider", s.source().provider());
    json.writeStringField("source", s.source().name());
    json.writeStringField("device", s.device());
    json.writeStringField("external_id", s.externalId());
    json.writeObjectFieldStart("metadata");
    for (Map.Entry<String, String> e : sorted(s.metadata()).entrySet()) {
      json.writeStringField(e.getKey(), e.getValue());
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  private static void writeJsonOther(JsonGenerator json, OtherSample o) throws IOException {
    json.writeStartObject();
    json.writeStringField("metric", OTHER_PREFIX + o.type());
    json.writeStringField("start", TIME.format(o.start()));
    json.writeStringField("end", TIME.format(o.end()));
    double number = o.number();
    if (Double.isFinite(number)) {
      json.writeFieldName("value");
      json.writeNumber(plain(number));
    } else {
      json.writeStringField("value", o.value());
    }
    json.writeStringField("unit", o.unit());
    json.writeStringField("provider", o.source().provider());
    json.writeStringField("source", o.source().name());
    json.writeStringField("device", o.device());
    json.writeStringField("external_id", o.externalId());
    json.writeObjectFieldStart("metadata");
    for (Map.Entry<String, String> e : sorted(o.metadata()).entrySet()) {
      json.writeStringField(e.getKey(), e.getValue());
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  /** Metadata keys in a fixed order, so exporting the same data twice gives the same file. */
  private static Map<String, String> sorted(Map<String, String> metadata) {
    return new TreeMap<>(metadata);
  }

  /** 72 rather than 72.0, and never scientific notation. */
  private static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** Writes every sample with {@code write}, reporting every 100,000; returns how many. */
  /** Every live sample, then every record of another type, each counted for the progress. */
  private static long eachRecord(
      SampleStore store,
      Consumer<Long> progress,
      Write<Sample> samples,
      Write<OtherSample> others) {
    long[] count = {0};
    store.forEachSample(null, null, null, s -> write(samples, s, ++count[0], progress));
    store.forEachOther(o -> write(others, o, ++count[0], progress));
    return count[0];
  }

  private static <T> void write(Write<T> write, T record, long count, Consumer<Long> progress) {
    try {
      write.accept(record);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (count % 100_000 == 0) {
      progress.accept(count);
    }
  }

  private interface Write<T> {
    void accept(T record) throws IOException;
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

  private static String describe(IOException e, Path target) {
    Path folder = target.getParent();
    return switch (e) {
      case AccessDeniedException _ -> "permission denied";
      case NoSuchFileException _ when folder != null && !Files.isDirectory(folder) ->
          "the folder " + folder + " does not exist";
      case NoSuchFileException _ -> "files cannot be created in " + folder;
      case FileSystemException f when f.getReason() != null -> f.getReason();
      default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    };
  }

  /** Compact JSON with one sample per line, so the file is readable and diffable. */
  private static final class OneSamplePerLine extends MinimalPrettyPrinter {
    @Override
    public void writeStartArray(JsonGenerator g) throws IOException {
      g.writeRaw("[\n");
    }

    @Override
    public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
      g.writeRaw(",\n");
    }

    @Override
    public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
      g.writeRaw(nrOfValues == 0 ? "]\n" : "\n]\n");
    }
  }
}
