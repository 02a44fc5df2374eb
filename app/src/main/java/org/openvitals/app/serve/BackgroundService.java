package org.openvitals.app.serve;

/**
 * Something {@code openvitals serve} runs until it is stopped: the phone endpoint and the cloud
 * sync scheduler, entries in {@link ServeCommand}'s list. Started in list order, closed in reverse
 * order.
 */
public interface BackgroundService extends AutoCloseable {

  /** A short name for the log ("phone endpoint"). */
  String name();

  /** Starts the service; returns once it runs. */
  void start() throws Exception;

  /** Stops the service and releases what it holds; never throws. */
  @Override
  void close();
}
