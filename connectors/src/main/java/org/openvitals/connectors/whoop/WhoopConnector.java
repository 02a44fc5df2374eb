package org.openvitals.connectors.whoop;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.openvitals.connectors.oauth.TokenDialect;
import org.openvitals.connectors.sync.CloudConnector;
import org.openvitals.connectors.sync.ProviderInfo;
import org.openvitals.connectors.sync.SyncStream;

/**
 * WHOOP API v2 ({@code /developer/v2/...}): cycles (day strain), recovery (resting heart rate, HRV
 * RMSSD, SpO2, skin temperature), sleep (in bed, stages, respiratory rate) and workouts. WHOOP
 * allows 100 requests a minute and 10,000 a day per app and answers with {@code X-RateLimit-*}
 * headers; its refresh tokens rotate, and only the {@code offline} scope gives one.
 */
public final class WhoopConnector implements CloudConnector {
  public static final String ID = "whoop";

  static final ProviderInfo INFO =
      new ProviderInfo(
          ID,
          "WHOOP",
          URI.create("https://api.prod.whoop.com/oauth/oauth2/auth"),
          URI.create("https://api.prod.whoop.com/oauth/oauth2/token"),
          URI.create("https://api.prod.whoop.com/developer"),
          List.of(
              "read:cycles",
              "read:recovery",
              "read:sleep",
              "read:workout",
              "read:profile",
              "read:body_measurement",
              "offline"),
          " ",
          false,
          TokenDialect.STANDARD,
          100,
          Duration.ofMinutes(1),
          Duration.ofHours(1),
          365);

  @Override
  public ProviderInfo info() {
    return INFO;
  }

  @Override
  public List<SyncStream> streams() {
    return List.of(
        WhoopStreams.sleep(),
        WhoopStreams.recovery(),
        WhoopStreams.workout(),
        WhoopStreams.cycle());
  }
}
