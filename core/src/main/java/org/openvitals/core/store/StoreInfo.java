package org.openvitals.core.store;

import java.nio.file.Path;

/** What {@code openvitals doctor} reports about a store. */
public record StoreInfo(
    Engine engine,
    Path location,
    boolean encrypted,
    String schemaVersion,
    String engineVersion,
    long liveSamples,
    long tombstones,
    long sources,
    String dayBoundaries) {}
