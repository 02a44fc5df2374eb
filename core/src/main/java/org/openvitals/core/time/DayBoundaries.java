package org.openvitals.core.time;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * Decides which calendar day a sample belongs to. The user chooses: a fixed time zone (default: the
 * system's), where midnight follows that zone's DST rules; or the sample's own local time, so that
 * a week in Tokyo shows Tokyo days.
 */
public sealed interface DayBoundaries {

  /** The local day on which a moment written as {@code at} falls. */
  LocalDate dayOf(OffsetDateTime at);

  /** The first instant of {@code day}; with {@link SampleLocal}, in the given fallback zone. */
  Instant startOf(LocalDate day);

  /** The stable text form kept in settings: a zone id, or {@code sample-local}. */
  String id();

  static DayBoundaries systemDefault() {
    return new FixedZone(ZoneId.systemDefault());
  }

  static DayBoundaries parse(String id) {
    if (SampleLocal.ID.equals(id)) {
      return new SampleLocal(ZoneId.systemDefault());
    }
    return new FixedZone(ZoneId.of(id));
  }

  /** Days are the days of one zone; DST transitions make 23- and 25-hour days. */
  record FixedZone(ZoneId zone) implements DayBoundaries {
    @Override
    public LocalDate dayOf(OffsetDateTime at) {
      return LocalDate.ofInstant(at.toInstant(), zone);
    }

    @Override
    public Instant startOf(LocalDate day) {
      return day.atStartOfDay(zone).toInstant();
    }

    @Override
    public String id() {
      return zone.getId();
    }
  }

  /**
   * Days follow the UTC offset each sample was written with, which is where the person was. Range
   * queries widen by the largest offsets (±18 h) because days of different samples start at
   * different instants; {@code rangeZone} is used where one instant is needed.
   */
  record SampleLocal(ZoneId rangeZone) implements DayBoundaries {
    public static final String ID = "sample-local";

    @Override
    public LocalDate dayOf(OffsetDateTime at) {
      return at.toLocalDate();
    }

    @Override
    public Instant startOf(LocalDate day) {
      return day.atStartOfDay(rangeZone).toInstant();
    }

    @Override
    public String id() {
      return ID;
    }
  }
}
