package org.openvitals.connectors.oura;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.openvitals.connectors.oauth.TokenDialect;
import org.openvitals.connectors.sync.CloudConnector;
import org.openvitals.connectors.sync.ProviderInfo;
import org.openvitals.connectors.sync.SyncStream;

/**
 * Oura API v2 ({@code /v2/usercollection/...}): daily activity, sleep periods with stages and heart
 * rate (plus the daily sleep score), daily readiness, daily SpO2, workouts, the heart rate time
 * series and personal info. Oura allows 5,000 requests per 5 minutes.
 */
public final class OuraConnector implements CloudConnector {
  public static final String ID = "oura";

  static final ProviderInfo INFO =
      new ProviderInfo(
          ID,
          "Oura",
          URI.create("https://cloud.ouraring.com/oauth/authorize"),
          URI.create("https://api.ouraring.com/oauth/token"),
          URI.create("https://api.ouraring.com"),
          List.of("personal", "daily", "heartrate", "workout", "spo2"),
          " ",
          true,
          TokenDialect.STANDARD,
          5000,
          Duration.ofMinutes(5),
          Duration.ofHours(1),
          365);

  @Override
  public ProviderInfo info() {
    return INFO;
  }

  @Override
  public List<SyncStream> streams() {
    return List.of(
        OuraStreams.dailyActivity(),
        OuraStreams.sleep(),
        OuraStreams.dailyReadiness(),
        OuraStreams.dailySpo2(),
        OuraStreams.workout(),
        OuraStreams.heartRate(),
        new OuraPersonalInfoStream());
  }
}
