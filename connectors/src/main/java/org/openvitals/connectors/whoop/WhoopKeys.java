package org.openvitals.connectors.whoop;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The external ids WHOOP samples are stored under, the same whether a record came from the API or
 * from the app's data export, so a night or workout read both ways is one sample (the store upserts
 * on source, type and external id). The export carries no WHOOP ids, only times to the second, so
 * the key is the record's kind and its start in UTC to the minute: two sleeps or two workouts never
 * start in the same minute, and the API's milliseconds and the export's seconds agree on the
 * minute.
 */
final class WhoopKeys {
  private WhoopKeys() {}

  /** A sleep (nap or night) and the recovery measured in it. */
  static String sleep(Instant start) {
    return "sleep/" + start.truncatedTo(ChronoUnit.MINUTES);
  }

  static String workout(Instant start) {
    return "workout/" + start.truncatedTo(ChronoUnit.MINUTES);
  }

  /** A physiological cycle (the export's day strain and energy). */
  static String cycle(Instant start) {
    return "cycle/" + start.truncatedTo(ChronoUnit.MINUTES);
  }
}
