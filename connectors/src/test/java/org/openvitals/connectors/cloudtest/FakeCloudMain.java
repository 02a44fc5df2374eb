package org.openvitals.connectors.cloudtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import org.openvitals.connectors.oauth.TokenSet;
import org.openvitals.connectors.vault.FileKeySource;
import org.openvitals.connectors.vault.TokenVault;
import org.openvitals.connectors.vault.VaultEntry;

/**
 * A fake Oura cloud for tools ({@code scripts/crash-loop --path sync}, {@code
 * scripts/privacy-check}): starts {@link FakeProvider} on 127.0.0.1 with a data set generated from
 * a seed, and writes a data-folder template that {@code openvitals sync} uses as is: {@code
 * cloud.properties} pointing Oura's URLs at the fake (the documented settings, see the README's
 * "Connecting cloud sources") and a vault holding a token pair the fake issued, as a finished
 * {@code connect} would. Copy the template into a fresh data folder per run. Runs until its
 * standard input closes or it is killed.
 *
 * <pre>
 *   FakeCloudMain TEMPLATE_DIR [DAYS] [SEED]
 * </pre>
 *
 * <p>The data set: DAYS days ending yesterday (UTC) of heart rate every 5 minutes, daily activity,
 * readiness and SpO2, and a workout every third day. {@code personal_info} carries no weight or
 * height, because Oura's readings of those are dated at the sync and two runs would differ.
 */
public final class FakeCloudMain {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BASE = "/v2/usercollection/";

  private FakeCloudMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: FakeCloudMain TEMPLATE_DIR [DAYS] [SEED]");
      System.exit(2);
    }
    Path template = Path.of(args[0]);
    int days = args.length > 1 ? Integer.parseInt(args[1]) : 60;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 7;
    Clock clock = Clock.systemUTC();
    FakeProvider fake = new FakeProvider(clock, false);
    fake.tokenLifetime = Duration.ofDays(2); // no refresh during a loop: every copy shares it
    LocalDate last = LocalDate.now(clock).minusDays(1);
    install(fake, last.minusDays(days - 1L), last, seed);
    writeTemplate(template, fake, clock, days);
    System.out.println("fake oura ready on " + fake.url("") + ", template " + template);
    System.out.flush();
    // Until the script closes our input (or kills us).
    while (System.in.read() >= 0) {
      // keep serving
    }
    fake.close();
  }

  /** Routes every collection the Oura connector reads to the generated documents. */
  static void install(FakeProvider fake, LocalDate first, LocalDate last, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<JsonNode> heartRate = new ArrayList<>();
    List<JsonNode> activity = new ArrayList<>();
    List<JsonNode> readiness = new ArrayList<>();
    List<JsonNode> spo2 = new ArrayList<>();
    List<JsonNode> workouts = new ArrayList<>();
    ZoneOffset offset = ZoneOffset.ofHours(-7);
    int n = 0;
    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1), n++) {
      OffsetDateTime midnight = day.atStartOfDay().atOffset(offset);
      for (int minute = 0; minute < 24 * 60; minute += 5) {
        ObjectNode row = JSON.createObjectNode();
        row.put("timestamp", midnight.plusMinutes(minute).toString());
        row.put("bpm", 48 + random.nextInt(80));
        row.put("source", minute < 7 * 60 ? "rest" : "awake");
        heartRate.add(row);
      }
      ObjectNode a = daily(day, "a", n);
      a.put("steps", 2000 + random.nextInt(15000));
      a.put("active_calories", 100 + random.nextInt(900));
      a.put("high_activity_time", random.nextInt(3600));
      a.put("medium_activity_time", random.nextInt(3600));
      a.put("score", 50 + random.nextInt(50));
      activity.add(a);
      ObjectNode r = daily(day, "r", n);
      r.put("temperature_deviation", Math.round((random.nextDouble() - 0.5) * 100) / 100.0);
      r.put("score", 50 + random.nextInt(50));
      r.putObject("contributors").put("hrv_balance", 40 + random.nextInt(60));
      readiness.add(r);
      ObjectNode s = daily(day, "s", n);
      s.putObject("spo2_percentage").put("average", 94 + random.nextInt(50) / 10.0);
      s.put("breathing_disturbance_index", random.nextInt(20));
      spo2.add(s);
      if (n % 3 == 0) {
        ObjectNode w = JSON.createObjectNode();
        w.put("id", String.format("w-%05d", n));
        w.put("day", day.toString());
        OffsetDateTime start = midnight.plusHours(17);
        w.put("start_datetime", start.toString());
        w.put("end_datetime", start.plusMinutes(20 + random.nextInt(70)).toString());
        w.put("activity", "running");
        w.put("calories", 200 + random.nextInt(500));
        w.put("intensity", "moderate");
        w.put("source", "manual");
        workouts.add(w);
      }
    }
    fake.route(BASE + "heartrate", new PagedCollection(heartRate, 1000));
    fake.route(BASE + "daily_activity", new PagedCollection(activity, 25));
    fake.route(BASE + "daily_readiness", new PagedCollection(readiness, 25));
    fake.route(BASE + "daily_spo2", new PagedCollection(spo2, 25));
    fake.route(BASE + "workout", new PagedCollection(workouts, 25));
    fake.route(BASE + "sleep", new PagedCollection(List.of(), 25));
    fake.route(BASE + "daily_sleep", new PagedCollection(List.of(), 25));
    fake.route(
        BASE + "personal_info",
        q ->
            FakeProvider.Reply.json(
                "{\"id\":\"u1\",\"age\":41,\"weight\":null,\"height\":null,\"email\":null}"));
  }

  private static ObjectNode daily(LocalDate day, String kind, int n) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("id", String.format("%s-%05d", kind, n));
    doc.put("day", day.toString());
    doc.put("timestamp", day.atStartOfDay().atOffset(ZoneOffset.ofHours(-7)).toString());
    return doc;
  }

  /** The settings and vault a data folder needs to sync Oura from the fake. */
  static void writeTemplate(Path dir, FakeProvider fake, Clock clock, int days) throws IOException {
    Files.createDirectories(dir);
    Properties settings = new Properties();
    settings.put("vault.key_storage", "file");
    settings.put("oura.client_id", FakeProvider.CLIENT_ID);
    settings.put("oura.client_secret", FakeProvider.CLIENT_SECRET);
    settings.put("oura.authorization_url", fake.url("/oauth/authorize").toString());
    settings.put("oura.token_url", fake.url("/oauth/token").toString());
    settings.put("oura.api_url", fake.url("").toString());
    // A few days more than the data set: the windows before it would only be empty requests.
    settings.put("oura.history_days", Integer.toString(days + 2));
    try (Writer out =
        Files.newBufferedWriter(dir.resolve("cloud.properties"), StandardCharsets.UTF_8)) {
      settings.store(out, "written by FakeCloudMain: Oura served by the fake on loopback");
    }
    TokenVault vault =
        new TokenVault(
            dir.resolve("vault"), new FileKeySource(dir.resolve("vault").resolve("vault.key")));
    String[] pair = fake.issueTokens();
    vault.write(
        new VaultEntry(
            "oura",
            FakeProvider.CLIENT_ID,
            FakeProvider.CLIENT_SECRET,
            new TokenSet(pair[0], pair[1], clock.instant().plus(fake.tokenLifetime), null, null),
            clock.instant(),
            null));
  }
}
