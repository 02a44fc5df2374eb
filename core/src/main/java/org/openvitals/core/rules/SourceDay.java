package org.openvitals.core.rules;

import org.openvitals.core.model.DeviceClass;
import org.openvitals.core.model.SourceRef;

/**
 * One source's own view of a metric on one day, beside what the merge took from it.
 *
 * @param rank 0 for the preferred source
 * @param ownValue the source's own day figure (its total, mean reading, night's minutes ...), NaN
 *     when it has only implausible data
 * @param contributed how much of the resolved value came from it
 * @param samples samples of the day (plausible or not)
 * @param implausible samples outside the plausible range
 * @param duplicates samples repeating another of its own samples' time span
 * @param coveredMinutes time with data from it (slices, reading windows, session length)
 */
public record SourceDay(
    SourceRef source,
    int rank,
    DeviceClass deviceClass,
    double ownValue,
    double contributed,
    int samples,
    int implausible,
    int duplicates,
    double coveredMinutes,
    SourceRole role,
    SourceDayQuality quality) {

  SourceDay withQuality(SourceDayQuality q) {
    return new SourceDay(
        source,
        rank,
        deviceClass,
        ownValue,
        contributed,
        samples,
        implausible,
        duplicates,
        coveredMinutes,
        role,
        q);
  }
}
