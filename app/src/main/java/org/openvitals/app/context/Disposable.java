package org.openvitals.app.context;

/**
 * A view model or screen that listens to shared state (the open store, the data version, the unit
 * system) or runs background work. {@link #dispose()} releases all of it, so nothing it started
 * writes into it afterwards and the app's shared state no longer holds on to it. The shell disposes
 * its pages when the window closes and the welcome page when it gives way to the dashboard.
 */
public interface Disposable {
  /** Stops listening and drops running work; call once, on the FX thread. */
  void dispose();
}
