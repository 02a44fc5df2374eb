package org.openvitals.app.sleep;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;
import org.openvitals.app.common.PeriodNavigation;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.Disposable;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.app.shell.Screen;
import org.openvitals.core.sleep.Night;
import org.openvitals.core.sleep.SleepDay;
import org.openvitals.core.sleep.Stage;

/**
 * The sleep page: a bar per night over four weeks, the selected night as a hypnogram with bed and
 * wake times and time in bed against asleep, and the other sources' nights beside it. Thin: state
 * and reads live in {@link SleepViewModel}.
 */
public final class SleepView extends ScrollPane implements Disposable {
  private final SleepViewModel model;
  private final StackPane bars = new StackPane();
  private final VBox night = new VBox(8);
  private final VBox others = new VBox(12);
  private NightBars shownBars;
  private final Subscription watches;

  public SleepView(AppContext context) {
    this(new SleepViewModel(context));
  }

  SleepView(SleepViewModel model) {
    this.model = model;
    getStyleClass().addAll("sleep", Tweaks.EDGE_TO_EDGE);
    setFitToWidth(true);

    Label title = new Label(Screen.SLEEP.title());
    title.setId("screen-title");
    title.getStyleClass().add(Styles.TITLE_1);
    Label intro =
        new Label(
            "Each night from your preferred sleep source, with the other sources' nights of the"
                + " same day beside it. A night belongs to the day you wake up.");
    intro.setWrapText(true);
    intro.setMinHeight(Region.USE_PREF_SIZE);
    intro.getStyleClass().add(Styles.TEXT_MUTED);

    Label message = new Label();
    message.setId("sleep-message");
    message.setWrapText(true);
    message.setMinHeight(Region.USE_PREF_SIZE);
    message.textProperty().bind(model.messageProperty());
    message.managedProperty().bind(message.textProperty().isNotEmpty());
    message.visibleProperty().bind(message.managedProperty());

    bars.setId("night-bars");
    bars.setMinHeight(160);
    night.setId("night");
    others.setId("other-nights");

    PeriodNavigation navigation =
        new PeriodNavigation("sleep", model::earlier, model::later, model::latest)
            .bind(
                model.periodProperty(),
                model.atEarliestProperty(),
                model.atLatestProperty(),
                model.loadingProperty());
    VBox page = new VBox(12, title, intro, navigation, message, bars, night, others);
    page.setPadding(new Insets(0, 16, 16, 0));
    setContent(page);

    watches =
        Subscription.combine(
            model.fromProperty().subscribe(from -> showBars()),
            model.selectedProperty().subscribe(this::showNight));
    model.nights().addListener((javafx.collections.ListChangeListener<SleepDay>) c -> showBars());
    model.reload();
  }

  private void showBars() {
    var from = model.fromProperty().get();
    var to = model.toProperty().get();
    if (from == null || to == null) {
      return;
    }
    shownBars = new NightBars(model.nights(), from, to, model.format(), model::select);
    bars.getChildren().setAll(shownBars);
    SleepDay selected = model.selectedProperty().get();
    shownBars.mark(selected == null ? null : selected.day());
  }

  private void showNight(SleepDay day) {
    night.getChildren().clear();
    others.getChildren().clear();
    if (shownBars != null) {
      shownBars.mark(day == null ? null : day.day());
    }
    if (day == null) {
      return;
    }
    DisplayFormat format = model.format();
    List<Night> all = new ArrayList<>();
    if (day.night() != null) {
      all.add(day.night());
    }
    all.addAll(day.others());
    Instant from =
        all.stream().map(n -> n.bedTime().toInstant()).min(Instant::compareTo).orElse(null);
    Instant to =
        all.stream().map(n -> n.wakeTime().toInstant()).max(Instant::compareTo).orElse(null);

    Label heading = new Label("Night to " + format.dayWithWeekday(day.day()));
    heading.setId("night-title");
    heading.getStyleClass().add(Styles.TITLE_3);
    heading.setWrapText(true);
    heading.setMinHeight(Region.USE_PREF_SIZE);
    night.getChildren().add(heading);
    if (day.night() != null) {
      night.getChildren().addAll(nightBox(day.night(), from, to, format, true));
    }
    if (!day.others().isEmpty()) {
      Label compare = new Label("Other sources, same night");
      compare.getStyleClass().add(Styles.TITLE_4);
      others.getChildren().add(compare);
      for (Night n : day.others()) {
        VBox box = new VBox(6);
        box.getStyleClass().add("other-night");
        box.getChildren().addAll(nightBox(n, from, to, format, false));
        others.getChildren().add(box);
      }
    }
    for (Night nap : day.naps()) {
      Label line =
          new Label(
              "Nap "
                  + format.time(nap.bedTime().toInstant())
                  + " to "
                  + format.time(nap.wakeTime().toInstant())
                  + ", "
                  + format.duration(nap.asleepMinutes())
                  + " asleep ("
                  + format.source(nap.source())
                  + ")");
      line.getStyleClass().add("nap");
      line.setWrapText(true);
      others.getChildren().add(line);
    }
  }

  /** A night's source, facts, hypnogram (or why there is none) and stage totals. */
  private List<Node> nightBox(
      Night n, Instant from, Instant to, DisplayFormat format, boolean primary) {
    List<Node> out = new ArrayList<>();
    Label source =
        new Label(format.source(n.source()) + (primary ? ", your preferred source" : ""));
    source.setGraphic(model.colours().swatch(n.source()));
    source.getStyleClass().add(Styles.TEXT_BOLD);
    source.setWrapText(true);
    source.setMinHeight(Region.USE_PREF_SIZE);
    out.add(source);

    FlowPane facts =
        new FlowPane(
            18,
            4,
            fact("Bed", format.time(n.bedTime().toInstant()), primary ? "bed-time" : null),
            fact("Woke", format.time(n.wakeTime().toInstant()), primary ? "wake-time" : null),
            fact("In bed", format.duration(n.inBedMinutes()), primary ? "in-bed" : null),
            fact(
                "Asleep",
                !n.hasStages()
                    ? "–"
                    : format.duration(n.asleepMinutes())
                        + (n.inBedMinutes() > 0
                            ? " (" + Math.round(n.efficiency() * 100) + " %)"
                            : ""),
                primary ? "asleep" : null));
    out.add(facts);

    if (!n.hasStages()) {
      Label none =
          new Label(format.source(n.source()) + " recorded the time in bed only, no sleep stages.");
      none.setWrapText(true);
      none.setMinHeight(Region.USE_PREF_SIZE);
      none.getStyleClass().add(Styles.TEXT_MUTED);
      out.add(none);
    } else if (n.hasTimeline()) {
      Hypnogram hypnogram = new Hypnogram(n, from, to, format);
      if (primary) {
        hypnogram.setId("hypnogram");
      }
      out.add(hypnogram);
    } else {
      Label none =
          new Label(
              format.source(n.source())
                  + " gives how long each stage lasted, not when: no hypnogram for this night.");
      none.setWrapText(true);
      none.setMinHeight(Region.USE_PREF_SIZE);
      none.getStyleClass().add(Styles.TEXT_MUTED);
      out.add(none);
    }

    FlowPane totals = new FlowPane(14, 4);
    if (primary) {
      totals.setId("stage-totals");
    }
    for (Stage stage : Stage.values()) {
      Double minutes = n.stageMinutes().get(stage);
      if (minutes == null) {
        continue;
      }
      Region key = new Region();
      key.getStyleClass().addAll("stage-key", Hypnogram.styleClass(stage));
      Label total = new Label(stage.label() + " " + format.duration(minutes), key);
      total.setMinWidth(Region.USE_PREF_SIZE);
      if (primary) {
        total.setId("total-" + stage.name().toLowerCase(java.util.Locale.ROOT));
      }
      totals.getChildren().add(total);
    }
    out.add(totals);
    return out;
  }

  private static HBox fact(String name, String value, String id) {
    Label label = new Label(name);
    label.getStyleClass().add(Styles.TEXT_MUTED);
    label.setMinWidth(Region.USE_PREF_SIZE);
    Label shown = new Label(value);
    shown.setMinWidth(Region.USE_PREF_SIZE);
    if (id != null) {
      shown.setId(id);
    }
    HBox box = new HBox(6, label, shown);
    box.setAlignment(Pos.BASELINE_LEFT);
    return box;
  }

  @Override
  public void dispose() {
    watches.unsubscribe();
    model.dispose();
  }
}
