package org.openvitals.app.preferences;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Subscription;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.BackgroundTask;
import org.openvitals.app.context.BackgroundWork;
import org.openvitals.app.context.Disposable;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.DeviceClass;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.rules.SourcePreferences;

/**
 * The preferences screen's state: per category (or per metric, for an order of its own) the sources
 * with data in the order being edited, a preview of what that order does to the main metrics, and
 * saving, reverting, resetting and restoring earlier versions.
 *
 * <p>Edits change a draft; the saved order changes only on {@link #save()}. Moving a source
 * recomputes the preview off the FX thread at once, so the effect is visible before anything is
 * stored, and one deliberate save makes one version in the history (not one per drag). Call every
 * method on the FX thread.
 */
public final class PreferencesViewModel implements Disposable {
  /** A source in the list, with the device class that places it by default. */
  public record SourceItem(SourceRef source, DeviceClass deviceClass) {}

  /** What an order applies to: a whole category (metric null) or one metric's own order. */
  public record Scope(Category category, MetricType metric) {
    public String label() {
      return metric == null
          ? "Every " + categoryName(category).toLowerCase(java.util.Locale.ROOT) + " metric"
          : metric.displayName();
    }
  }

  private final AppContext context;
  private final ObjectProperty<Category> category = new SimpleObjectProperty<>(this, "category");
  private final ObservableList<Scope> scopes = FXCollections.observableArrayList();
  private final ObjectProperty<Scope> scope = new SimpleObjectProperty<>(this, "scope");
  private final ObservableList<SourceItem> sources = FXCollections.observableArrayList();
  private final ObservableList<Preview.Row> preview = FXCollections.observableArrayList();
  private final ObjectProperty<LocalDate> previewDay = new SimpleObjectProperty<>(this, "day");
  private final ObservableList<SourcePreferences> history = FXCollections.observableArrayList();
  private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
  private final ReadOnlyStringWrapper orderNote = new ReadOnlyStringWrapper(this, "orderNote", "");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

  private final BackgroundWork work;
  private final BackgroundWork.Lane loads;
  private final BackgroundWork.Lane previews;
  private final Subscription shared;

  private StoreSources data;
  private SourcePreferences draft;
  private boolean updating;

  public PreferencesViewModel(AppContext context) {
    this.context = context;
    this.work = new BackgroundWork(context);
    this.loads = work.lane();
    this.previews = work.lane();
    category.addListener((p, before, now) -> {
      if (!updating && now != null) {
        showCategory(now);
      }
    });
    scope.addListener((p, before, now) -> {
      if (!updating && now != null) {
        showScope();
        updatePreview();
      }
    });
    previewDay.addListener((p, before, now) -> {
      if (!updating && now != null) {
        updatePreview();
      }
    });
    this.shared =
        Subscription.combine(
            context.dataVersionProperty().subscribe((before, now) -> reload()),
            // A draft belongs to the store it was made on; the reload after a switch starts afresh.
            context.storeProperty().subscribe((before, now) -> dirty.set(false)));
  }

  /** Stops following the store and drops reads and previews still running. */
  @Override
  public void dispose() {
    shared.unsubscribe();
    work.dispose();
  }

  /** Reads the saved order and the sources with data again; an unsaved draft is kept. */
  public BackgroundTask<?> reload() {
    var rules = context.rules();
    var store = context.store();
    LocalDate today = LocalDate.now(context.clock());
    return loads
        .task(progress -> StoreSources.read(store, rules.preferences(), today))
        .onSuccess(this::show)
        .onFailure("Could not read the source order", status::set)
        .start();
  }

  private void show(StoreSources loaded) {
    boolean keepDraft = dirty.get();
    data = loaded;
    if (!keepDraft) {
      draft = loaded.saved();
    }
    history.setAll(loaded.history().reversed());
    Category shown = category.get();
    if (shown == null || loaded.sourcesOf(shown).isEmpty()) {
      shown = firstCategoryWithData(loaded);
    }
    updating = true;
    category.set(shown);
    updating = false;
    showCategory(shown);
  }

  public ObjectProperty<Category> categoryProperty() {
    return category;
  }

  /** The orders the category can show: the whole category, then each of its metrics with data. */
  public ObservableList<Scope> scopes() {
    return scopes;
  }

  public ObjectProperty<Scope> scopeProperty() {
    return scope;
  }

  /** The sources of the shown scope, preferred first, in the edited order. */
  public ObservableList<SourceItem> sources() {
    return sources;
  }

  /** The main metrics under the saved and the edited order. */
  public ObservableList<Preview.Row> preview() {
    return preview;
  }

  /** The day the preview shows (and the week up to it). */
  public ObjectProperty<LocalDate> previewDayProperty() {
    return previewDay;
  }

  /** Saved versions, newest first. */
  public ObservableList<SourcePreferences> history() {
    return history;
  }

  /** Whether the edited order differs from the saved one. */
  public ReadOnlyBooleanProperty dirtyProperty() {
    return dirty.getReadOnlyProperty();
  }

  /** Whether anything is loading, previewing or saving. */
  public ReadOnlyBooleanProperty busyProperty() {
    return work.busyProperty();
  }

  public ReadOnlyBooleanProperty previewingProperty() {
    return previews.runningProperty();
  }

  /** Where the shown order comes from and what a move will change. */
  public ReadOnlyStringProperty orderNoteProperty() {
    return orderNote.getReadOnlyProperty();
  }

  /** The last thing that happened (saved, failed ...). */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** How many sources of each category hold data (for the category chooser). */
  public int sourceCount(Category c) {
    return data == null ? 0 : data.sourcesOf(c).size();
  }

  /**
   * Moves the source at {@code from} to index {@code to} of the list (both in the list's terms).
   */
  public void move(int from, int to) {
    if (from < 0 || from >= sources.size() || to < 0 || to >= sources.size() || from == to) {
      return;
    }
    List<SourceRef> order = new ArrayList<>(sources.stream().map(SourceItem::source).toList());
    order.add(to, order.remove(from));
    applyOrder(order);
  }

  public void moveUp(int index) {
    move(index, index - 1);
  }

  public void moveDown(int index) {
    move(index, index + 1);
  }

  /**
   * Drops the shown scope's own order: a category goes back to device-class defaults, a metric to
   * its category's order.
   */
  public void resetScope() {
    if (draft == null || scope.get() == null) {
      return;
    }
    setDraft(withEntry(draft, scope.get(), null));
  }

  /** Every category back to device-class defaults and no metric orders (saved on {@link #save}). */
  public void resetAll() {
    if (draft == null) {
      return;
    }
    setDraft(
        new SourcePreferences(
            draft.version(), draft.savedAt(), Map.of(), Map.of(), draft.deviceClasses()));
  }

  /** Makes an earlier version the draft; {@link #save} makes it current again. */
  public void restore(SourcePreferences version) {
    setDraft(version);
  }

  /** Throws the edits away. */
  public void revert() {
    if (data != null) {
      setDraft(data.saved());
    }
  }

  /** Saves the edited order as a new version; every screen showing data then resolves again. */
  public BackgroundTask<SourcePreferences> save() {
    SourcePreferences toSave = draft;
    var repository = context.rules().preferences();
    return work.task(progress -> repository.save(toSave))
        .onSuccess(saved -> {
          data =
              new StoreSources(
                  saved,
                  data.history(),
                  data.deviceClasses(),
                  data.sourcesByMetric(),
                  data.lastDayByMetric());
          draft = saved;
          dirty.set(false);
          status.set("Saved as version " + saved.version() + ".");
          updatePreview();
          context.dataChanged();
        })
        .onFailure("Could not save the source order", status::set)
        .start();
  }

  /** Whether the metric of a scope has an order of its own in the draft. */
  public boolean hasOwnOrder(Scope s) {
    return s.metric() != null && draft != null && draft.metricOverrides().containsKey(s.metric());
  }

  public static String categoryName(Category c) {
    String id = c.id().replace('_', ' ');
    return Character.toUpperCase(id.charAt(0)) + id.substring(1);
  }

  // --- internals ---------------------------------------------------------------------------

  private static Category firstCategoryWithData(StoreSources loaded) {
    for (Category c : Category.values()) {
      if (!loaded.sourcesOf(c).isEmpty()) {
        return c;
      }
    }
    return Category.ACTIVITY;
  }

  private void showCategory(Category c) {
    if (data == null) {
      return;
    }
    List<Scope> next = new ArrayList<>();
    next.add(new Scope(c, null));
    for (MetricType m : MetricType.values()) {
      if (m.category() == c && data.hasData(m)) {
        next.add(new Scope(c, m));
      }
    }
    updating = true;
    Scope keep = scope.get();
    scopes.setAll(next);
    scope.set(next.contains(keep) ? keep : next.getFirst());
    updating = false;
    showScope();
    LocalDate last = data.lastDay(previewMetrics());
    updating = true;
    previewDay.set(last);
    updating = false;
    updatePreview();
  }

  /** Lists the scope's sources in the draft's order and says where the order comes from. */
  private void showScope() {
    Scope s = scope.get();
    if (data == null || s == null) {
      sources.clear();
      return;
    }
    List<SourceRef> order = effectiveOrder(draft, s);
    sources.setAll(order.stream().map(r -> new SourceItem(r, data.classOf(r))).toList());
    String category = categoryName(s.category()).toLowerCase(java.util.Locale.ROOT);
    if (s.metric() == null) {
      orderNote.set(
          draft.categories().containsKey(s.category())
              ? "Your order for every " + category + " metric without an order of its own."
              : "Not ranked yet: sources are ranked by kind of device (manual entries, then"
                  + " watch, ring, scale or strap, then phone, then apps). Move one to set your"
                  + " own order.");
    } else {
      orderNote.set(
          draft.metricOverrides().containsKey(s.metric())
              ? s.metric().displayName()
                  + " has its own order, ahead of the "
                  + category
                  + " order."
              : s.metric().displayName()
                  + " follows the "
                  + category
                  + " order; moving a source gives it an order of its own.");
    }
  }

  private void applyOrder(List<SourceRef> order) {
    Scope s = scope.get();
    SourcePreferences next =
        withEntry(draft, s, keepAbsent(draft.listFor(metricOf(draft, s)), order));
    // Moving back to what is saved is no change, even when nothing was saved for this scope.
    if (effectiveOrder(data.saved(), s).equals(order)) {
      next = withEntry(next, s, entryOf(data.saved(), s));
    }
    setDraft(next);
  }

  private void setDraft(SourcePreferences next) {
    draft = next;
    dirty.set(data != null && !next.sameContent(data.saved()));
    status.set("");
    showScope();
    updatePreview();
  }

  /** The metrics the preview shows for the current scope. */
  private List<MetricType> previewMetrics() {
    Scope s = scope.get();
    if (s == null || data == null) {
      return List.of();
    }
    return s.metric() != null ? List.of(s.metric()) : Preview.metricsFor(s.category(), data);
  }

  private void updatePreview() {
    List<MetricType> metrics = previewMetrics();
    LocalDate day = previewDay.get();
    if (data == null || metrics.isEmpty() || day == null) {
      previews.cancel();
      preview.clear();
      return;
    }
    SourcePreferences saved = data.saved();
    SourcePreferences edited = draft;
    var rules = context.rules();
    var store = context.store();
    previews
        .task(progress ->
            Preview.compute(
                store, rules.context(), saved, edited, metrics, day, progress::isCancelled))
        .onSuccess(preview::setAll)
        .onFailure("Could not work out the preview", status::set)
        .start();
  }

  /** The order {@code prefs} gives the scope's sources with data. */
  private List<SourceRef> effectiveOrder(SourcePreferences prefs, Scope s) {
    Set<SourceRef> present =
        s.metric() == null ? data.sourcesOf(s.category()) : data.sourcesOf(s.metric());
    return prefs.priorityFor(metricOf(prefs, s), present, data::classOf).order();
  }

  /**
   * The metric whose order a scope shows: its own, or for a category one without an order of its
   * own (so the category's list is what applies).
   */
  private static MetricType metricOf(SourcePreferences prefs, Scope s) {
    if (s.metric() != null) {
      return s.metric();
    }
    MetricType fallback = null;
    for (MetricType m : MetricType.values()) {
      if (m.category() == s.category()) {
        if (!prefs.metricOverrides().containsKey(m)) {
          return m;
        }
        fallback = fallback == null ? m : fallback;
      }
    }
    return fallback;
  }

  /** The stored list behind a scope: the category's list or the metric's own, null if none. */
  private static List<SourceRef> entryOf(SourcePreferences prefs, Scope s) {
    return s.metric() == null
        ? prefs.categories().get(s.category())
        : prefs.metricOverrides().get(s.metric());
  }

  /** {@code prefs} with the scope's list set to {@code list}, or removed when null. */
  private static SourcePreferences withEntry(
      SourcePreferences prefs, Scope s, List<SourceRef> list) {
    if (s.metric() == null) {
      Map<Category, List<SourceRef>> categories = new EnumMap<>(Category.class);
      categories.putAll(prefs.categories());
      if (list == null) {
        categories.remove(s.category());
      } else {
        categories.put(s.category(), list);
      }
      return new SourcePreferences(
          prefs.version(),
          prefs.savedAt(),
          categories,
          prefs.metricOverrides(),
          prefs.deviceClasses());
    }
    return list == null
        ? prefs.withoutMetricOverride(s.metric())
        : prefs.withMetricOverride(s.metric(), list);
  }

  /**
   * The new order of the shown sources, with listed sources that have no data here (another
   * device's, an old one's) kept right after the source they followed.
   */
  static List<SourceRef> keepAbsent(List<SourceRef> listed, List<SourceRef> shown) {
    List<SourceRef> out = new ArrayList<>(shown);
    Set<SourceRef> present = new LinkedHashSet<>(shown);
    SourceRef previous = null;
    for (SourceRef s : listed) {
      if (!present.contains(s)) {
        out.add(previous == null ? 0 : out.indexOf(previous) + 1, s);
      }
      previous = s;
    }
    return out;
  }
}
