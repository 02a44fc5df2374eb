package org.openvitals.app.dashboard;

import atlantafx.base.theme.Styles;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.rules.Disagreement;
import org.openvitals.core.rules.Explanation;
import org.openvitals.core.rules.ExplanationText;
import org.openvitals.core.rules.QualityFlag;
import org.openvitals.core.rules.SourceDay;
import org.openvitals.core.rules.SourceOverride;

/**
 * Why a value is what it is, laid out for reading: the value and its main source, the rule, each
 * source's own figure beside what was used from it, what was set aside, and the full text the
 * command line prints.
 */
final class ExplanationPane extends VBox {

  /**
   * @param period the tile's summary, whose figure over its days is shown beside the day's; null
   *     when the day alone is explained
   */
  ExplanationPane(Explanation e, MetricSummary period, DisplayFormat format) {
    super(12);
    setId("explanation");
    getStyleClass().add("explanation");
    setPadding(new Insets(4));
    MetricType metric = e.metric();
    String name = MetricTile.name(metric);

    Label heading =
        new Label(
            e.resolved() == null
                ? name + " on " + format.dayWithWeekday(e.day()) + ": no source has usable data"
                : name
                    + " on "
                    + format.dayWithWeekday(e.day())
                    + ": "
                    + format.full(metric, e.resolved().value())
                    + ", mostly from "
                    + format.source(e.resolved().primary()));
    heading.setId("explanation-heading");
    heading.getStyleClass().add(Styles.TITLE_4);
    heading.setWrapText(true);
    getChildren().add(heading);
    if (period != null && period.hasValue() && period.period() != Period.TODAY) {
      Label over =
          wrapped(
              "Over "
                  + format.days(period.range().from(), period.range().to())
                  + ": "
                  + (metric == MetricType.WORKOUT
                      ? format.count(period.events(), "workouts")
                          + ", "
                          + format.duration(period.total())
                      : "daily average " + format.full(metric, period.value()))
                  + " on "
                  + format.count(period.daysWithData(), "days with data")
                  + "; the day below is the latest of them.");
      over.setId("explanation-period");
      getChildren().add(over);
    }

    Label rule = wrapped("Rule: " + e.ruleText());
    Label order = wrapped("Source order: " + e.orderFrom());
    getChildren().addAll(rule, order, sources(e, format));

    for (SourceOverride o : e.overrides()) {
      getChildren().add(wrapped("Set aside: " + ExplanationText.why(o, metric, format)));
    }
    for (Disagreement d : e.disagreements()) {
      getChildren()
          .add(
              wrapped(
                  "Disagreement: "
                      + format.source(d.first())
                      + " "
                      + format.full(metric, d.firstValue())
                      + ", "
                      + format.source(d.second())
                      + " "
                      + format.full(metric, d.secondValue())));
    }
    for (QualityFlag f : e.qualityFlags()) {
      getChildren()
          .add(
              wrapped(
                  "Quality"
                      + (f.source() == null ? "" : " (" + format.source(f.source()) + ")")
                      + (f.at() == null ? "" : " at " + format.time(f.at().toInstant()))
                      + ": "
                      + ExplanationText.flag(f, format)));
    }

    TextArea text = new TextArea(ExplanationText.render(e, format));
    text.setId("explanation-text");
    text.setEditable(false);
    text.getStyleClass().add("explanation-text");
    text.setPrefRowCount(14);
    text.setWrapText(false);
    TitledPane full = new TitledPane("Full explanation", text);
    full.setExpanded(false);
    getChildren().add(full);
  }

  private static GridPane sources(Explanation e, DisplayFormat format) {
    GridPane grid = new GridPane();
    grid.setHgap(12);
    grid.setVgap(4);
    grid.getStyleClass().add("explanation-sources");
    String[] headers = {"", "Source", "Role", "Its own value", "Used", "Quality"};
    for (int c = 0; c < headers.length; c++) {
      Label h = new Label(headers[c]);
      h.getStyleClass().add(Styles.TEXT_MUTED);
      grid.add(h, c, 0);
    }
    int row = 1;
    for (SourceDay s : e.sources()) {
      Circle dot = new Circle(5, format.colours().of(s.source()));
      grid.add(dot, 0, row);
      Label name = new Label(format.source(s.source()));
      name.setWrapText(true);
      name.setMaxWidth(220);
      name.setTooltip(
          new javafx.scene.control.Tooltip(
              format.source(s.source())
                  + " ("
                  + DisplayFormat.provider(s.source().provider())
                  + ")"));
      grid.add(name, 1, row);
      grid.add(new Label(role(s)), 2, row);
      grid.add(new Label(value(e.metric(), s.ownValue(), format)), 3, row);
      grid.add(new Label(used(e, s, format)), 4, row);
      grid.add(new Label(String.format(Locale.ROOT, "%.0f%%", 100 * s.quality().score())), 5, row);
      row++;
    }
    return grid;
  }

  private static String role(SourceDay s) {
    return switch (s.role()) {
      case PRIMARY -> "primary";
      case FILLED_GAPS -> "filled gaps";
      case OVERRIDDEN -> "overridden";
      case FLOOR -> "own total used";
      case IMPLAUSIBLE_ONLY -> "implausible only";
    };
  }

  /**
   * What the merge took from a source: readings for the readings rule (a count, not a heart rate),
   * else the amount in the metric's unit.
   */
  private static String used(Explanation e, SourceDay s, DisplayFormat format) {
    if (Double.isNaN(s.contributed())) {
      return "-";
    }
    return switch (e.rule()) {
      case READINGS -> {
        long n = Math.round(s.contributed());
        yield format.count(n, n == 1 ? "reading" : "readings");
      }
      case WORKOUTS -> format.duration(s.contributed());
      default -> format.full(e.metric(), s.contributed());
    };
  }

  private static String value(MetricType metric, double v, DisplayFormat format) {
    return Double.isNaN(v) ? "-" : format.full(metric, v);
  }

  private static Label wrapped(String text) {
    Label l = new Label(text);
    l.setWrapText(true);
    return l;
  }
}
