package org.openvitals.core.rules;

/**
 * A source's quality for one metric on one day, 0 (useless) to 1 (complete, plausible, from a
 * dedicated device). The parts are kept so a screen can say why a score is low.
 *
 * @param plausibleShare share of the day's samples inside the plausible range
 * @param completeness covered time against the expected wear time (1 for once-a-day readings)
 * @param duplicateShare share of samples that repeat another sample's time span
 * @param deviceFactor trust in the kind of recorder (manual 1, dedicated device 0.95, phone 0.85,
 *     app 0.8, unknown 0.7)
 * @param freshness 1, or the share of the day before the source's data stopped arriving
 */
public record SourceDayQuality(
    double score,
    double plausibleShare,
    double completeness,
    double duplicateShare,
    double deviceFactor,
    double freshness) {}
