package org.openvitals.app.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.BackgroundTask;
import org.openvitals.app.context.BackgroundWork;
import org.openvitals.app.context.Disposable;
import org.openvitals.app.context.Progress;
import org.openvitals.connectors.csv.CsvImporter;
import org.openvitals.connectors.csv.CsvMapping;
import org.openvitals.connectors.csv.MappingInference;
import org.openvitals.connectors.files.FileImporter;
import org.openvitals.connectors.files.FileImporters;
import org.openvitals.connectors.files.ImportException;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportProgress;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.core.store.SampleStore;

/**
 * The Import screen's state: the chosen file and its detected (or overridden) format, the running
 * import's progress, the queue of files dropped while one runs, and the outcome of each import.
 *
 * <p>One import runs at a time, in the background; files chosen meanwhile wait in the queue and
 * start, with their detected format, when it ends. Cancel stops the running import after its
 * current batch (what was committed stays) and drops the queue. Opening another store stops the
 * running import the same way. Properties change on the FX thread only.
 */
public final class ImportViewModel implements Disposable {

  /**
   * One import that ended.
   *
   * @param format the importer's display name, or null when none was found
   * @param report the counts (partial when the import stopped on an error), or null when nothing
   *     was read
   * @param error why the import stopped, naming the file and place, or null when it read to its end
   */
  public record Outcome(Path file, String format, ImportReport report, String error) {

    /** True when data may have been written (a report with anything stored or updated). */
    boolean wroteData() {
      return report != null && report.stored() + report.updated() > 0;
    }

    /** One line for people: "Imported export.zip as Apple Health export in 0.3 s: 8 new, ...". */
    public String headline() {
      String name = file.getFileName().toString();
      String how = format == null ? "" : " as " + format;
      if (error != null) {
        return "Import of " + name + how + " stopped";
      }
      String verb = report.cancelled() ? "Cancelled import of " : "Imported ";
      return String.format(
          Locale.ROOT,
          "%s%s%s in %.1f s: %,d new, %,d updated, %,d duplicates, %,d rejected",
          verb,
          name,
          how,
          report.elapsed().toMillis() / 1000.0,
          report.stored(),
          report.updated(),
          report.duplicates(),
          report.rejected().count());
    }
  }

  private final AppContext context;
  private final List<FileImporter> importers = FileImporters.all();
  private final ReadOnlyObjectWrapper<Path> file = new ReadOnlyObjectWrapper<>(this, "file");
  private final ObjectProperty<FileImporter> format = new SimpleObjectProperty<>(this, "format");
  private final ObjectProperty<Path> mapping = new SimpleObjectProperty<>(this, "mapping");
  private final ReadOnlyStringWrapper detection = new ReadOnlyStringWrapper(this, "detection");
  private final ReadOnlyObjectWrapper<ImportProgress> progress =
      new ReadOnlyObjectWrapper<>(this, "progress");
  private final ReadOnlyObjectWrapper<Outcome> outcome =
      new ReadOnlyObjectWrapper<>(this, "outcome");
  private final ReadOnlyObjectWrapper<CsvMapping> suggestedMapping =
      new ReadOnlyObjectWrapper<>(this, "suggestedMapping");
  private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice");
  private final ObservableList<Path> queue = FXCollections.observableArrayList();
  private final ObservableList<Outcome> history = FXCollections.observableArrayList();
  private final BooleanBinding canStart;
  private final BooleanBinding mappingApplies;
  private final StringBinding progressText;
  private final BackgroundWork work;
  private final BackgroundWork.Lane detections;
  private final BackgroundWork.Lane imports;

  /** Set by {@link #cancel()}: the importer stops after its batch and reports what it did. */
  private volatile boolean cancelRequested;

  public ImportViewModel(AppContext context) {
    this.context = context;
    this.work = new BackgroundWork(context);
    this.detections = work.lane();
    this.imports = work.lane();
    canStart = file.isNotNull().and(format.isNotNull()).and(imports.runningProperty().not());
    mappingApplies =
        Bindings.createBooleanBinding(
            () -> format.get() != null && CsvImporter.ID.equals(format.get().id()), format);
    progressText =
        Bindings.createStringBinding(
            () -> progress.get() == null ? "" : describe(progress.get()), progress);
  }

  /** Drops the detection and the import still running (the importer stops after its batch). */
  @Override
  public void dispose() {
    work.dispose();
  }

  /** Every registered format, for overriding what was detected. */
  public List<FileImporter> importers() {
    return importers;
  }

  public ReadOnlyObjectProperty<Path> fileProperty() {
    return file.getReadOnlyProperty();
  }

  /** The importer to use: detected when a file is chosen, the user may pick another. */
  public ObjectProperty<FileImporter> formatProperty() {
    return format;
  }

  /** A CSV mapping file (JSON) to read a generic CSV file with, as {@code import --mapping}. */
  public ObjectProperty<Path> mappingProperty() {
    return mapping;
  }

  /** What detection found for the chosen file, in a sentence. */
  public ReadOnlyStringProperty detectionProperty() {
    return detection.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return imports.runningProperty();
  }

  /** The running import's latest progress, or null before its first report. */
  public ReadOnlyObjectProperty<ImportProgress> progressProperty() {
    return progress.getReadOnlyProperty();
  }

  /** The progress as text: bytes, records, records per second and time left. */
  public StringBinding progressText() {
    return progressText;
  }

  /** The latest import that ended, or null. */
  public ReadOnlyObjectProperty<Outcome> outcomeProperty() {
    return outcome.getReadOnlyProperty();
  }

  /** A mapping to start from when a CSV file's header left something open, else null. */
  public ReadOnlyObjectProperty<CsvMapping> suggestedMappingProperty() {
    return suggestedMapping.getReadOnlyProperty();
  }

  /** A short note about the last action (a file queued, cancel requested ...). */
  public ReadOnlyStringProperty noticeProperty() {
    return notice.getReadOnlyProperty();
  }

  /** Files waiting for the running import to end. */
  public ObservableList<Path> queue() {
    return queue;
  }

  /** Imports that ended in this session, latest first. */
  public ObservableList<Outcome> history() {
    return history;
  }

  public BooleanBinding canStart() {
    return canStart;
  }

  /** True when the chosen format reads CSV with a column mapping. */
  public BooleanBinding mappingApplies() {
    return mappingApplies;
  }

  /**
   * Files dropped or chosen: the first becomes the chosen file (or joins the queue while an import
   * runs), the others join the queue and follow it.
   */
  public void chooseAll(List<Path> files) {
    for (int i = 0; i < files.size(); i++) {
      if (i == 0 && !imports.isRunning()) {
        choose(files.get(i));
      } else {
        enqueue(files.get(i));
      }
    }
  }

  /**
   * Makes {@code chosen} the file to import and detects its format in the background; while an
   * import runs, queues it instead. Returns the detection, or null when the file was queued.
   */
  public BackgroundTask<Optional<FileImporter>> choose(Path chosen) {
    if (imports.isRunning()) {
      enqueue(chosen);
      return null;
    }
    file.set(chosen);
    format.set(null);
    mapping.set(null);
    suggestedMapping.set(null);
    notice.set(null);
    detection.set("Looking at " + chosen.getFileName() + "...");
    return detections
        .task(progress -> detect(chosen))
        .onSuccess(found -> {
          format.set(found.map(this::listed).orElse(null));
          detection.set(
              found
                  .map(i -> "Detected: " + i.displayName())
                  .orElse(
                      "OpenVitals cannot tell what "
                          + chosen.getFileName()
                          + " is; choose its format."));
        })
        .onFailure("Cannot read " + chosen, detection::set)
        .start();
  }

  private void enqueue(Path queued) {
    queue.add(queued);
    notice.set(
        "Queued "
            + queued.getFileName()
            + ": it is imported when the running import ends, in the format detected then.");
  }

  /** The same importer instance as in {@link #importers()}, so a choice box shows it selected. */
  private FileImporter listed(FileImporter found) {
    return importers.stream().filter(i -> i.id().equals(found.id())).findFirst().orElse(found);
  }

  /** Starts importing the chosen file with the chosen format; returns the running task. */
  public BackgroundTask<ImportReport> start() {
    if (!canStart.get()) {
      throw new IllegalStateException("Choose a file and its format first");
    }
    FileImporter chosenFormat = format.get();
    Path chosenMapping = mappingApplies.get() ? mapping.get() : null;
    return launch(file.get(), chosenFormat, chosenMapping);
  }

  /** Asks the running import to stop after its current batch; queued files are dropped. */
  public void cancel() {
    if (!imports.isRunning()) {
      return;
    }
    cancelRequested = true;
    int dropped = queue.size();
    queue.clear();
    notice.set(
        "Stopping after the current batch; what was committed stays."
            + (dropped == 0 ? "" : " " + dropped + " queued file(s) will not be imported."));
  }

  private BackgroundTask<ImportReport> launch(
      Path target, FileImporter explicit, Path mappingFile) {
    SampleStore store = context.store();
    cancelRequested = false;
    progress.set(null);
    suggestedMapping.set(null);
    file.set(target);
    AtomicReference<String> formatName =
        new AtomicReference<>(explicit == null ? null : explicit.displayName());
    return imports
        .task(task -> {
          FileImporter importer = importerFor(target, explicit, mappingFile);
          formatName.set(importer.displayName());
          return importer.importFile(target, store, listener(task));
        })
        .onSuccess(report -> ended(new Outcome(target, formatName.get(), report, null)))
        .onFailure(error -> ended(failure(target, formatName.get(), error)))
        .onCancelled(() -> {
          queue.clear();
          notice.set(
              "The import of "
                  + target.getFileName()
                  + " stopped because another store was opened; what it committed stays there.");
        })
        .start();
  }

  /** Tells the importer to stop when asked to, and brings its progress to the FX thread. */
  private ImportListener listener(Progress task) {
    AtomicReference<ImportProgress> pending = new AtomicReference<>();
    return new ImportListener() {
      @Override
      public void progress(ImportProgress p) {
        // Coalesced: the FX thread gets the latest snapshot, never a backlog.
        if (pending.getAndSet(p) == null) {
          task.runOnFxThread(() -> progress.set(pending.getAndSet(null)));
        }
      }

      @Override
      public boolean cancelled() {
        return cancelRequested || task.isCancelled();
      }
    };
  }

  private static FileImporter importerFor(Path target, FileImporter explicit, Path mappingFile)
      throws IOException {
    if (!Files.isRegularFile(target)) {
      throw new NoSuchFileException(target.toString(), null, "no such file");
    }
    if (mappingFile != null) {
      try {
        return CsvImporter.withMapping(mappingFile);
      } catch (NoSuchFileException e) {
        throw new MappingProblem("No such mapping file: " + mappingFile, e);
      } catch (IOException | IllegalArgumentException e) {
        throw new MappingProblem(
            "Cannot use the mapping " + mappingFile + ": " + e.getMessage(), e);
      }
    }
    if (explicit != null) {
      return explicit;
    }
    return detect(target)
        .orElseThrow(() ->
            new IOException(
                "OpenVitals cannot tell what "
                    + target
                    + " is (known formats: "
                    + FileImporters.all().stream()
                        .map(FileImporter::displayName)
                        .collect(Collectors.joining(", "))
                    + "); choose it and its format."));
  }

  private static Optional<FileImporter> detect(Path target) throws IOException {
    if (!Files.isRegularFile(target)) {
      throw new NoSuchFileException(target.toString(), null, "no such file");
    }
    return FileImporters.detect(target);
  }

  /** A mapping file that cannot be used: its message is the whole story. */
  private static final class MappingProblem extends IOException {
    MappingProblem(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private Outcome failure(Path target, String formatName, Throwable e) {
    if (e instanceof ImportException ie) {
      if (ie.getCause() instanceof MappingInference.UnsureException unsure) {
        suggestedMapping.set(unsure.template());
      }
      return new Outcome(target, formatName, ie.partial(), ie.getMessage());
    }
    String message =
        e instanceof MappingProblem
            ? e.getMessage()
            : e instanceof NoSuchFileException
                ? "No such file: " + target
                : target.getFileName() + ": " + e.getMessage();
    return new Outcome(target, formatName, null, message);
  }

  private void ended(Outcome ended) {
    outcome.set(ended);
    if (ended.error() == null) {
      file.set(
          null); // done; after an error the file stays, to retry with another format or mapping
    }
    history.addFirst(ended);
    notice.set(null);
    if (ended.wroteData() && ended.report().span() != null) {
      context.dataImported(
          context
              .store()
              .dayBoundaries()
              .dayOf(ended.report().span().last().atOffset(ZoneOffset.UTC)));
    } else if (ended.wroteData()) {
      context.dataChanged();
    }
    if (!queue.isEmpty()) {
      launch(queue.removeFirst(), null, null);
    }
  }

  /** "1.2 MB of 3.4 MB (35%) · 12,345 records · 40,000 records/s · about 0:12 left". */
  public static String describe(ImportProgress p) {
    StringBuilder text = new StringBuilder(size(p.bytesRead()));
    if (p.totalBytes() > 0) {
      text.append(" of ")
          .append(size(p.totalBytes()))
          .append(String.format(Locale.ROOT, " (%.0f%%)", 100 * p.fraction()));
    }
    text.append(String.format(Locale.ROOT, " · %,d records", p.records()))
        .append(String.format(Locale.ROOT, " · %,.0f records/s", p.recordsPerSecond()));
    Duration eta = p.eta();
    if (eta != null) {
      long s = eta.toSeconds();
      text.append(" · about ")
          .append(
              s >= 3600
                  ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                  : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60))
          .append(" left");
    }
    return text.toString();
  }

  private static String size(long bytes) {
    if (bytes >= 1L << 30) {
      return String.format(Locale.ROOT, "%.2f GB", bytes / (double) (1L << 30));
    }
    if (bytes >= 1L << 20) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20));
    }
    return String.format(Locale.ROOT, "%.0f kB", Math.ceil(bytes / 1024.0));
  }
}
