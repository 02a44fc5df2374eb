package org.openvitals.app.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.openvitals.connectors.cloudtest.FakeProvider;

/** A fake Oura API with empty collections, and a data folder whose settings point at it. */
public final class FakeOura {
  private static final List<String> COLLECTIONS =
      List.of(
          "daily_activity",
          "daily_readiness",
          "daily_spo2",
          "daily_sleep",
          "sleep",
          "workout",
          "heartrate");

  private FakeOura() {}

  /**
   * Starts the fake and writes {@code cloud.properties} into {@code dataDir} (file key storage, the
   * fake's URLs, then {@code extraProperties}); the caller stops the fake.
   */
  public static FakeProvider start(Path dataDir, String... extraProperties) throws IOException {
    FakeProvider fake = new FakeProvider(Clock.systemUTC(), false);
    for (String c : COLLECTIONS) {
      fake.route(
          "/v2/usercollection/" + c,
          q -> FakeProvider.Reply.json("{\"data\":[],\"next_token\":null}"));
    }
    fake.route(
        "/v2/usercollection/personal_info",
        q -> FakeProvider.Reply.json("{\"id\":\"u1\",\"weight\":70.0,\"height\":1.7}"));
    List<String> lines = new ArrayList<>(List.of("vault.key_storage=file"));
    lines.addAll(List.of(extraProperties));
    lines.add("oura.authorization_url=" + fake.url("/oauth/authorize"));
    lines.add("oura.token_url=" + fake.url("/oauth/token"));
    lines.add("oura.api_url=" + fake.url(""));
    Files.writeString(dataDir.resolve("cloud.properties"), String.join("\n", lines));
    return fake;
  }
}
