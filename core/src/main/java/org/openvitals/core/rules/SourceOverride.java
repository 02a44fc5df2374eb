package org.openvitals.core.rules;

import org.openvitals.core.model.SourceRef;

/**
 * Data of one source that was not used because another was preferred (or, for the cumulative floor,
 * a merged figure that was replaced by a single source's total).
 *
 * @param overridden whose data was set aside
 * @param by whose data was used instead
 * @param amount how much of {@code overridden}'s figure was set aside, in the metric's unit
 * @param why one sentence for people
 */
public record SourceOverride(SourceRef overridden, SourceRef by, double amount, String why) {}
