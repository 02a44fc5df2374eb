package org.openvitals.core.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.testing.IsolatedClassLoader;
import org.sqlite.SQLiteDataSource;

/**
 * A new SQLite store is created without Flyway (NewStoreSchema); it must be the store Flyway would
 * have made: the same schema, the same history, and Flyway must take it for its own.
 */
class NewStoreSchemaTest {
  private static final String FOLDER = "db/migration/sqlite";
  private static final String LOCATION = "classpath:" + FOLDER;

  @TempDir Path dir;

  @Test
  void createsTheSchemaAndHistoryFlywayCreates() throws SQLException {
    SQLiteDataSource byFlyway = dataSource("flyway.db");
    Migrations.migrateNow(byFlyway, LOCATION);
    SQLiteDataSource created = dataSource("created.db");
    assertThat(NewStoreSchema.createIfEmpty(created, FOLDER)).isTrue();

    assertThat(rows(created, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"))
        .isEqualTo(
            rows(byFlyway, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"))
        .hasSizeGreaterThan(10);
    String history =
        "SELECT installed_rank, version, description, type, script, checksum, installed_by,"
            + " success FROM flyway_schema_history ORDER BY installed_rank";
    assertThat(rows(created, history)).isEqualTo(rows(byFlyway, history));
    assertThat(rows(created, "PRAGMA user_version"))
        .isEqualTo(rows(byFlyway, "PRAGMA user_version"));
    assertThat(Migrations.appliedVersion(created)).isEqualTo(Migrations.LATEST);
  }

  @Test
  void flywayValidatesTheCreatedStoreAndFindsNothingToDo() {
    SQLiteDataSource created = dataSource("created.db");
    NewStoreSchema.createIfEmpty(created, FOLDER);
    Flyway flyway =
        Flyway.configure()
            .dataSource(created)
            .locations(LOCATION)
            .javaMigrations(Migrations.JAVA_MIGRATIONS.toArray(JavaMigration[]::new))
            .load();
    flyway.validate(); // throws on a checksum, description or type Flyway did not write
    assertThat(flyway.migrate().migrationsExecuted).isZero();
  }

  @Test
  void aDatabaseHoldingAnythingIsLeftToFlyway() throws SQLException {
    SQLiteDataSource used = dataSource("used.db");
    try (Connection c = used.getConnection();
        Statement st = c.createStatement()) {
      st.executeUpdate("CREATE TABLE notes (text TEXT)");
    }
    assertThat(NewStoreSchema.createIfEmpty(used, FOLDER)).isFalse();
    assertThat(rows(used, "SELECT name FROM sqlite_master")).containsExactly(List.of("notes"));
  }

  @Test
  void everyScriptOfTheFolderIsListed() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/main/resources").resolve(FOLDER))) {
      assertThat(files.map(f -> f.getFileName().toString()).sorted())
          .containsExactlyElementsOf(NewStoreSchema.SQL_SCRIPTS);
    }
  }

  @Test
  void flywaysChecksumOfAScript() {
    // Line breaks and a byte-order mark do not count (each script's sum is compared above).
    assertThat(NewStoreSchema.checksum("a\r\nb\nc")).isEqualTo(NewStoreSchema.checksum("abc"));
    assertThat(NewStoreSchema.checksum("\uFEFFabc")).isEqualTo(NewStoreSchema.checksum("abc"));
  }

  @Test
  void creatingAStoreStartsNoFlywayAndUpdatingAnOlderOneDoes() throws Exception {
    Path older = dir.resolve("older");
    Files.createDirectories(older);
    SQLiteDataSource v6 = new SQLiteDataSource();
    v6.setUrl("jdbc:sqlite:" + older.resolve("openvitals.db"));
    Flyway.configure().dataSource(v6).locations(LOCATION).target("6").load().migrate();

    try (IsolatedClassLoader loader = new IsolatedClassLoader()) {
      Function<Path, String> open = loader.probe(Open.class);
      assertThat(open.apply(dir.resolve("new"))).isEqualTo(Migrations.LATEST);
      assertThat(loader.loaded(Flyway.class.getName())).as("loaded creating a store").isFalse();

      assertThat(open.apply(older)).isEqualTo(Migrations.LATEST);
      assertThat(loader.loaded(Flyway.class.getName())).as("loaded updating a store").isTrue();
    }
  }

  /**
   * Runs inside an {@link IsolatedClassLoader}: opens the store in a folder, returns its schema
   * version.
   */
  public static final class Open implements Function<Path, String> {
    @Override
    public String apply(Path folder) {
      try (SampleStore store = Stores.open(StoreConfig.sqlite(folder))) {
        return store.info().schemaVersion();
      }
    }
  }

  private SQLiteDataSource dataSource(String file) {
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + dir.resolve(file));
    return ds;
  }

  private static List<List<Object>> rows(SQLiteDataSource ds, String query) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(query)) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}
