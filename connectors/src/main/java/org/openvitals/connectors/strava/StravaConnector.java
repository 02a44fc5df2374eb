package org.openvitals.connectors.strava;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.openvitals.connectors.http.RateLimitHeaders;
import org.openvitals.connectors.oauth.TokenDialect;
import org.openvitals.connectors.sync.CloudConnector;
import org.openvitals.connectors.sync.ProviderInfo;
import org.openvitals.connectors.sync.SyncStream;

/**
 * Strava API v3: the athlete's activities as workouts, with their heart rate and a summary of their
 * route from the activity streams. The person brings their own API application; its limits (by
 * default 100 reads per 15 minutes and 1,000 a day) are shared by everyone using that client id, so
 * the answers' usage headers are followed as well as the budget.
 */
public final class StravaConnector implements CloudConnector {
  public static final String ID = "strava";

  static final ProviderInfo INFO =
      new ProviderInfo(
          ID,
          "Strava",
          URI.create("https://www.strava.com/oauth/authorize"),
          URI.create("https://www.strava.com/oauth/token"),
          URI.create("https://www.strava.com/api/v3"),
          List.of("activity:read_all"),
          ",",
          false,
          TokenDialect.STANDARD,
          100,
          Duration.ofMinutes(15),
          Duration.ofHours(1),
          365);

  @Override
  public ProviderInfo info() {
    return INFO;
  }

  @Override
  public List<SyncStream> streams() {
    return List.of(new StravaActivitiesStream());
  }

  @Override
  public RateLimitHeaders rateLimitHeaders() {
    return new StravaRateLimits();
  }
}
