package org.openvitals.core.rules;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.openvitals.core.model.DeviceClass;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.time.DayBoundaries;

/**
 * What resolution needs besides the samples.
 *
 * @param deviceClasses classes of sources the preferences do not know yet (the store's)
 * @param lastSeen when each source's newest data ends, for staleness; empty to skip that check
 * @param asOf now, for staleness
 * @param sliceSeconds slice width for cumulative metrics (divides 15 minutes, so slices never
 *     straddle a local midnight)
 */
public record RuleContext(
    SourcePreferences preferences,
    Map<SourceRef, DeviceClass> deviceClasses,
    DayBoundaries days,
    Map<SourceRef, Instant> lastSeen,
    Instant asOf,
    int sliceSeconds) {

  public static final int DEFAULT_SLICE_SECONDS = 60;

  public RuleContext {
    Objects.requireNonNull(preferences, "preferences");
    Objects.requireNonNull(days, "days");
    deviceClasses = Map.copyOf(deviceClasses);
    lastSeen = Map.copyOf(lastSeen);
    if (sliceSeconds <= 0 || 900 % sliceSeconds != 0) {
      throw new IllegalArgumentException(
          "Slice width must divide 15 minutes, got " + sliceSeconds + " s");
    }
  }

  /** Preferences and day boundaries only: no staleness check, one-minute slices. */
  public static RuleContext of(SourcePreferences preferences, DayBoundaries days) {
    return new RuleContext(
        preferences, Map.of(), days, Map.of(), Instant.EPOCH, DEFAULT_SLICE_SECONDS);
  }

  public RuleContext withSliceSeconds(int seconds) {
    return new RuleContext(preferences, deviceClasses, days, lastSeen, asOf, seconds);
  }

  public DeviceClass classOf(SourceRef s) {
    DeviceClass c = preferences.deviceClasses().get(s);
    if (c == null) {
      c = deviceClasses.get(s);
    }
    return c != null ? c : DeviceClass.guess(s.provider(), s.name());
  }

  Function<SourceRef, DeviceClass> classLookup() {
    return this::classOf;
  }
}
