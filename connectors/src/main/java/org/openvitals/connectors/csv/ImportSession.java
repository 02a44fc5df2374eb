package org.openvitals.connectors.csv;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import org.openvitals.connectors.files.ImportException;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportProgress;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.connectors.files.SampleSpan;
import org.openvitals.core.model.NaturalKey;
import org.openvitals.core.model.OtherSample;
import org.openvitals.core.model.Sample;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.WriteResult;

/**
 * The bookkeeping every file import shares: samples are buffered and committed in batches through
 * {@link SampleStore#upsert}, rejected records are counted with their reasons, progress is reported
 * a few times a second and cancellation is honoured between batches.
 *
 * <p>Within one batch the last sample with a given natural key wins, so a file that repeats a row
 * (or a daily total corrected further down) never sends two versions of one key in one write.
 */
public final class ImportSession {
  /** Samples per transaction: large enough to amortise a commit, small enough to lose little. */
  public static final int BATCH_SIZE = 5_000;

  private static final long PROGRESS_INTERVAL_NANOS = 250_000_000L;

  private final Path file;
  private final String format;
  private final SampleStore store;
  private final ImportListener listener;
  private final LongSupplier bytesRead;
  private final long totalBytes;
  private final long startNanos = System.nanoTime();
  private final Map<Long, Sample> batch = new LinkedHashMap<>();
  private final SampleSpan span = new SampleSpan();
  private final List<String> reasons = new ArrayList<>();
  private final Map<String, Long> unmapped = new TreeMap<>();
  private final List<OtherSample> others = new ArrayList<>();
  private final Map<String, Long> otherTypes = new TreeMap<>();
  private WriteResult written = WriteResult.EMPTY;
  private long read;
  private long rejected;
  private long lastProgressNanos;
  private boolean cancelled;

  public ImportSession(
      Path file,
      String format,
      SampleStore store,
      ImportListener listener,
      LongSupplier bytesRead,
      long totalBytes) {
    this.file = file;
    this.format = format;
    this.store = store;
    this.listener = listener == null ? ImportListener.NONE : listener;
    this.bytesRead = bytesRead;
    this.totalBytes = totalBytes;
  }

  /**
   * A session over an export read through {@code archive} (a zip, the folder it unpacks to, or one
   * of its files), its progress the archive's bytes read against the export's size.
   *
   * @throws ImportException when the export's size cannot be read, naming the file
   */
  public static ImportSession overArchive(
      Path file, String format, SampleStore store, ImportListener listener, ArchiveReader archive)
      throws ImportException {
    try {
      return new ImportSession(
          file, format, store, listener, archive::bytesRead, ArchiveReader.totalBytes(file));
    } catch (IOException e) {
      throw new ImportException(
          file.getFileName() + ": cannot be read: " + e.getMessage(), null, e);
    }
  }

  /** Counts one record (row, JSON element) read from the input. */
  public void recordRead() {
    read++;
    reportProgress();
  }

  private void reportProgress() {
    long now = System.nanoTime();
    if (now - lastProgressNanos >= PROGRESS_INTERVAL_NANOS) {
      lastProgressNanos = now;
      listener.progress(progress());
    }
  }

  /** Buffers a sample; commits the batch when it is full. */
  public void add(Sample sample) {
    batch.put(NaturalKey.of(sample), sample);
    span.add(sample);
    if (batch.size() >= BATCH_SIZE) {
      commit();
    }
  }

  /**
   * Buffers a record of a type the catalog does not know (a column without a metric); it is stored
   * with the next commit (docs/decisions/0008-unknown-types.md).
   */
  public void other(OtherSample record) {
    others.add(record);
    otherTypes.merge(record.type(), 1L, Long::sum);
    if (others.size() >= BATCH_SIZE) {
      commit();
    }
  }

  /** Skips a record; {@code where} names it ("row 12", "steps-2021-01-01.json element 3"). */
  public void reject(String where, String reason) {
    rejected++;
    if (reasons.size() < ImportReport.Rejected.MAX_REASONS) {
      reasons.add(ImportReport.Rejected.capped(where + ": " + reason));
    }
  }

  /** Counts data OpenVitals does not store (a column, a file kind), by name. */
  public void unmapped(String what) {
    unmapped.merge(what, 1L, Long::sum);
  }

  /** True once the listener asked to stop; readers check it and return. */
  public boolean cancelled() {
    return cancelled;
  }

  /** Commits what is buffered and polls for cancellation. */
  public void commit() {
    if (!others.isEmpty()) {
      store.upsertOther(List.copyOf(others));
      others.clear();
    }
    if (!batch.isEmpty()) {
      written = written.plus(store.upsert(List.copyOf(batch.values())));
      batch.clear();
    }
    if (listener.cancelled()) {
      cancelled = true;
    }
    reportProgress();
  }

  /** Commits the rest and reports. */
  public ImportReport finish() {
    if (!cancelled) {
      commit();
    } else {
      batch.clear();
      others.clear();
    }
    listener.progress(progress());
    return report();
  }

  /**
   * An {@link ImportException} for a failure at {@code where}, after committing everything read
   * before it, as the importer contract requires.
   */
  public ImportException fail(String where, String reason, Throwable cause) {
    try {
      commit();
    } catch (RuntimeException e) {
      reason = reason + " (and committing the rows before it failed: " + e.getMessage() + ")";
    }
    return new ImportException(file.getFileName() + ", " + where + ": " + reason, report(), cause);
  }

  /** The report as it stands. */
  public ImportReport report() {
    return new ImportReport(
        file.toString(),
        format,
        read,
        written.inserted(),
        written.updated(),
        written.unchanged(),
        new ImportReport.Rejected(rejected, reasons),
        unmapped,
        elapsed(),
        cancelled,
        Map.of(),
        otherTypes,
        span.span());
  }

  private ImportProgress progress() {
    return new ImportProgress(bytesRead.getAsLong(), totalBytes, read, elapsed());
  }

  private Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
