package org.openvitals.app.shell;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringExpression;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The frame's state: which screen is shown. Changing it is remembered for the next start. Knows
 * nothing of controls, so it is tested without a window.
 */
public final class ShellViewModel {
  private final ObjectProperty<Screen> selectedScreen;
  private final StringExpression windowTitle;
  private final StringProperty storeDescription;
  private final BooleanProperty welcome = new SimpleBooleanProperty(this, "welcome");

  /**
   * @param storeDescription where the data lives, shown in the frame (for example the data folder
   *     and engine)
   */
  public ShellViewModel(ShellSettings settings, String storeDescription) {
    this.storeDescription = new SimpleStringProperty(this, "storeDescription", storeDescription);
    this.selectedScreen =
        new SimpleObjectProperty<>(
            this, "selectedScreen", settings.lastScreen().orElse(Screen.DASHBOARD));
    selectedScreen.addListener((property, before, now) -> {
      if (now == null) {
        selectedScreen.set(before); // there is always a screen
      } else {
        settings.saveLastScreen(now);
      }
    });
    this.windowTitle =
        Bindings.createStringBinding(
            () -> "OpenVitals - " + selectedScreen.get().title(), selectedScreen);
  }

  public List<Screen> screens() {
    return List.of(Screen.values());
  }

  public ObjectProperty<Screen> selectedScreenProperty() {
    return selectedScreen;
  }

  public Screen selectedScreen() {
    return selectedScreen.get();
  }

  public void select(Screen screen) {
    selectedScreen.set(screen);
  }

  public StringExpression windowTitle() {
    return windowTitle;
  }

  public String storeDescription() {
    return storeDescription.get();
  }

  /** Where the data lives; follows store switches. */
  public StringProperty storeDescriptionProperty() {
    return storeDescription;
  }

  /** True while the store holds no samples: the dashboard's place shows the welcome page. */
  public BooleanProperty welcomeProperty() {
    return welcome;
  }
}
