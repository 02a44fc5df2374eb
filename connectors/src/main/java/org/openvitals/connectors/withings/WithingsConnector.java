package org.openvitals.connectors.withings;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.openvitals.connectors.http.ResponseCheck;
import org.openvitals.connectors.oauth.TokenDialect;
import org.openvitals.connectors.oauth.WithingsStatus;
import org.openvitals.connectors.sync.CloudConnector;
import org.openvitals.connectors.sync.ProviderInfo;
import org.openvitals.connectors.sync.SyncStream;

/**
 * Withings Public API: measures ({@code getmeas}), daily activity ({@code getactivity}), intraday
 * heart rate ({@code getintradayactivity}), sleep ({@code sleep v2 getsummary} with the stage
 * series from {@code get}) and workouts ({@code getworkouts}). Withings answers HTTP 200 with a
 * non-zero body {@code status} for errors; {@link #responseCheck()} maps those codes. About 120
 * requests per minute are allowed per app.
 */
public final class WithingsConnector implements CloudConnector {
  public static final String ID = "withings";

  static final ProviderInfo INFO =
      new ProviderInfo(
          ID,
          "Withings",
          URI.create("https://account.withings.com/oauth2_user/authorize2"),
          URI.create("https://wbsapi.withings.net/v2/oauth2"),
          URI.create("https://wbsapi.withings.net"),
          List.of("user.info", "user.metrics", "user.activity"),
          ",",
          false,
          TokenDialect.WITHINGS,
          120,
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
        WithingsStreams.measures(),
        WithingsStreams.activity(),
        new WithingsIntradayStream(),
        WithingsStreams.sleep(),
        WithingsStreams.workouts());
  }

  @Override
  public ResponseCheck responseCheck() {
    return WithingsConnector::check;
  }

  static ResponseCheck.Verdict check(JsonNode body) {
    if (!body.has("status")) {
      return ResponseCheck.Verdict.OK;
    }
    int status = body.get("status").asInt();
    String error = body.hasNonNull("error") ? ": " + body.get("error").asText() : "";
    if (status == WithingsStatus.OK) {
      return ResponseCheck.Verdict.OK;
    }
    if (WithingsStatus.isAuthFailure(status)) {
      return new ResponseCheck.Verdict.Unauthorized(WithingsStatus.describe(status) + error);
    }
    if (status == WithingsStatus.TOO_MANY_REQUESTS) {
      // The allowance is per minute: wait for the next one.
      return new ResponseCheck.Verdict.Retry(
          WithingsStatus.describe(status), Duration.ofMinutes(1));
    }
    if (WithingsStatus.isTransient(status)) {
      return new ResponseCheck.Verdict.Retry(WithingsStatus.describe(status) + error, null);
    }
    return new ResponseCheck.Verdict.Fail(
        status, "Withings " + WithingsStatus.describe(status) + error);
  }
}
