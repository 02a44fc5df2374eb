package org.openvitals.app.settings;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.util.Subscription;
import org.openvitals.app.assistant.AssistantSettings;
import org.openvitals.app.assistant.ModelServer;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.BackgroundTask;
import org.openvitals.app.context.BackgroundWork;
import org.openvitals.app.context.Disposable;
import org.openvitals.app.context.UnitSystem;
import org.openvitals.app.maps.MapTileSettings;
import org.openvitals.connectors.export.StandardExport;
import org.openvitals.core.export.ExportFormat;
import org.openvitals.core.export.SampleExporter;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.store.Engine;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.StoreException;
import org.openvitals.core.time.DayBoundaries;

/**
 * The Settings screen's state and actions: where the data lives and in which engine, how days are
 * cut, units, theme, the assistant's model server, exporting and deleting everything. Slow work
 * (re-filing days, exporting) runs off the FX thread, one job at a time, with progress and cancel;
 * call everything else on the FX thread.
 */
public final class SettingsViewModel implements Disposable {
  /** The choice "each sample's own time zone" in the list of zones. */
  public static final String SAMPLE_LOCAL = DayBoundaries.SampleLocal.ID;

  private final AppContext context;
  private final UserSettings settings;
  private final ReadOnlyStringWrapper dataFolder = new ReadOnlyStringWrapper(this, "dataFolder");
  private final ReadOnlyStringWrapper engine = new ReadOnlyStringWrapper(this, "engine");
  private final ReadOnlyStringWrapper dayBoundaries =
      new ReadOnlyStringWrapper(this, "dayBoundaries");
  private final ObjectProperty<Theme> theme;
  private final BackgroundWork work;
  private final BackgroundWork.Lane jobs;
  private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper(this, "outcome", "");
  private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message");
  private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed");
  private final Subscription shared;

  // The assistant's form: saved by saveAssistant(), tested by testAssistant().
  private final BooleanProperty assistantEnabled = new SimpleBooleanProperty(this, "enabled");
  private final ObjectProperty<AssistantSettings.Api> assistantApi =
      new SimpleObjectProperty<>(this, "api");
  private final StringProperty assistantUrl = new SimpleStringProperty(this, "url");
  private final StringProperty assistantModel = new SimpleStringProperty(this, "model");
  private final BackgroundWork.Lane assistantChecks;
  private final ReadOnlyStringWrapper assistantMessage =
      new ReadOnlyStringWrapper(this, "assistantMessage", "");
  private final ReadOnlyBooleanWrapper assistantFailed =
      new ReadOnlyBooleanWrapper(this, "assistantFailed");

  // The map tiles' form: saved by saveMapTiles().
  private final BooleanProperty mapTilesEnabled = new SimpleBooleanProperty(this, "mapTiles");
  private final StringProperty mapTilesUrl = new SimpleStringProperty(this, "mapTilesUrl");
  private final StringProperty mapTilesAttribution =
      new SimpleStringProperty(this, "mapTilesAttribution");
  private final ReadOnlyStringWrapper mapTilesMessage =
      new ReadOnlyStringWrapper(this, "mapTilesMessage", "");
  private final ReadOnlyBooleanWrapper mapTilesFailed =
      new ReadOnlyBooleanWrapper(this, "mapTilesFailed");

  public SettingsViewModel(AppContext context, UserSettings settings) {
    this.context = context;
    this.settings = settings;
    this.theme = new SimpleObjectProperty<>(this, "theme", settings.theme());
    this.work = new BackgroundWork(context);
    this.jobs = work.lane();
    this.assistantChecks = work.lane();
    AssistantSettings assistant = settings.assistant();
    assistantEnabled.set(assistant.enabled());
    assistantApi.set(assistant.api());
    assistantUrl.set(assistant.url());
    assistantModel.set(assistant.model());
    MapTileSettings tiles = settings.mapTiles();
    mapTilesEnabled.set(tiles.enabled());
    mapTilesUrl.set(tiles.urlTemplate());
    mapTilesAttribution.set(tiles.attribution());
    // While a job runs, what it is doing; then how it ended.
    message.bind(
        Bindings.when(jobs.runningProperty()).then(jobs.messageProperty()).otherwise(outcome));
    theme.addListener((p, before, now) -> {
      now.apply();
      settings.saveTheme(now);
    });
    this.shared =
        Subscription.combine(
            context.unitSystemProperty().subscribe((before, now) -> settings.saveUnitSystem(now)),
            context.storeProperty().subscribe((before, now) -> showStore()));
    showStore();
  }

  /** Stops following the store and the unit system; a running job is dropped. */
  @Override
  public void dispose() {
    shared.unsubscribe();
    work.dispose();
  }

  private void showStore() {
    StoreConfig config = context.storeConfig();
    dataFolder.set(config.dataDir().toAbsolutePath().toString());
    engine.set(describe(config));
    dayBoundaries.set(context.store().dayBoundaries().id());
  }

  static String describe(StoreConfig config) {
    return switch (config.engine()) {
      case SQLITE -> "SQLite";
      case H2 -> config.encrypted() ? "H2, encrypted" : "H2";
    };
  }

  public ReadOnlyStringProperty dataFolderProperty() {
    return dataFolder.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty engineProperty() {
    return engine.getReadOnlyProperty();
  }

  /** The current day boundaries: a zone id, or {@link #SAMPLE_LOCAL}. */
  public ReadOnlyStringProperty dayBoundariesProperty() {
    return dayBoundaries.getReadOnlyProperty();
  }

  public ObjectProperty<UnitSystem> unitSystemProperty() {
    return context.unitSystemProperty();
  }

  public ObjectProperty<Theme> themeProperty() {
    return theme;
  }

  /** A job (re-filing days, exporting) is running; other jobs wait for it. */
  public ReadOnlyBooleanProperty busyProperty() {
    return jobs.runningProperty();
  }

  /** The running job's progress, 0 to 1, or -1 while unknown. */
  public ReadOnlyDoubleProperty progressProperty() {
    return jobs.progressProperty();
  }

  /** What happened last (or is happening), one sentence. */
  public ReadOnlyStringProperty messageProperty() {
    return message.getReadOnlyProperty();
  }

  /** Whether {@link #messageProperty()} reports a failure. */
  public ReadOnlyBooleanProperty failedProperty() {
    return failed.getReadOnlyProperty();
  }

  /** The choices for day boundaries: each sample's own zone first, then every zone id, sorted. */
  public static List<String> dayBoundaryChoices() {
    List<String> out = new ArrayList<>();
    out.add(SAMPLE_LOCAL);
    ZoneId.getAvailableZoneIds().stream().sorted().forEach(out::add);
    return out;
  }

  /** What folder holds before switching to it. */
  DataFolderFiles.Contents inspect(Path folder) {
    return DataFolderFiles.inspect(folder.toAbsolutePath());
  }

  /**
   * Opens the store in {@code folder} for every screen and remembers the folder for the next start.
   * A folder with a store keeps its engine ({@code engineForNew} is then ignored); an empty one
   * gets a new store of {@code engineForNew}. {@code password}: for an encrypted H2 store, or to
   * create one (H2 only); null otherwise.
   *
   * @return whether the switch happened; if not, {@link #messageProperty()} says why
   */
  public boolean changeDataFolder(Path folder, Engine engineForNew, char[] password) {
    DataFolderFiles.Contents contents = inspect(folder);
    if (contents.folder().equals(context.storeConfig().dataDir().toAbsolutePath())) {
      settings.saveDataFolder(contents.folder());
      report("This folder is already open.", false);
      return true;
    }
    Engine chosen = contents.engine().orElse(engineForNew);
    try {
      StoreConfig config =
          new StoreConfig(contents.folder(), chosen, chosen == Engine.H2 ? password : null);
      context.switchStore(config);
      settings.saveDataFolder(contents.folder());
      report(
          (contents.empty() ? "Created a new " : "Opened the ")
              + describe(config)
              + " store in "
              + contents.folder(),
          false);
      return true;
    } catch (StoreException | IllegalArgumentException e) {
      report(e.getMessage(), true);
      return false;
    }
  }

  /**
   * Files every sample again under new day boundaries (a zone id or {@link #SAMPLE_LOCAL}); daily
   * values, and so every screen, follow.
   */
  public BackgroundTask<Void> changeDayBoundaries(String id) {
    DayBoundaries boundaries = DayBoundaries.parse(id);
    SampleStore store = context.store();
    return start(
        progress -> {
          progress.updateMessage("Filing your samples into days in " + label(id) + "...");
          store.setDayBoundaries(boundaries);
          return null;
        },
        ignored -> {
          dayBoundaries.set(boundaries.id());
          context.dataChanged();
          return "Days now follow " + label(id) + ".";
        });
  }

  /** Writes every live sample to {@code file}, replacing it; cancel leaves no file behind. */
  public BackgroundTask<Long> export(Path file, ExportFormat format) {
    SampleStore store = context.store();
    return start(
        progress -> {
          long total = store.info().liveSamples();
          progress.updateProgress(0, Math.max(total, 1));
          progress.updateMessage(String.format("Exporting %,d samples to %s...", total, file));
          return SampleExporter.export(
              store,
              format,
              file,
              written -> {
                if (progress.isCancelled()) {
                  throw new CancellationException("Export cancelled");
                }
                progress.updateProgress(written, Math.max(total, 1));
              });
        },
        count -> String.format("Exported %,d samples to %s.", count, file.toAbsolutePath()));
  }

  /**
   * Writes a period and metrics of the store as Open mHealth or FHIR R4 to {@code file}, replacing
   * it; cancel leaves no file behind. The outcome says what was written and what the format had no
   * place for.
   */
  public BackgroundTask<StandardExport.Result> exportStandard(
      Path file, StandardExport.Format format, StandardExport.Selection selection) {
    SampleStore store = context.store();
    RulesService rules = context.rules();
    return start(
        progress -> {
          progress.updateProgress(-1, 1);
          progress.updateMessage("Exporting as " + format.label() + " to " + file + "...");
          return new StandardExport(store, rules, Clock.systemUTC())
              .export(
                  format,
                  selection,
                  file,
                  written -> {
                    if (progress.isCancelled()) {
                      throw new CancellationException("Export cancelled");
                    }
                    progress.updateMessage(
                        String.format(
                            "Exporting as %s to %s: %,d so far...", format.label(), file, written));
                  });
        },
        result -> exported(result, format, file));
  }

  static String exported(StandardExport.Result result, StandardExport.Format format, Path file) {
    String text =
        String.format(
            "Exported %,d %s to %s.",
            result.total(),
            format == StandardExport.Format.OMH ? "data points" : "observations",
            file.toAbsolutePath());
    if (result.totalSkipped() == 0) {
      return text;
    }
    String skipped =
        result.skipped().entrySet().stream()
            .map(e -> String.format("%s %,d", e.getKey(), e.getValue()))
            .collect(java.util.stream.Collectors.joining(", "));
    return text + String.format(" Left out %,d: %s.", result.totalSkipped(), skipped);
  }

  /**
   * Deletes every sample, source, rollup, preference and sync state of the current store, with its
   * files and the provider tokens in the data folder, and opens a fresh empty store in their place.
   */
  public boolean deleteAll() {
    if (jobs.isRunning()) {
      report("Wait for the running job to end, or cancel it, before deleting.", true);
      return false;
    }
    Path folder = context.storeConfig().dataDir();
    try {
      context.reopen(config -> DataFolderFiles.delete(config.dataDir()));
      report("Deleted all data in " + folder + "; the store is empty.", false);
      return true;
    } catch (RuntimeException e) {
      report("Could not delete everything: " + e.getMessage(), true);
      return false;
    }
  }

  public BooleanProperty assistantEnabledProperty() {
    return assistantEnabled;
  }

  public ObjectProperty<AssistantSettings.Api> assistantApiProperty() {
    return assistantApi;
  }

  public StringProperty assistantUrlProperty() {
    return assistantUrl;
  }

  public StringProperty assistantModelProperty() {
    return assistantModel;
  }

  /** The assistant's last save or connection test, one sentence. */
  public ReadOnlyStringProperty assistantMessageProperty() {
    return assistantMessage.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty assistantFailedProperty() {
    return assistantFailed.getReadOnlyProperty();
  }

  /** A connection test is running. */
  public ReadOnlyBooleanProperty assistantTestingProperty() {
    return assistantChecks.runningProperty();
  }

  /**
   * The form as settings; the host confirmed before counts only while the address still points at
   * it.
   */
  AssistantSettings assistantForm() {
    return new AssistantSettings(
        assistantEnabled.get(),
        assistantApi.get(),
        assistantUrl.get(),
        assistantModel.get(),
        settings.assistant().confirmedHost());
  }

  /**
   * The host the user must confirm by name before anything is sent: the form's server when it is
   * on, not on this computer and not confirmed yet; null otherwise (also for an unusable address,
   * which saving reports).
   */
  public String hostToConfirm() {
    AssistantSettings form = assistantForm();
    if (!form.enabled()) {
      return null;
    }
    try {
      return form.local() || form.host().equals(form.confirmedHost()) ? null : form.host();
    } catch (IllegalArgumentException unusable) {
      return null;
    }
  }

  /**
   * Saves the form. {@code confirmedHost}: the host the user just confirmed by name in the second
   * dialog, or null; a server elsewhere without it is saved but refused until confirmed.
   *
   * @return whether the assistant may now be used
   */
  public boolean saveAssistant(String confirmedHost) {
    AssistantSettings form = assistantForm();
    if (confirmedHost != null) {
      form = form.withConfirmedHost(confirmedHost);
    }
    settings.saveAssistant(form);
    String refusal = form.refusal();
    if (refusal == null) {
      reportAssistant(
          "Saved: the assistant asks '" + form.model() + "' at " + form.url() + ".", false);
    } else if (!form.enabled()) {
      reportAssistant("Saved: the assistant is off; nothing is sent anywhere.", false);
    } else {
      reportAssistant("Saved, but not in use: " + refusal, true);
    }
    return refusal == null;
  }

  /**
   * Saves the form, then asks its server which models it has (no question, no health data). Sends
   * nothing when the saved settings refuse (off, incomplete, a host elsewhere not confirmed).
   */
  public void testAssistant(String confirmedHost) {
    if (!saveAssistant(confirmedHost)) {
      return;
    }
    AssistantSettings saved = settings.assistant();
    reportAssistant("Asking " + saved.url() + " for its models...", false);
    assistantChecks
        .task(progress -> ModelServer.check(saved))
        .interruptible()
        .onSuccess(text -> reportAssistant(text, false))
        .onFailure(error -> reportAssistant(BackgroundTask.reason(error), true))
        .start();
  }

  private void reportAssistant(String text, boolean failure) {
    assistantMessage.set(text);
    assistantFailed.set(failure);
  }

  public BooleanProperty mapTilesEnabledProperty() {
    return mapTilesEnabled;
  }

  /** The tile server's address, with {z}, {x} and {y}. */
  public StringProperty mapTilesUrlProperty() {
    return mapTilesUrl;
  }

  public StringProperty mapTilesAttributionProperty() {
    return mapTilesAttribution;
  }

  /** The map tiles' last save, one sentence. */
  public ReadOnlyStringProperty mapTilesMessageProperty() {
    return mapTilesMessage.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty mapTilesFailedProperty() {
    return mapTilesFailed.getReadOnlyProperty();
  }

  /** Puts OpenStreetMap's standard tiles and their credit back into the form (not saved yet). */
  public void defaultTileServer() {
    mapTilesUrl.set(MapTileSettings.OPENSTREETMAP);
    mapTilesAttribution.set(MapTileSettings.OPENSTREETMAP_ATTRIBUTION);
  }

  /**
   * Saves the map tiles' form; it counts from the next workout opened. An unusable address is saved
   * but refused (nothing is fetched with it), and the message says why.
   *
   * @return whether tiles will now be fetched
   */
  public boolean saveMapTiles() {
    MapTileSettings form =
        new MapTileSettings(mapTilesEnabled.get(), mapTilesUrl.get(), mapTilesAttribution.get());
    settings.saveMapTiles(form);
    String refusal = form.refusal();
    if (!form.enabled()) {
      mapTilesMessage.set("Saved: map tiles are off; routes are drawn without fetching anything.");
      mapTilesFailed.set(false);
      return false;
    }
    if (refusal != null) {
      mapTilesMessage.set("Saved, but not in use: " + refusal);
      mapTilesFailed.set(true);
      return false;
    }
    mapTilesMessage.set(
        "Saved: a workout's page asks " + form.host() + " for the map tiles around its route.");
    mapTilesFailed.set(false);
    return true;
  }

  /** Shows a problem with the form (a period that ends before it starts) as the outcome. */
  public void reportProblem(String text) {
    report(text, true);
  }

  /** Stops the running job, if any. */
  public void cancel() {
    jobs.cancel();
  }

  private <T> BackgroundTask<T> start(BackgroundTask.Work<T> job, Function<T, String> done) {
    if (jobs.isRunning()) {
      throw new IllegalStateException("A job is already running");
    }
    failed.set(false);
    return jobs.task(job)
        .onSuccess(value -> report(done.apply(value), false))
        .onCancelled(() -> report("Cancelled.", false))
        .onFailure(error -> report(BackgroundTask.reason(error), true))
        .start();
  }

  private void report(String text, boolean failure) {
    outcome.set(text);
    failed.set(failure);
  }

  static String label(String dayBoundariesId) {
    return SAMPLE_LOCAL.equals(dayBoundariesId)
        ? "each sample's own time zone"
        : "the time zone " + dayBoundariesId;
  }
}
