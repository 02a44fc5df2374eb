package org.openvitals.core.store;

import java.time.Instant;
import org.openvitals.core.model.SourceRef;

/**
 * Records of one type the catalog does not know, from one source, as the store keeps them ({@link
 * SampleStore#otherTypes()}).
 */
public record OtherTypeSummary(
    SourceRef source, String type, String unit, long count, Instant first, Instant last) {}
