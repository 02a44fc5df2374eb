package org.openvitals.app.detail;

import java.time.Instant;
import org.openvitals.core.model.SourceRef;

/**
 * One mark of the detail chart: an hour's or a day's merged value, or one reading.
 *
 * @param from start of the hour, day or reading
 * @param to end of the hour or day; the reading's end
 * @param value in the metric's canonical unit
 * @param low the diastolic value paired with a systolic one (blood pressure), else NaN
 * @param source the source the value comes from (for a merged hour, the one that gave most)
 */
public record DetailPoint(Instant from, Instant to, double value, double low, SourceRef source) {

  public boolean paired() {
    return !Double.isNaN(low);
  }
}
