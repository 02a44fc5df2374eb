package org.openvitals.connectors.files;

import java.time.Duration;

/**
 * A snapshot of a running import.
 *
 * @param bytesRead bytes of the (compressed) input consumed so far
 * @param totalBytes the input's size, or -1 when unknown
 * @param records records read so far
 * @param elapsed time since the import started
 */
public record ImportProgress(long bytesRead, long totalBytes, long records, Duration elapsed) {

  public double fraction() {
    return totalBytes <= 0 ? -1 : Math.min(1.0, (double) bytesRead / totalBytes);
  }

  public double recordsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : records / seconds;
  }

  /** Estimated time left from the byte rate so far, or null when it cannot be told yet. */
  public Duration eta() {
    if (totalBytes <= 0 || bytesRead <= 0) {
      return null;
    }
    double nanosPerByte = (double) elapsed.toNanos() / bytesRead;
    return Duration.ofNanos((long) (nanosPerByte * (totalBytes - bytesRead)));
  }
}
