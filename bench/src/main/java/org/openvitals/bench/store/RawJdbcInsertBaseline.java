package org.openvitals.bench.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openvitals.core.model.NaturalKey;
import org.openvitals.core.model.Sample;
import org.sqlite.SQLiteConfig;

/**
 * The floor under {@link BulkInsertBenchmark}: the same samples written to SQLite by a bare JDBC
 * batch insert with the same pragmas and batch size, and none of the store's work (no lookup of
 * stored keys, no rollups, no sources table). Three layouts:
 *
 * <ul>
 *   <li>{@code append_only}: the store's layout (sequential row ids plus the (type, start) index)
 *       with no natural key at all, the floor for what the store does;
 *   <li>{@code hash_key}: the 64-bit natural-key hash as the rowid plus the (type, start) index,
 *       which the store used first: random keys make every batch write pages all over the table;
 *   <li>{@code unique_5col}: the layout measured first (docs/architecture.md, "Verified set-ups"),
 *       an automatic rowid plus a unique index on (source, type, start, end, value) and the (type,
 *       start) index, written with {@code INSERT OR IGNORE}.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 5)
public class RawJdbcInsertBaseline {

  @Param({"append_only", "hash_key", "unique_5col"})
  public String layout;

  private Path dir;
  private Connection c;
  private PreparedStatement insert;
  private SyntheticSamples data;
  private List<Sample> batch;

  @Setup(Level.Iteration)
  public void createTable() throws SQLException {
    dir = BenchStores.tempDir();
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setCacheSize(-64 * 1024);
    c = config.createConnection("jdbc:sqlite:" + dir.resolve("raw.db"));
    String columns =
        "type_id INTEGER NOT NULL, source_id INTEGER NOT NULL, start_ms INTEGER NOT NULL,"
            + " start_offset INTEGER NOT NULL, end_ms INTEGER NOT NULL,"
            + " end_offset INTEGER NOT NULL, val REAL NOT NULL, device TEXT, external_id TEXT,"
            + " metadata TEXT, deleted INTEGER NOT NULL DEFAULT 0";
    String insertColumns =
        " INTO samples (id, type_id, source_id, start_ms, start_offset, end_ms, end_offset, val,"
            + " device, external_id, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (Statement st = c.createStatement()) {
      switch (layout) {
        case "hash_key" -> {
          st.execute("CREATE TABLE samples (id INTEGER PRIMARY KEY, " + columns + ")");
          st.execute("CREATE INDEX samples_type_start ON samples (type_id, start_ms)");
        }
        case "unique_5col" -> {
          st.execute(
              "CREATE TABLE samples (id INTEGER PRIMARY KEY, "
                  + columns
                  + ", UNIQUE (source_id, type_id, start_ms, end_ms, val))");
          st.execute("CREATE INDEX samples_type_start ON samples (type_id, start_ms)");
        }
        case "append_only" -> {
          st.execute("CREATE TABLE samples (id INTEGER PRIMARY KEY, " + columns + ")");
          st.execute("CREATE INDEX samples_type_start ON samples (type_id, start_ms)");
        }
        default -> throw new IllegalArgumentException(layout);
      }
      insert =
          c.prepareStatement(
              (layout.equals("unique_5col") ? "INSERT OR IGNORE" : "INSERT") + insertColumns);
    }
    data = new SyntheticSamples(42, ZonedDateTime.parse("2020-01-01T00:00+01:00[Europe/Berlin]"));
  }

  @Setup(Level.Invocation)
  public void nextBatch() {
    batch = data.next(BulkInsertBenchmark.BATCH);
  }

  @TearDown(Level.Iteration)
  public void drop() throws SQLException {
    insert.close();
    c.close();
    BenchStores.delete(dir);
  }

  @Benchmark
  @OperationsPerInvocation(BulkInsertBenchmark.BATCH)
  public int[] insert() throws SQLException {
    boolean hashKey = layout.equals("hash_key");
    try (Statement st = c.createStatement()) {
      st.execute("BEGIN IMMEDIATE");
    }
    for (Sample s : batch) {
      if (hashKey) {
        insert.setLong(1, NaturalKey.of(s));
      } else {
        insert.setNull(1, java.sql.Types.INTEGER);
      }
      insert.setInt(2, s.type().ordinal());
      insert.setInt(3, s.source().hashCode() & 0xff);
      insert.setLong(4, s.start().toInstant().toEpochMilli());
      insert.setInt(5, s.start().getOffset().getTotalSeconds());
      insert.setLong(6, s.end().toInstant().toEpochMilli());
      insert.setInt(7, s.end().getOffset().getTotalSeconds());
      insert.setDouble(8, s.value());
      insert.setString(9, s.device());
      insert.setString(10, s.externalId());
      insert.setString(11, null);
      insert.addBatch();
    }
    int[] counts = insert.executeBatch();
    try (Statement st = c.createStatement()) {
      st.execute("COMMIT");
    }
    return counts;
  }
}
