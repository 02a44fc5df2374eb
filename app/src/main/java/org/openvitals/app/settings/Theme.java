package org.openvitals.app.settings;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.beans.value.ChangeListener;

/** Light, dark, or whatever the operating system uses (followed live when it changes). */
public enum Theme {
  SYSTEM("Follow the system"),
  LIGHT("Light"),
  DARK("Dark");

  private static final ChangeListener<ColorScheme> FOLLOW_SYSTEM =
      (property, before, now) -> useDark(now == ColorScheme.DARK);
  private static boolean following;

  private final String label;

  Theme(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Makes this theme the app's; call on the FX thread. */
  public void apply() {
    var colorScheme = Platform.getPreferences().colorSchemeProperty();
    if (this == SYSTEM) {
      if (!following) {
        colorScheme.addListener(FOLLOW_SYSTEM);
        following = true;
      }
      useDark(colorScheme.get() == ColorScheme.DARK);
    } else {
      colorScheme.removeListener(FOLLOW_SYSTEM);
      following = false;
      useDark(this == DARK);
    }
  }

  /** The window's background in the theme in use: what shows before the first frame is drawn. */
  public static javafx.scene.paint.Color background() {
    return dark ? javafx.scene.paint.Color.web("#0d1117") : javafx.scene.paint.Color.WHITE;
  }

  private static boolean dark;

  /** The theme's binary CSS: the same rules as its text, without parsing 165 KB at start-up. */
  private static void useDark(boolean dark) {
    Theme.dark = dark;
    Application.setUserAgentStylesheet(
        dark
            ? new PrimerDark().getUserAgentStylesheetBSS()
            : new PrimerLight().getUserAgentStylesheetBSS());
  }

  @Override
  public String toString() {
    return label;
  }
}
