package org.openvitals.app.welcome;

import atlantafx.base.theme.Styles;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** A strip across the window while demo data is shown, with the way back to the user's own data. */
public final class DemoBanner extends HBox {
  public DemoBanner(DemoSession demo) {
    super(12);
    setId("demo-banner");
    getStyleClass().add("demo-banner");
    setAlignment(Pos.CENTER_LEFT);
    setPadding(new Insets(6, 16, 6, 16));

    Label label = new Label("Demo data");
    label.getStyleClass().add(Styles.TEXT_BOLD);
    Label detail =
        new Label("You are exploring a simulated person; your own data is not affected.");
    detail.setWrapText(true);
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Button back = new Button("_Back to your data");
    back.setId("demo-leave");
    back.setMnemonicParsing(true);
    back.getStyleClass().add(Styles.SMALL);
    back.setOnAction(e -> demo.leave());
    getChildren().addAll(label, detail, spacer, back);

    visibleProperty().bind(demo.activeProperty());
    managedProperty().bind(visibleProperty());
  }
}
