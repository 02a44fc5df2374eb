package org.openvitals.bridge.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;

class WireSamplesTest {
  private static Sample sample(String source, double value, String start) {
    OffsetDateTime at = OffsetDateTime.parse(start);
    return new Sample(
        MetricType.STEPS,
        at,
        at.plusMinutes(5),
        value,
        new SourceRef("apple_health", source),
        null,
        null,
        Map.of());
  }

  /** What earlier runs sent: a re-run must send the same UUIDs, or the desktop stores twice. */
  private static String nameBased(String type, Sample s) {
    String key = type + '|' + s.start() + '|' + s.end() + '|' + s.value() + '|' + s.source().name();
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8))
        .toString()
        .toUpperCase(Locale.ROOT);
  }

  @Test
  void uuidsAreTheNameBasedUuidsEarlierRunsSent() {
    WireSamples wire = new WireSamples();
    String type = "HKQuantityTypeIdentifierStepCount";
    for (Sample s :
        new Sample[] {
          sample("Anna’s iPhone", 42, "2024-03-01T08:00:00+01:00"),
          sample("Watch", 0.5, "2024-03-01T08:00:30-07:00"),
          sample("Jörg's Watch ✓", 1e7, "2019-12-31T23:59:59Z"),
        }) {
      String uuid = wire.uuid(type, s);
      assertEquals(nameBased(type, s), uuid);
      assertEquals(3, UUID.fromString(uuid).version());
      assertEquals(2, UUID.fromString(uuid).variant());
    }
    // Pinned as computed by the code before one digest was kept (UUID.nameUUIDFromBytes).
    assertEquals(
        "223B1925-4F10-3ADD-BDD8-F2FE12AE134D",
        wire.uuid(type, sample("Watch", 1, "2024-01-01T00:00:00Z")));
  }

  @Test
  void timesAreWrittenAsTheIsoFormatterWritesThem() {
    for (String t :
        new String[] {
          "2024-03-01T08:00:00+01:00",
          "2024-03-01T08:00:30-07:00",
          "2019-12-31T23:59:59Z",
          "2020-02-29T00:00:00Z",
          "2024-03-01T08:15:00.5+05:30",
          "2024-03-01T08:15:07.123456789-09:30",
          "0999-01-01T00:00:01+14:00",
          "2024-03-01T08:00:00+01:00:30",
        }) {
      OffsetDateTime at = OffsetDateTime.parse(t);
      assertEquals(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(at), WireSamples.time(at), t);
    }
  }
}
