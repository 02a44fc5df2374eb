package org.openvitals.bench.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openvitals.connectors.cloudtest.CloudTestKit;
import org.openvitals.connectors.cloudtest.FakeProvider;
import org.openvitals.connectors.cloudtest.PagedCollection;
import org.openvitals.connectors.cloudtest.TestClock;
import org.openvitals.connectors.oura.OuraConnector;
import org.openvitals.connectors.sync.SyncRun;
import org.openvitals.connectors.sync.SyncState;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;

/**
 * What the sync machinery costs on top of the store: 20,000 Oura heart rate rows synced from a fake
 * Oura API on 127.0.0.1 (JSON pages of 1,000 over HTTP, next_token paging, mapping, one transaction
 * per page with its cursor) into a fresh SQLite store, against the baseline of upserting the same
 * 20,000 samples into a fresh store directly, in batches of 1,000. Rate limits are not in play
 * (5,000 requests per 5 minutes; this sync makes about 25).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3)
@Measurement(iterations = 8)
public class CloudSyncBenchmark {
  static final int ROWS = 20_000;
  static final int PAGE = 1_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-08-12T10:00:00Z");

  private final List<JsonNode> rows = new ArrayList<>();
  private final List<Sample> samples = new ArrayList<>();
  private FakeProvider fake;
  private Path dir;
  private SampleStore store;
  private CloudTestKit kit;

  @Setup(Level.Trial)
  public void data() throws IOException {
    OffsetDateTime t = OffsetDateTime.parse("2026-06-01T00:00:00.000-07:00");
    SourceRef oura = new SourceRef("oura", "Oura Ring");
    for (int i = 0; i < ROWS; i++) {
      OffsetDateTime at = t.plusMinutes(5L * i);
      ObjectNode row = JSON.createObjectNode();
      row.put("timestamp", at.toString());
      row.put("bpm", 50 + i % 40);
      row.put("source", "awake");
      rows.add(row);
      samples.add(
          new Sample(
              MetricType.HEART_RATE,
              at,
              at,
              50 + i % 40,
              oura,
              null,
              null,
              Map.of("oura_source", "awake")));
    }
    fake = new FakeProvider(new TestClock(NOW), false);
    String empty = "{\"data\":[],\"next_token\":null}";
    for (String c :
        List.of(
            "daily_activity", "daily_readiness", "daily_spo2", "daily_sleep", "sleep", "workout")) {
      fake.route("/v2/usercollection/" + c, q -> FakeProvider.Reply.json(empty));
    }
    fake.route("/v2/usercollection/heartrate", new PagedCollection(rows, PAGE));
    fake.route("/v2/usercollection/personal_info", q -> FakeProvider.Reply.json("{\"id\":\"u\"}"));
  }

  @Setup(Level.Invocation)
  public void freshStore() throws IOException {
    dir = Files.createTempDirectory("openvitals-bench-cloud-");
    store = Stores.open(StoreConfig.sqlite(dir.resolve("store")));
    kit =
        new CloudTestKit(
            dir,
            fake,
            new TestClock(NOW),
            store,
            new OuraConnector(),
            Map.of("history_days", "90"));
    kit.connectDirectly();
  }

  @TearDown(Level.Invocation)
  public void dropStore() {
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @TearDown(Level.Trial)
  public void stopFake() {
    fake.close();
  }

  @Benchmark
  public int syncFromFakeOura() throws InterruptedException {
    SyncRun run = kit.engine.sync("oura");
    if (run.outcome() != SyncState.OK || run.written() != ROWS) {
      throw new IllegalStateException("sync went wrong: " + run);
    }
    return run.written();
  }

  @Benchmark
  public int baselineUpsertDirectly() {
    int written = 0;
    for (int i = 0; i < ROWS; i += PAGE) {
      written +=
          store
              .upsert(samples.subList(i, i + PAGE), Map.of("bench.cursor", Integer.toString(i)))
              .inserted();
    }
    return written;
  }
}
