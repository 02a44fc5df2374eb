package org.openvitals.connectors.fitbit;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.openvitals.connectors.oauth.TokenDialect;
import org.openvitals.connectors.sync.CloudConnector;
import org.openvitals.connectors.sync.ProviderInfo;
import org.openvitals.connectors.sync.ScopeChoice;
import org.openvitals.connectors.sync.SyncStream;

/**
 * Fitbit through the Google Health API v4 (the Fitbit Web API answers 410 Gone since November
 * 2026). Google OAuth 2.0 for installed apps: loopback redirect on 127.0.0.1, PKCE S256, and {@code
 * access_type=offline} with {@code prompt=consent} in the authorization URL so that Google sends a
 * refresh token on every sign-in. Read-only scopes; the default asks for the three the synced data
 * needs, and {@code fitbit.scopes} (written by the tick boxes of the connect form and the command
 * line's {@code connect --scopes}, see {@link #SCOPES}) narrows or widens it to what the person
 * ticks (a data type whose scope was not granted answers 403 and is left out of the run, named in
 * its notes).
 *
 * <p>Samples are stored under the Takeout importer's source ({@link FitbitTakeoutImporter#SOURCE})
 * with the keys it uses, so a day read from both is stored once (see {@link HealthDataPoints}).
 */
public final class GoogleHealthConnector implements CloudConnector {
  public static final String ID = "fitbit";
  static final String SCOPE_PREFIX = "https://www.googleapis.com/auth/googlehealth.";
  static final String ACTIVITY = SCOPE_PREFIX + "activity_and_fitness.readonly";
  static final String HEALTH_METRICS = SCOPE_PREFIX + "health_metrics_and_measurements.readonly";
  static final String SLEEP = SCOPE_PREFIX + "sleep.readonly";

  /** The Google Health API's read-only scopes; the first three are what the synced data needs. */
  static final List<ScopeChoice> SCOPES =
      List.of(
          new ScopeChoice(
              "activity_and_fitness",
              ACTIVITY,
              "Activity and fitness: steps, distance, floors, energy, exercise",
              true),
          new ScopeChoice(
              "health_metrics_and_measurements",
              HEALTH_METRICS,
              "Health metrics and measurements: heart rate, HRV, SpO2, breathing, weight, body fat,"
                  + " skin temperature",
              true),
          new ScopeChoice("sleep", SLEEP, "Sleep: sessions and stages", true),
          new ScopeChoice(
              "nutrition",
              SCOPE_PREFIX + "nutrition.readonly",
              "Nutrition: food and water logs (not synced yet)",
              false),
          new ScopeChoice(
              "profile",
              SCOPE_PREFIX + "profile.readonly",
              "Profile: age, sex, height (not synced yet)",
              false));

  static final ProviderInfo INFO =
      new ProviderInfo(
          ID,
          "Fitbit (Google Health API)",
          URI.create(
              "https://accounts.google.com/o/oauth2/v2/auth?access_type=offline&prompt=consent"),
          URI.create("https://oauth2.googleapis.com/token"),
          URI.create("https://health.googleapis.com"),
          List.of(ACTIVITY, HEALTH_METRICS, SLEEP),
          " ",
          true,
          TokenDialect.STANDARD,
          // Google's quotas are set per project in the Cloud console; this keeps one person's
          // sync well under them and is configurable (fitbit.request_limit).
          60,
          Duration.ofMinutes(1),
          Duration.ofHours(1),
          90);

  @Override
  public ProviderInfo info() {
    return INFO;
  }

  @Override
  public List<ScopeChoice> scopeChoices() {
    return SCOPES;
  }

  @Override
  public List<SyncStream> streams() {
    return HealthDataPoints.streams();
  }
}
