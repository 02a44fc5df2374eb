package org.openvitals.core.store;

/** A store operation failed; the message says which and why, the cause holds the engine's error. */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
