package org.openvitals.core.store;

import java.time.Instant;
import org.openvitals.core.model.DeviceClass;
import org.openvitals.core.model.SourceRef;

/** One source as the store knows it; first and last are null when it has no live samples. */
public record SourceSummary(
    SourceRef source, DeviceClass deviceClass, long sampleCount, Instant first, Instant last) {}
