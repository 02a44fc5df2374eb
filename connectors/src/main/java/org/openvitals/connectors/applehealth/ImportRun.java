package org.openvitals.connectors.applehealth;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.openvitals.connectors.files.CountingInputStream;
import org.openvitals.connectors.files.ImportException;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportProgress;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.connectors.files.SampleSpan;
import org.openvitals.connectors.routes.RouteSummary;
import org.openvitals.core.model.OtherSample;
import org.openvitals.core.model.Sample;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.WriteResult;

/**
 * One import of one file. The calling thread reads and maps; a {@link BatchWriter} thread commits.
 *
 * <p>Resume: every commit stores, in the same transaction, the ordinal of the last export element
 * whose samples it holds, under a key derived from the file's size and first megabyte. A later run
 * of the same file maps the elements up to that ordinal again (cheap) but does not send their
 * samples to the store, then continues. A run that reaches the end marks the checkpoint complete,
 * so importing the file again goes through the store and reports every sample as a duplicate.
 */
final class ImportRun implements SampleSink {
  static final String CHECKPOINT_PREFIX = "apple_health.import.";
  static final String ME_PREFIX = "apple_health.me.";
  static final String COMPLETE = "complete";
  private static final long PROGRESS_EVERY_NANOS = 250_000_000L;

  private final Path file;
  private final SampleStore store;
  private final ImportListener listener;
  private final XMLInputFactory factory = SecureXml.factory();
  private final ImportTally tally = new ImportTally();
  private final SampleSpan span = new SampleSpan();
  private final RouteJoiner routes;
  private final ExportParser parser;
  private final long started = System.nanoTime();

  private String checkpointKey;
  private long resumeAfter;
  private long lastDone;
  private long totalBytes = -1;
  private long nextProgress;
  private CountingInputStream counted;
  private BatchWriter writer;
  private String entry;

  private final int batchSize;

  /** No store: read and map only (the benchmark's ceiling, and a check of a file). */
  private final boolean dryRun;

  private long mapped;

  /** In a dry run, who hears each mapped sample, or null. */
  private final Consumer<Sample> each;

  /**
   * Records of other types read since the last commit. They are stored before the next batch is
   * handed to the writer, so a checkpoint never covers a record that is not stored.
   */
  private final List<OtherSample> others = new ArrayList<>();

  private static final int OTHERS_PER_WRITE = 5_000;

  ImportRun(Path file, SampleStore store, ImportListener listener, int batchSize) {
    this(file, store, listener, batchSize, null);
  }

  ImportRun(
      Path file, SampleStore store, ImportListener listener, int batchSize, Consumer<Sample> each) {
    this.each = each;
    this.dryRun = store == null;
    this.file = file;
    this.batchSize = batchSize;
    this.store = store;
    this.listener = listener;
    this.routes = new RouteJoiner(this, tally);
    this.parser = new ExportParser(factory, this, tally, routes);
  }

  ImportReport run() throws ImportException {
    try {
      totalBytes = Files.size(file);
      checkpointKey = CHECKPOINT_PREFIX + fingerprint(file);
    } catch (IOException e) {
      throw new ImportException(file + ": cannot be read (" + e.getMessage() + ")", null, e);
    }
    String checkpoint = dryRun ? COMPLETE : store.state(checkpointKey).orElse(COMPLETE);
    if (!checkpoint.equals(COMPLETE)) {
      try {
        resumeAfter = Long.parseLong(checkpoint);
        tally.count("resumed_after_element", resumeAfter);
      } catch (NumberFormatException e) {
        resumeAfter = 0; // not ours to trust: read everything again, idempotently
      }
    }
    writer = dryRun ? null : new BatchWriter(store, checkpointKey, batchSize);
    try (InputStream raw = Files.newInputStream(file)) {
      counted = new CountingInputStream(raw);
      InputStream in = new BufferedInputStream(counted, 1 << 16);
      if (AppleHealthImporter.isZip(file)) {
        readZip(in);
      } else {
        entry = file.getFileName().toString();
        parser.parse(in, entry);
        routesBesideBareExport();
      }
      routes.finish();
      if (!dryRun) {
        Map<String, String> state = new HashMap<>();
        state.put(checkpointKey, COMPLETE);
        parser.characteristics().forEach((k, v) -> state.put(ME_PREFIX + k, v));
        storeOthers();
        writer.flush(state);
        writer.finish();
      }
      progress(true);
      return report(false);
    } catch (SampleSink.Stop stop) {
      return stopped(stop);
    } catch (BatchWriter.StoreFailure f) {
      throw storeFailed(f);
    } catch (XMLStreamException | IOException e) {
      throw unreadable(e);
    } finally {
      if (writer != null) {
        writer.close();
      }
    }
  }

  // ---- SampleSink: the parser's output ---------------------------------------------------------

  @Override
  public void other(OtherSample o) {
    if (!dryRun && parser.ordinal() > resumeAfter) {
      others.add(o);
    }
  }

  /** Stores the records of other types read so far (the parser thread; the store serialises). */
  private void storeOthers() throws BatchWriter.StoreFailure {
    if (others.isEmpty()) {
      return;
    }
    try {
      store.upsertOther(others);
      others.clear();
    } catch (RuntimeException e) {
      throw new BatchWriter.StoreFailure(e);
    }
  }

  @Override
  public void sample(Sample s) {
    if (dryRun) {
      mapped++;
      if (each != null) {
        each.accept(s);
      }
    } else if (parser.ordinal() <= resumeAfter) {
      tally.alreadyCommitted++;
    } else {
      writer.add(s);
      span.add(s);
    }
  }

  @Override
  public void correlationCopy(Sample s) {
    if (dryRun) {
      tally.count("correlation_records");
    } else if (parser.ordinal() <= resumeAfter) {
      tally.count("correlation_records_already_stored");
    } else {
      writer.addCorrelationCopy(s);
    }
  }

  @Override
  public void deferred(Sample s) {
    if (dryRun) {
      mapped++;
      if (each != null) {
        each.accept(s);
      }
    } else {
      writer.add(s);
      span.add(s);
    }
  }

  @Override
  public void elementDone(long ordinal) throws Stop {
    lastDone = ordinal;
    boolean full = writer != null && (writer.full() || others.size() >= OTHERS_PER_WRITE);
    if (full || (ordinal & 1023) == 0) {
      if (listener.cancelled()) {
        throw new Stop(true, "cancelled", null);
      }
      progress(false);
    }
    if (full) {
      try {
        storeOthers();
        writer.flush(Long.toString(ordinal));
      } catch (BatchWriter.StoreFailure f) {
        throw new Stop(false, f.getMessage(), f);
      }
    }
  }

  // ---- inputs ----------------------------------------------------------------------------------

  private void readZip(InputStream in) throws IOException, XMLStreamException, Stop {
    // The stream reads entries from their local headers and never reaches the table of contents at
    // the end, so an archive cut there would import in silence: look at it first.
    boolean tableOfContents = !Files.isRegularFile(file) || hasTableOfContents(file);
    ZipGuard guard = new ZipGuard(counted);
    ZipInputStream zip = new ZipInputStream(in);
    boolean exportSeen = false;
    for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
      guard.entry(e);
      String name = e.getName().replace('\\', '/');
      if (e.isDirectory()) {
        continue;
      }
      entry = name;
      InputStream data = guard.guard(zip, name);
      String base = name.substring(name.lastIndexOf('/') + 1);
      if (name.startsWith("__MACOSX/") || base.startsWith("._") || base.equals(".DS_Store")) {
        tally.count("entries_ignored");
        data.transferTo(OutputStream.nullOutputStream());
      } else if (AppleHealthImporter.isExportXml(name) && !exportSeen) {
        exportSeen = true;
        parser.parse(data, name);
      } else if (base.equals("export_cda.xml")) {
        clinicalDocument(data, name);
      } else if (name.contains("workout-routes/") && base.endsWith(".gpx")) {
        gpx(data, name);
      } else if (name.contains("electrocardiograms/") && base.endsWith(".csv")) {
        tally.count("electrocardiograms");
        data.transferTo(OutputStream.nullOutputStream());
      } else if (name.contains("clinical-records/")) {
        tally.count("clinical_records");
        data.transferTo(OutputStream.nullOutputStream());
      } else {
        tally.count("entries_ignored");
        data.transferTo(OutputStream.nullOutputStream());
      }
      entry = null; // a damaged header of the next entry is not this one's fault
    }
    entry = null;
    if (!exportSeen) {
      throw new ZipException("no apple_health_export/export.xml in this zip");
    }
    if (!tableOfContents) {
      throw new ZipException(
          "the archive is damaged: its table of contents (the zip's central directory) is cut off"
              + " or missing; it may be an incomplete copy");
    }
  }

  private static boolean hasTableOfContents(Path zipFile) {
    try (ZipFile zip = new ZipFile(zipFile.toFile())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private void gpx(InputStream data, String name) throws IOException {
    try {
      routes.route(name, RouteSummary.fromGpx(factory, data));
      tally.count("route_files");
    } catch (XMLStreamException e) {
      IOException io = ioCause(e);
      if (io != null) {
        throw io;
      }
      tally.count("route_files_unreadable");
      tally.reject(name + ": route file not read: " + SecureXml.explain(e));
    }
  }

  /**
   * export_cda.xml restates export.xml's vitals as an HL7 CDA document (with one reused id for
   * every observation, so nothing in it identifies a reading). Counted, not stored.
   */
  private void clinicalDocument(InputStream data, String name) throws IOException {
    long observations = 0;
    try {
      XMLStreamReader r = factory.createXMLStreamReader(data);
      while (r.hasNext()) {
        if (r.next() == XMLStreamConstants.START_ELEMENT
            && "observation".equals(r.getLocalName())) {
          observations++;
        }
      }
      r.close();
      tally.count("cda_documents");
      tally.count("cda_observations", observations);
    } catch (XMLStreamException e) {
      IOException io = ioCause(e);
      if (io != null) {
        throw io;
      }
      tally.count("cda_documents_unreadable");
      tally.reject(name + ": not read: " + SecureXml.explain(e));
    }
  }

  /**
   * A bare export.xml keeps its routes in {@code workout-routes/} beside it. A FileReference is
   * only followed inside that folder: a path that leads out of it is refused.
   */
  private void routesBesideBareExport() throws IOException {
    Path folder = file.toAbsolutePath().getParent().normalize();
    List<String> wanted = new ArrayList<>();
    routes.waitingPaths().forEach(wanted::add);
    for (String key : wanted) {
      Path gpx = folder.resolve(key).normalize();
      if (!gpx.startsWith(folder) || !key.endsWith(".gpx")) {
        tally.reject(file.getFileName() + ": route path '" + key + "' leads outside the export");
        continue;
      }
      if (Files.isRegularFile(gpx)) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(gpx))) {
          entry = key;
          gpx(in, key);
        }
      }
    }
  }

  // ---- outcomes --------------------------------------------------------------------------------

  private ImportReport stopped(Stop stop) throws ImportException {
    if (!stop.cancelled()) {
      throw storeFailed(stop.getCause() instanceof BatchWriter.StoreFailure f ? f : null);
    }
    if (!dryRun) {
      try {
        storeOthers();
        writer.flush(Long.toString(lastDone));
        writer.finish();
      } catch (BatchWriter.StoreFailure f) {
        throw storeFailed(f);
      }
    }
    progress(true);
    return report(true);
  }

  private ImportException storeFailed(BatchWriter.StoreFailure f) {
    String why = f == null ? "the store stopped" : f.getMessage();
    return new ImportException(
        file + ": the store refused a write (" + why + "); everything committed before stays",
        report(false),
        f);
  }

  /** Commits what was read before the failure, then says where the file broke. */
  private ImportException unreadable(Exception e) {
    String where =
        entry == null || entry.equals(file.getFileName().toString()) ? "" : " in " + entry;
    String place = location(e);
    String reason;
    IOException io = e instanceof IOException i ? i : ioCause(e);
    if (io instanceof ZipGuard.ZipRefused) {
      reason = io.getMessage();
    } else if (io instanceof EOFException || isTruncation(io)) {
      reason =
          "the file ends early"
              + (io.getMessage() == null ? "" : " (" + io.getMessage() + ")")
              + "; it may be an incomplete copy";
    } else if (io != null) {
      reason =
          io.getMessage() != null
              ? io.getMessage()
              : "the data is damaged (" + io.getClass().getSimpleName() + ")";
    } else if (e instanceof XMLStreamException x) {
      reason = SecureXml.explain(x);
    } else {
      reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
    String committed = "";
    if (!dryRun) {
      try {
        storeOthers();
        writer.flush(Long.toString(lastDone));
        writer.finish();
        committed = "; the " + lastDone + " elements before it were imported";
      } catch (BatchWriter.StoreFailure f) {
        committed = "; the store also failed: " + f.getMessage();
      }
    }
    return new ImportException(
        file + where + (place.isEmpty() ? "" : " at " + place) + ": " + reason + committed,
        report(false),
        e);
  }

  private static boolean isTruncation(IOException io) {
    return io != null
        && io.getMessage() != null
        && (io.getMessage().contains("Unexpected end") || io.getMessage().contains("EOF"));
  }

  private String location(Exception e) {
    if (e instanceof XMLStreamException x && x.getLocation() != null) {
      Location l = x.getLocation();
      if (l.getLineNumber() > 0) {
        return "line " + l.getLineNumber() + ", column " + l.getColumnNumber();
      }
    }
    return entry != null && (entry.endsWith(".xml") || entry.equals(file.getFileName().toString()))
        ? parser.position()
        : "";
  }

  static IOException ioCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof IOException io) {
        return io;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }

  private void progress(boolean force) {
    long now = System.nanoTime();
    if (!force && now < nextProgress) {
      return;
    }
    nextProgress = now + PROGRESS_EVERY_NANOS;
    long bytes = counted == null ? 0 : Math.min(counted.count(), totalBytes);
    listener.progress(
        new ImportProgress(bytes, totalBytes, tally.read, Duration.ofNanos(now - started)));
  }

  private ImportReport report(boolean cancelled) {
    WriteResult w = dryRun ? new WriteResult((int) mapped, 0, 0) : writer.written();
    WriteResult c = dryRun ? WriteResult.EMPTY : writer.correlationCopiesWritten();
    Map<String, Long> details = new HashMap<>(tally.details);
    if (c.unchanged() > 0) {
      details.merge("correlation_records_already_stored", (long) c.unchanged(), Long::sum);
    }
    if (!dryRun) {
      details.putAll(writer.timings());
    }
    return new ImportReport(
        file.toString(),
        AppleHealthImporter.ID,
        tally.read,
        (long) w.inserted() + c.inserted(),
        (long) w.updated() + c.updated(),
        w.unchanged() + tally.alreadyCommitted,
        new ImportReport.Rejected(tally.rejected, tally.reasons),
        tally.unmapped,
        Duration.ofNanos(System.nanoTime() - started),
        cancelled,
        details,
        tally.other,
        span.span());
  }

  /** Identifies a file for resume: its size and first megabyte, not its name or path. */
  static String fingerprint(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(Long.toString(Files.size(file)).getBytes());
      sha.update(in.readNBytes(1 << 20));
      return HexFormat.of().formatHex(sha.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}
