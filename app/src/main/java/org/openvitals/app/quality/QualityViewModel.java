package org.openvitals.app.quality;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.util.Subscription;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.BackgroundTask;
import org.openvitals.app.context.BackgroundWork;
import org.openvitals.app.context.Disposable;
import org.openvitals.app.context.SourceColors;
import org.openvitals.app.context.UnitSystem;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.core.rules.ExplanationText;
import org.openvitals.core.store.SourceSummary;

/**
 * The quality screen's state: the period looked at, what the rules flagged in it (worked out off
 * the FX thread, with progress and cancel), a filter by kind, and the explanation of the selected
 * finding's day. Reloads when data or preferences change. Call every method on the FX thread.
 */
public final class QualityViewModel implements Disposable {
  /** Which findings the list shows. */
  public enum Show {
    ALL("Everything", k -> true),
    DISAGREEMENTS("Disagreements", k -> k == Finding.Kind.DISAGREEMENT),
    IMPLAUSIBLE("Implausible samples", k -> k == Finding.Kind.IMPLAUSIBLE),
    OTHER(
        "Repeated, thin or stale days",
        k -> k != Finding.Kind.DISAGREEMENT && k != Finding.Kind.IMPLAUSIBLE);

    private final String label;
    private final Predicate<Finding.Kind> accepts;

    Show(String label, Predicate<Finding.Kind> accepts) {
      this.label = label;
      this.accepts = accepts;
    }

    public String label() {
      return label;
    }
  }

  /** Period lengths offered as presets, in days ending at the latest day with data. */
  public static final List<Integer> PRESET_DAYS = List.of(7, 30, 90, 365);

  static final int DEFAULT_DAYS = 30;

  private final AppContext context;
  private final ObservableList<Finding> all = FXCollections.observableArrayList();
  private final FilteredList<Finding> shown = new FilteredList<>(all);
  private final ObjectProperty<Show> show = new SimpleObjectProperty<>(this, "show", Show.ALL);
  private final ReadOnlyObjectWrapper<LocalDate> from = new ReadOnlyObjectWrapper<>(this, "from");
  private final ReadOnlyObjectWrapper<LocalDate> to = new ReadOnlyObjectWrapper<>(this, "to");
  private final ObjectProperty<Finding> selected = new SimpleObjectProperty<>(this, "selected");
  private final ReadOnlyStringWrapper explanation = new ReadOnlyStringWrapper(this, "explanation");
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
  private final BackgroundWork work;
  private final BackgroundWork.Lane scans;
  private final BackgroundWork.Lane explanations;
  private final Subscription shared;
  private LocalDate latestDay;

  /** What a scan found, and the period it looked at. */
  private record Scan(LocalDate latest, LocalDate start, LocalDate end, List<Finding> findings) {}

  public QualityViewModel(AppContext context) {
    this.context = context;
    this.work = new BackgroundWork(context);
    this.scans = work.lane();
    this.explanations = work.lane();
    show.addListener((p, before, now) -> applyFilter());
    selected.addListener((p, before, now) -> explainSelected(now));
    this.shared =
        Subscription.combine(
            context.dataVersionProperty().subscribe((before, now) -> reload()),
            // Another store has other dates: start again from its latest data (a reload follows).
            context
                .storeProperty()
                .subscribe((before, now) -> {
                  from.set(null);
                  to.set(null);
                  selected.set(null);
                }));
  }

  /** The colours of the open store's sources. */
  public SourceColors colours() {
    return context.current().colours();
  }

  /** Stops following the store and drops scans still running. */
  @Override
  public void dispose() {
    shared.unsubscribe();
    work.dispose();
  }

  /**
   * Scans the chosen period again; with no period chosen yet, the {@value #DEFAULT_DAYS} days up to
   * the latest day with data. A scan still running is cancelled.
   */
  public BackgroundTask<?> reload() {
    var store = context.store();
    var rules = context.rules();
    LocalDate today = LocalDate.now(context.clock());
    LocalDate chosenFrom = from.get();
    LocalDate chosenTo = to.get();
    var units = context.unitSystemProperty().get();
    return scans
        .task(progress -> {
          LocalDate latest = latestDay(store.sources(), store.dayBoundaries(), today);
          LocalDate end = chosenTo != null ? chosenTo : latest;
          LocalDate start = chosenFrom != null ? chosenFrom : end.minusDays(DEFAULT_DAYS - 1L);
          List<Finding> found =
              QualityScan.scan(store, rules, start, end, new DisplayFormat(units), progress);
          return new Scan(latest, start, end, found);
        })
        .onSuccess(this::show)
        .onFailure("Could not check the data", summary::set)
        .start();
  }

  private void show(Scan scan) {
    latestDay = scan.latest();
    from.set(scan.start());
    to.set(scan.end());
    Finding keep = selected.get();
    all.setAll(scan.findings());
    summary.set(summarise(scan.findings(), scan.start(), scan.end()));
    selected.set(all.contains(keep) ? keep : null);
    if (keep != null && keep.equals(selected.get())) {
      explainSelected(keep); // data changed: the day's explanation may have too
    }
  }

  /** Stops the running scan; the list keeps what the last finished scan found. */
  public void cancel() {
    if (scans.cancel()) {
      summary.set("Stopped. " + summary.get());
    }
  }

  /** Looks at {@code [start, end]} (swapped if given the wrong way round) and scans it. */
  public void setPeriod(LocalDate start, LocalDate end) {
    if (start == null || end == null) {
      return;
    }
    if (end.isBefore(start)) {
      LocalDate t = start;
      start = end;
      end = t;
    }
    from.set(start);
    to.set(end);
    reload();
  }

  /** The last {@code days} days up to the latest day with data. */
  public void setLastDays(int days) {
    LocalDate end = latestDay != null ? latestDay : LocalDate.now(context.clock());
    setPeriod(end.minusDays(days - 1L), end);
  }

  public ObservableList<Finding> findings() {
    return shown;
  }

  /** Every finding of the scan, whatever the filter. */
  public ObservableList<Finding> allFindings() {
    return FXCollections.unmodifiableObservableList(all);
  }

  public ObjectProperty<Show> showProperty() {
    return show;
  }

  public ReadOnlyObjectProperty<LocalDate> fromProperty() {
    return from.getReadOnlyProperty();
  }

  public ReadOnlyObjectProperty<LocalDate> toProperty() {
    return to.getReadOnlyProperty();
  }

  /** The finding whose day is explained. */
  public ObjectProperty<Finding> selectedProperty() {
    return selected;
  }

  /** The selected day's explanation as text, or empty. */
  public ReadOnlyStringProperty explanationProperty() {
    return explanation.getReadOnlyProperty();
  }

  /** Counts per kind in the period, or the state of the scan. */
  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  /** 0 to 1 while scanning (-1 before the amount of work is known). */
  public ReadOnlyDoubleProperty progressProperty() {
    return scans.progressProperty();
  }

  public ReadOnlyBooleanProperty scanningProperty() {
    return scans.runningProperty();
  }

  public ReadOnlyBooleanProperty explainingProperty() {
    return explanations.runningProperty();
  }

  /** Whether anything runs in the background. */
  public boolean busy() {
    return work.busyProperty().get();
  }

  private void applyFilter() {
    Show s = show.get();
    shown.setPredicate(f -> s.accepts.test(f.kind()));
  }

  private void explainSelected(Finding finding) {
    if (finding == null) {
      explanations.cancel();
      explanation.set("");
      return;
    }
    var rules = context.rules();
    var format = new DisplayFormat(context.unitSystemProperty().get());
    explanations
        .task(progress ->
            ExplanationText.render(rules.explain(finding.metric(), finding.day()), format))
        .onSuccess(explanation::set)
        .onFailure("Could not explain this day", explanation::set)
        .start();
  }

  static String summarise(List<Finding> findings, LocalDate start, LocalDate end) {
    String period = new DisplayFormat(UnitSystem.METRIC).days(start, end);
    if (findings.isEmpty()) {
      return "Nothing flagged from " + period + ".";
    }
    Map<Finding.Kind, Integer> counts = new EnumMap<>(Finding.Kind.class);
    findings.forEach(f -> counts.merge(f.kind(), 1, Integer::sum));
    long days = findings.stream().map(Finding::day).distinct().count();
    StringBuilder out = new StringBuilder();
    counts.forEach((k, n) -> {
      if (!out.isEmpty()) {
        out.append(", ");
      }
      out.append(k.count(n));
    });
    return out + " on " + days + (days == 1 ? " day" : " days") + " from " + period + ".";
  }

  /** The latest day with data, not after today (today when the store is empty). */
  public static LocalDate latestDay(
      List<SourceSummary> sources, org.openvitals.core.time.DayBoundaries days, LocalDate today) {
    Instant last = null;
    for (SourceSummary s : sources) {
      if (s.last() != null && (last == null || s.last().isAfter(last))) {
        last = s.last();
      }
    }
    if (last == null) {
      return today;
    }
    LocalDate day = days.dayOf(last.atOffset(java.time.ZoneOffset.UTC));
    return day.isAfter(today) ? today : day;
  }
}
