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

  ExplanationPane(Explanation e, DisplayFormat format) {
    super(12);
    setId("explanation");
    getStyleClass().add("explanation");
    setPadding(new Insets(4));
    MetricType metric = e.metric();

    Label heading =
        new Label(
            e.resolved() == null
                ? metric.displayName() + " on " + e.day() + ": no source has usable data"
                : metric.displayName()
                    + " on "
                    + e.day()
                    + ": "
                    + format.full(metric, e.resolved().value())
                    + ", mostly from "
                    + e.resolved().primary().name());
    heading.setId("explanation-heading");
    heading.getStyleClass().add(Styles.TITLE_4);
    heading.setWrapText(true);

    Label rule = wrapped("Rule: " + e.ruleText());
    Label order = wrapped("Source order: " + e.orderFrom());
    getChildren().addAll(heading, rule, order, sources(e, format));

    for (SourceOverride o : e.overrides()) {
      getChildren().add(wrapped("Set aside from " + o.overridden().name() + ": " + o.why()));
    }
    for (Disagreement d : e.disagreements()) {
      getChildren()
          .add(
              wrapped(
                  "Disagreement: "
                      + d.first().name()
                      + " "
                      + format.full(metric, d.firstValue())
                      + ", "
                      + d.second().name()
                      + " "
                      + format.full(metric, d.secondValue())));
    }
    for (QualityFlag f : e.qualityFlags()) {
      getChildren().add(wrapped("Quality: " + f.message()));
    }

    TextArea text = new TextArea(ExplanationText.render(e));
    text.setId("explanation-text");
    text.setEditable(false);
    text.getStyleClass().add("explanation-text");
    text.setPrefRowCount(14);
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
      grid.add(new Label(s.source().name() + " (" + s.source().provider() + ")"), 1, row);
      grid.add(new Label(role(s)), 2, row);
      grid.add(new Label(value(e.metric(), s.ownValue(), format)), 3, row);
      grid.add(new Label(value(e.metric(), s.contributed(), format)), 4, row);
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

  private static String value(MetricType metric, double v, DisplayFormat format) {
    return Double.isNaN(v) ? "-" : format.full(metric, v);
  }

  private static Label wrapped(String text) {
    Label l = new Label(text);
    l.setWrapText(true);
    return l;
  }
}
