package org.openvitals.app.welcome;

import java.nio.file.Path;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.Disposable;
import org.openvitals.core.store.StoreConfig;

/**
 * Whether the app shows the demo database instead of the user's own store, and the way back. The
 * demo database lives in its own folder ({@code demo/} inside the user's data folder), so demo data
 * never mixes with real data. Entering the demo is not remembered: the next start opens the user's
 * own store again. Use on the FX thread.
 */
public final class DemoSession implements Disposable {
  static final String FOLDER = "demo";

  private final AppContext context;
  private final ObjectProperty<StoreConfig> own = new SimpleObjectProperty<>(this, "own");
  private final ObjectProperty<StoreConfig> demo = new SimpleObjectProperty<>(this, "demo");
  private final BooleanBinding active;

  public DemoSession(AppContext context) {
    this.context = context;
    this.active =
        Bindings.createBooleanBinding(
            () -> demo.get() != null && context.storeConfig() == demo.get(),
            demo,
            context.storeProperty());
  }

  /** Stops following the open store. */
  @Override
  public void dispose() {
    active.dispose();
  }

  /** The demo database's folder for a user's data folder. */
  public static Path folderFor(Path ownDataFolder) {
    return ownDataFolder.toAbsolutePath().resolve(FOLDER);
  }

  /** True while the demo database is the open store. */
  public BooleanBinding activeProperty() {
    return active;
  }

  public boolean isActive() {
    return active.get();
  }

  /** The store the demo replaced (the user's own), while the demo is shown. */
  public StoreConfig ownStore() {
    return own.get();
  }

  /** Opens the demo database (already filled) for every screen. */
  public void enter(StoreConfig demoConfig) {
    if (!isActive()) {
      own.set(context.storeConfig());
    }
    context.switchStore(demoConfig);
    demo.set(context.storeConfig());
  }

  /** Goes back to the user's own store. */
  public void leave() {
    if (isActive()) {
      StoreConfig back = own.get();
      demo.set(null);
      own.set(null);
      context.switchStore(back);
    }
  }
}
