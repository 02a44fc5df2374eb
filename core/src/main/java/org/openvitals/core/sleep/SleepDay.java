package org.openvitals.core.sleep;

import java.time.LocalDate;
import java.util.List;

/**
 * A day's sleep: the night the rules chose (null when the day has only naps), the other sources'
 * nights for comparison, best-ranked first, and naps.
 */
public record SleepDay(LocalDate day, Night night, List<Night> others, List<Night> naps) {

  public SleepDay {
    others = List.copyOf(others);
    naps = List.copyOf(naps);
  }
}
