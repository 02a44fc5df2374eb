package org.openvitals.bridge.batches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The quick reading of wire times gives what OffsetDateTime.parse gives, errors included. */
class WireTimesTest {

  @Test
  void readsWhatParseReads() {
    for (String t :
        List.of(
            "2024-03-01T09:00:00+01:00",
            "2024-03-01T09:00:00Z",
            "2024-03-01T09:00:00.5Z",
            "2024-03-01T09:00:00.123456789-09:30",
            "2024-02-29T23:59:59-00:00",
            "1999-12-31T00:00:00+14:00",
            "2024-03-01T09:00Z",
            "2024-03-01T09:00:00.Z")) {
      assertThat(WireTimes.parse(t)).as(t).isEqualTo(OffsetDateTime.parse(t));
    }
  }

  @Test
  void refusesWhatParseRefusesWithItsMessage() {
    for (String t :
        List.of(
            "2023-02-29T09:00:00Z",
            "2024-13-01T09:00:00Z",
            "2024-03-01T24:00:00Z",
            "2024-03-01T09:00:60Z",
            "2024-03-01T09:00:00+19:00",
            "2024-03-01T09:00:00",
            "2024-03-01T09:00:00+0100",
            "2024-03-01 09:00:00Z",
            "2024-03-0\u0661T09:00:00Z")) {
      String message = null;
      try {
        OffsetDateTime.parse(t);
      } catch (DateTimeParseException e) {
        message = e.getMessage();
      }
      assertThat(message).as("parse refuses %s", t).isNotNull();
      assertThatThrownBy(() -> WireTimes.parse(t)).as(t).hasMessage(message);
    }
  }
}
