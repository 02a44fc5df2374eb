package org.openvitals.app.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.UnitSystem;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.app.testing.TestProgress;
import org.openvitals.core.model.DeviceClass;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.time.DayBoundaries;

/**
 * Quality without false alarms: a ring that records heart rate only at night covers eight hours
 * every day, and that is its normal; only a night far shorter than its own usual is flagged.
 */
class UsualHoursTest {
  private static final SourceRef RING = new SourceRef("oura", "Test Ring");
  private static final LocalDate LAST = LocalDate.of(2026, 3, 10);

  @TempDir Path dir;

  @Test
  void aSourceIsJudgedAgainstItsOwnUsualHours() {
    try (SampleStore store = Stores.open(StoreConfig.sqlite(dir))) {
      store.setDayBoundaries(new DayBoundaries.FixedZone(ZoneOffset.UTC));
      store.setDeviceClass(RING, DeviceClass.RING);
      List<Sample> samples = new ArrayList<>();
      for (int d = 0; d < 14; d++) {
        LocalDate day = LAST.minusDays(d);
        // 00:00-08:00 every five minutes; one night (four days ago) only 00:00-01:00.
        int minutes = d == 4 ? 60 : 8 * 60;
        for (int m = 0; m < minutes; m += 5) {
          OffsetDateTime at = day.atStartOfDay().atOffset(ZoneOffset.UTC).plusMinutes(m);
          samples.add(Sample.of(MetricType.HEART_RATE, at, at, 55, RING));
        }
      }
      store.upsert(samples);
      RulesService rules =
          new RulesService(
              store, Clock.fixed(Instant.parse("2026-03-10T12:00:00Z"), ZoneOffset.UTC));

      List<Finding> found =
          QualityScan.scan(
              store,
              rules,
              LAST.minusDays(13),
              LAST,
              new DisplayFormat(UnitSystem.METRIC),
              new TestProgress());

      List<Finding> thin = found.stream().filter(f -> f.kind() == Finding.Kind.INCOMPLETE).toList();
      assertThat(thin).extracting(Finding::day).containsExactly(LAST.minusDays(4));
      assertThat(thin.getFirst().problem())
          .isEqualTo("Test Ring covered 1.0 h of the day; it usually covers 8.0 h");
      assertThat(found).noneMatch(f -> f.kind() == Finding.Kind.STALE);
    }
  }
}
