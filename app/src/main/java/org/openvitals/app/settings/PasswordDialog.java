package org.openvitals.app.settings;

import atlantafx.base.theme.Styles;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.openvitals.app.context.AppContext;
import org.openvitals.core.store.Engine;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.StoreException;

/** Asks for the password of an encrypted H2 store. */
public final class PasswordDialog {
  private PasswordDialog() {}

  /** Shows the dialog and waits; empty when the user cancels. */
  public static Optional<char[]> ask(Window owner, Path folder, String problem) {
    Dialog<char[]> dialog = new Dialog<>();
    if (owner != null) {
      dialog.initOwner(owner);
    }
    dialog.setTitle("Encrypted store");
    dialog.setHeaderText("The store in " + folder + " is encrypted. Enter its password.");
    PasswordField password = new PasswordField();
    password.setId("store-password");
    VBox content = new VBox(8);
    if (problem != null) {
      Label error = new Label(problem);
      error.setWrapText(true);
      error.getStyleClass().add(Styles.DANGER);
      content.getChildren().add(error);
    }
    content.getChildren().add(password);
    dialog.getDialogPane().setContent(content);
    dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
    dialog.setOnShown(e -> password.requestFocus());
    dialog.setResultConverter(
        button -> button == ButtonType.OK ? password.getText().toCharArray() : null);
    return dialog.showAndWait();
  }

  /**
   * Opens the app's context on {@code config}; when it names an encrypted H2 store without its
   * password (the folder remembered from Settings, no {@code OPENVITALS_DB_PASSWORD}), asks for it
   * until it opens. Empty when the user cancels.
   */
  /** Whether opening {@code config} needs a password the user has not given yet. */
  public static boolean needsPassword(StoreConfig config) {
    return config.engine() == Engine.H2
        && !config.encrypted()
        && DataFolderFiles.inspect(config.dataDir()).encrypted();
  }

  public static Optional<AppContext> open(StoreConfig config, Clock clock) {
    if (!needsPassword(config)) {
      return Optional.of(new AppContext(config, clock));
    }
    String problem = null;
    while (true) {
      Optional<char[]> password = ask(null, config.dataDir(), problem);
      if (password.isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(
            new AppContext(new StoreConfig(config.dataDir(), Engine.H2, password.get()), clock));
      } catch (StoreException e) {
        problem = e.getMessage();
      }
    }
  }
}
