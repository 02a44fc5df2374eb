package org.openvitals.app.welcome;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.openvitals.app.context.Disposable;

/**
 * Shown instead of the dashboard while the store holds no samples: what OpenVitals does, and the
 * two ways to start.
 */
public final class WelcomeView extends VBox implements Disposable {
  private final WelcomeViewModel model;

  public WelcomeView(WelcomeViewModel model) {
    super(16);
    this.model = model;
    setId("welcome");
    getStyleClass().add("welcome");
    setMaxWidth(680);

    Label title = new Label("Welcome to OpenVitals");
    title.setId("welcome-title");
    title.getStyleClass().add(Styles.TITLE_1);
    Label intro =
        new Label(
            "Your health data from every source, merged by rules you choose, on your own"
                + " computer. Nothing is stored yet: bring in an export from Apple Health, a"
                + " CSV from your scale or nutrition app, or look around with demo data first.");
    intro.setWrapText(true);
    intro.getStyleClass().add(Styles.TEXT_MUTED);

    Button importFile = new Button("_Import a file");
    importFile.setId("welcome-import");
    importFile.setMnemonicParsing(true);
    importFile.getStyleClass().add(Styles.ACCENT);
    importFile.setDefaultButton(true);
    importFile.setOnAction(e -> model.importFile());

    Button demo = new Button("_Explore with demo data");
    demo.setId("welcome-demo");
    demo.setMnemonicParsing(true);
    demo.disableProperty().bind(model.busyProperty());
    demo.setOnAction(e -> model.exploreDemo());
    HBox actions = new HBox(12, importFile, demo);

    Label demoHint =
        new Label(
            "Demo data is one simulated person seen by an Apple Watch, an iPhone, an Oura ring,"
                + " a Withings scale, two nutrition apps, Strava and manual entries, overlapping"
                + " as real sources do. It goes into a separate database; your own stays empty"
                + " until you import.");
    demoHint.setWrapText(true);
    demoHint.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);

    ProgressBar bar = new ProgressBar();
    bar.setId("welcome-progress");
    bar.progressProperty().bind(model.progressProperty());
    bar.setMaxWidth(Double.MAX_VALUE);
    HBox.setHgrow(bar, Priority.ALWAYS);
    Button cancel = new Button("Cancel");
    cancel.setId("welcome-cancel");
    cancel.setOnAction(e -> model.cancel());
    HBox progress = new HBox(8, bar, cancel);
    progress.visibleProperty().bind(model.busyProperty());
    progress.managedProperty().bind(progress.visibleProperty());

    Label message = new Label();
    message.setId("welcome-message");
    message.setWrapText(true);
    message.textProperty().bind(model.messageProperty());

    getChildren().addAll(title, intro, actions, demoHint, progress, message);
    setPadding(new Insets(0, 0, 16, 0));
  }

  @Override
  public void dispose() {
    model.dispose();
  }
}
