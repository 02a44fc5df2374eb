package org.openvitals.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.Main;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.store.sql.SqlSampleStore;
import org.openvitals.core.testing.Fixtures;

/**
 * {@code export --format backup} then {@code import BACKUP.zip} into an empty folder gives a store
 * that answers {@code summary} and {@code explain} exactly as the original.
 */
class BackupCommandTest {
  @TempDir Path temp;

  private record Run(int exit, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Run ok(String... args) {
    Run r = run(args);
    assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isZero();
    return r;
  }

  /** Every row of every table, as text, per table. */
  private static Map<String, List<String>> tables(Path dataDir) {
    Map<String, List<String>> tables = new TreeMap<>();
    try (var store = (SqlSampleStore) Stores.open(StoreConfig.sqlite(dataDir))) {
      store.readTables(
          new SqlSampleStore.TableSink() {
            String current;

            @Override
            public void table(String name, List<String> columns) {
              current = name;
              tables.put(name, new ArrayList<>());
            }

            @Override
            public void row(Object[] values) {
              tables.get(current).add(java.util.Arrays.deepToString(values));
            }
          });
    }
    tables.values().forEach(rows -> rows.sort(null));
    return tables;
  }

  private void assertSameAnswers(Path original, Path restored, String day) {
    String from = java.time.LocalDate.parse(day).minusDays(30).toString();
    for (String metric :
        List.of("steps", "heart_rate", "sleep_asleep", "body_mass", "blood_glucose")) {
      String[] summary = {"summary", "--metric", metric, "--from", from, "--to", day, "--json"};
      assertThat(ok(concat("--data-dir", restored.toString(), summary)).out())
          .as(metric)
          .isEqualTo(ok(concat("--data-dir", original.toString(), summary)).out());
      String[] explain = {"explain", "--metric", metric, "--date", day, "--json"};
      Run a = run(concat("--data-dir", original.toString(), explain));
      Run b = run(concat("--data-dir", restored.toString(), explain));
      assertThat(b.exit()).isEqualTo(a.exit());
      assertThat(b.out()).as(metric).isEqualTo(a.out());
    }
  }

  private static String[] concat(String a, String b, String[] rest) {
    String[] all = new String[rest.length + 2];
    all[0] = a;
    all[1] = b;
    System.arraycopy(rest, 0, all, 2, rest.length);
    return all;
  }

  @Test
  void demoDataRoundTripsThroughABackup() {
    Path original = temp.resolve("original");
    ok("--data-dir", original.toString(), "demo", "--days", "60", "--end", "2026-06-30");
    // Caches resolved days, which the backup carries too.
    ok("--data-dir", original.toString(), "summary", "--metric", "steps", "--to", "2026-06-30");
    Path archive = temp.resolve("backup.zip");

    Run exported =
        ok(
            "--data-dir",
            original.toString(),
            "export",
            "--format",
            "backup",
            "--out",
            archive.toString());
    assertThat(exported.out()).contains("Backed up");

    Path restored = temp.resolve("restored");
    Run imported = ok("--data-dir", restored.toString(), "import", archive.toString());
    assertThat(imported.out()).contains("Restored backup.zip");

    assertThat(tables(restored)).isEqualTo(tables(original));
    assertSameAnswers(original, restored, "2026-06-30");

    // Not into a folder that holds data: nothing there is touched.
    Run again = run("--data-dir", restored.toString(), "import", archive.toString());
    assertThat(again.exit()).isEqualTo(1);
    assertThat(again.err()).contains("empty data folder");
  }

  @Test
  void realFixturesWithOtherTypesAndTombstonesRoundTrip() throws Exception {
    Path original = temp.resolve("original");
    ok(
        "--data-dir",
        original.toString(),
        "import",
        Fixtures.path("cronometer/dhjelmar_Diabetes/biometrics.csv").toString());
    ok(
        "--data-dir",
        original.toString(),
        "import",
        Fixtures.path("apple_health/alxdrcirilo_apple-health-parser/export.zip").toString());
    try (var store = Stores.open(StoreConfig.sqlite(original))) {
      var hr =
          store.samples(MetricType.HEART_RATE, java.time.Instant.EPOCH, java.time.Instant.now());
      var first = hr.stream().filter(s -> s.externalId() != null).findFirst();
      first.ifPresent(
          s -> store.tombstone(s.source(), s.type(), List.of(s.externalId()), Map.of()));
      store.putState("sync.withings.cursor", "2026-01-01T00:00:00Z");
      // A paired phone's upload (its UUIDs, a deletion, the batch and its anchor) is data too.
      var phoneSample = hr.get(hr.size() - 1);
      org.openvitals.core.store.phone.PhoneSyncStore.of(store)
          .applyPhoneBatch(
              new org.openvitals.core.store.phone.PhoneBatch(
                  "iphone-1",
                  java.util.UUID.randomUUID(),
                  "HKQuantityTypeIdentifierHeartRate",
                  "anchor-1",
                  List.of(
                      new org.openvitals.core.store.phone.PhoneSample(
                          java.util.UUID.nameUUIDFromBytes(new byte[] {1}), phoneSample)),
                  List.of(java.util.UUID.nameUUIDFromBytes(new byte[] {2})),
                  Map.of(),
                  java.time.Instant.parse("2026-12-01T00:00:00Z")));
    }
    ok(
        "--data-dir",
        original.toString(),
        "summary",
        "--metric",
        "blood_glucose",
        "--from",
        "2022-11-01",
        "--to",
        "2022-11-05");
    Path archive = temp.resolve("fixtures.zip");
    ok(
        "--data-dir",
        original.toString(),
        "export",
        "--format",
        "backup",
        "--out",
        archive.toString());
    Path restored = temp.resolve("restored");
    ok("--data-dir", restored.toString(), "import", archive.toString());

    Map<String, List<String>> before = tables(original);
    // The copy is generic; this keeps the round trip honest when a migration adds a table.
    assertThat(before)
        .allSatisfy((table, rows) ->
            assertThat(rows)
                .as("table %s has no rows in this round trip: give it some", table)
                .isNotEmpty());
    assertThat(tables(restored)).isEqualTo(before);
    assertThat(before.get("other_samples")).isNotEmpty();
    assertThat(before.get("state")).anyMatch(r -> r.contains("sync.withings.cursor"));
    assertSameAnswers(original, restored, "2022-11-05");
    assertThat(Files.readAllBytes(archive)).isNotEmpty();
  }
}
