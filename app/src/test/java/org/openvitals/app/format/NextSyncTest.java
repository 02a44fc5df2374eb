package org.openvitals.app.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.openvitals.connectors.sync.SourceStatus;
import org.openvitals.connectors.sync.SyncState;

class NextSyncTest {
  private static final Instant NOW = Instant.parse("2026-08-12T10:00:00Z");
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  private static SourceStatus status(SyncState state, Instant next, Instant paused) {
    return new SourceStatus("oura", "Oura", state, NOW, null, null, next, paused);
  }

  @Test
  void aPlannedSyncIsShownInLocalTimeWithItsDateWhenNotWithinTheDay() {
    assertThat(NextSync.describe(status(SyncState.OK, NOW.plusSeconds(1800), null), NOW, ZONE))
        .isEqualTo("12:30");
    assertThat(
            NextSync.describe(status(SyncState.OK, NOW.plusSeconds(86_400 * 2), null), NOW, ZONE))
        .isEqualTo("2026-08-14 12:00");
  }

  @Test
  void anOverdueOrUnplannedSyncSaysSo() {
    assertThat(NextSync.describe(status(SyncState.ERROR, NOW.minusSeconds(60), null), NOW, ZONE))
        .isEqualTo("due now");
    assertThat(NextSync.describe(status(SyncState.OK, null, null), NOW, ZONE))
        .isEqualTo("when background sync runs");
  }

  @Test
  void aRateLimitWindowComesFirstAndUnsyncedSourcesHaveNone() {
    assertThat(
            NextSync.describe(
                status(SyncState.RATE_LIMITED, NOW.plusSeconds(60), NOW.plusSeconds(3600)),
                NOW,
                ZONE))
        .isEqualTo("after the rate-limit window, 13:00");
    assertThat(NextSync.describe(status(SyncState.NOT_CONNECTED, null, null), NOW, ZONE)).isNull();
    assertThat(NextSync.describe(status(SyncState.SYNCING, NOW, null), NOW, ZONE)).isNull();
    assertThat(NextSync.describe(status(SyncState.RECONNECT_NEEDED, NOW, null), NOW, ZONE))
        .isNull();
  }
}
