package org.openvitals.connectors.workoutfiles;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openvitals.connectors.files.CountingInputStream;
import org.openvitals.connectors.files.FileImporter;
import org.openvitals.connectors.files.ImportException;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportProgress;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.connectors.files.SampleSpan;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.WriteResult;

/**
 * A workout recording file (FIT, GPX, TCX): read whole, then stored in one transaction, so a file
 * is in the store entirely or not at all. Recording files are small (a three-hour run with a point
 * a second is about 11,000 points), and their workouts and heart rate are only right together.
 * Samples carry no ids, so the natural key (source, type, start, end, value) makes the same file
 * imported twice store nothing the second time.
 *
 * <p>The source is the format and the recording device or app the file names ({@code fit/Garmin
 * FR945}, {@code gpx/StravaGPX}), so a watch's file and the same run from Strava or Apple Health
 * are two sources that the workout rule joins.
 */
public abstract sealed class WorkoutFileImporter implements FileImporter
    permits FitImporter, GpxImporter, TcxImporter {

  /** The file's workouts as samples, with the records skipped. */
  public record Read(List<Sample> samples, int workouts, long records, List<String> rejected) {}

  /** The format's reader. */
  abstract WorkoutFile parse(InputStream in) throws UnreadableFileException;

  /** The file extension, lower case, without the dot. */
  abstract String extension();

  /** Whether the first bytes are this format's. */
  abstract boolean looksRight(byte[] head);

  @Override
  public boolean canRead(Path file) throws IOException {
    if (!Files.isRegularFile(file)
        || !file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith("." + extension())) {
      return false;
    }
    try (InputStream in = Files.newInputStream(file)) {
      return looksRight(in.readNBytes(1024));
    }
  }

  /**
   * Reads {@code in} as this format; the source is {@code source} when given, else the format and
   * the device the file names. Used by presets that hold such files (Google Fit's Activities).
   */
  public Read read(InputStream in, String fileName, SourceRef source)
      throws UnreadableFileException {
    WorkoutFile file = parse(in);
    String device = file.creator == null || file.creator.isBlank() ? null : file.creator.strip();
    SourceRef s =
        source != null
            ? source
            : new SourceRef(id(), device == null ? displayName() : shorten(device));
    List<Sample> samples = new ArrayList<>();
    for (WorkoutRecording w : file.workouts) {
      samples.addAll(w.toSamples(s, device, fileName));
    }
    return new Read(samples, file.workouts.size(), file.records, file.rejected);
  }

  @Override
  public ImportReport importFile(Path file, SampleStore store, ImportListener listener)
      throws ImportException {
    long started = System.nanoTime();
    ImportListener l = listener == null ? ImportListener.NONE : listener;
    String name = file.getFileName().toString();
    Read read;
    long size;
    CountingInputStream counted;
    try (InputStream raw = Files.newInputStream(file)) {
      size = Files.size(file);
      counted = new CountingInputStream(raw);
      read = read(counted, name, null);
    } catch (IOException e) {
      throw new ImportException(name + ": cannot be read: " + e.getMessage(), null, e);
    } catch (UnreadableFileException e) {
      throw new ImportException(name + ", " + e.where() + ": " + e.getMessage(), null, e);
    } catch (IllegalArgumentException e) {
      // A value the model refuses (a workout ending before it starts): nothing was stored.
      throw new ImportException(name + ": " + e.getMessage(), null, e);
    }
    if (l.cancelled()) {
      return report(file, read, WriteResult.EMPTY, started, true);
    }
    WriteResult written = store.upsert(read.samples());
    l.progress(
        new ImportProgress(
            size, size, read.records(), Duration.ofNanos(System.nanoTime() - started)));
    return report(file, read, written, started, false);
  }

  private ImportReport report(
      Path file, Read read, WriteResult written, long started, boolean cancelled) {
    Map<String, Long> details = new LinkedHashMap<>();
    details.put("workouts", (long) read.workouts());
    details.put(
        "heart_rate_samples",
        read.samples().stream().filter(s -> s.type() == MetricType.HEART_RATE).count());
    details.put(
        "workouts_with_route",
        read.samples().stream().filter(s -> s.metadata().containsKey("route_points")).count());
    SampleSpan span = new SampleSpan();
    read.samples().forEach(span::add);
    List<String> reasons =
        read.rejected().stream()
            .limit(ImportReport.Rejected.MAX_REASONS)
            .map(r -> file.getFileName() + ", " + r)
            .toList();
    return new ImportReport(
        file.toString(),
        id(),
        read.records(),
        written.inserted(),
        written.updated(),
        written.unchanged(),
        new ImportReport.Rejected(read.rejected().size(), reasons),
        Map.of(),
        Duration.ofNanos(System.nanoTime() - started),
        cancelled,
        details,
        Map.of(),
        span.span());
  }

  private static String shorten(String name) {
    return name.length() <= SourceRef.MAX_NAME_CHARS
        ? name
        : name.substring(0, SourceRef.MAX_NAME_CHARS);
  }
}
