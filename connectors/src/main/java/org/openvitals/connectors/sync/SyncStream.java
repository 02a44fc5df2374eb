package org.openvitals.connectors.sync;

import org.openvitals.connectors.http.ApiException;
import org.openvitals.connectors.vault.ConnectionLostException;

/**
 * One data type of a provider (Oura's {@code sleep}, Withings' {@code getmeas} ...) with its own
 * cursor. An implementation fetches what is new since its cursor, page by page, and hands each page
 * to {@link StreamContext#commit} together with the cursor that resumes after it, so an interrupted
 * sync continues where it stopped and a repeated one stores nothing twice.
 */
public interface SyncStream {

  /** Stable name, part of the cursor's key in the store. */
  String name();

  void sync(StreamContext context)
      throws ApiException, ConnectionLostException, InterruptedException;
}
