package org.openvitals.core.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.core.store.Engine;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.sqlite.SQLiteDataSource;

class MigrationsTest {
  private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.*\\.sql");

  @TempDir Path dir;

  @Test
  void latestIsTheNewestMigrationOfBothEnginesOrInJava() throws IOException {
    for (String engine : new String[] {"sqlite", "h2"}) {
      try (Stream<Path> files =
          Files.list(Path.of("src/main/resources/db/migration").resolve(engine))) {
        int newest =
            files
                .map(f -> VERSIONED.matcher(f.getFileName().toString()))
                .filter(Matcher::matches)
                .mapToInt(m -> Integer.parseInt(m.group(1)))
                .max()
                .orElseThrow();
        for (var java : Migrations.JAVA_MIGRATIONS) {
          newest = Math.max(newest, Integer.parseInt(java.getVersion().getVersion()));
        }
        assertThat(Integer.toString(newest)).as(engine).isEqualTo(Migrations.LATEST);
      }
    }
  }

  @Test
  void theAppliedVersionIsReadFromFlywaysHistory() {
    SQLiteDataSource ds = new SQLiteDataSource();
    ds.setUrl("jdbc:sqlite:" + dir.resolve("openvitals.db"));
    assertThat(Migrations.appliedVersion(ds)).as("a new file has no history").isNull();

    try (SampleStore store = Stores.open(StoreConfig.sqlite(dir))) {
      assertThat(store.info().schemaVersion()).isEqualTo(Migrations.LATEST);
    }
    assertThat(Migrations.appliedVersion(ds)).isEqualTo(Migrations.LATEST);
    try (SampleStore reopened = Stores.open(StoreConfig.sqlite(dir))) {
      assertThat(reopened.info().schemaVersion()).isEqualTo(Migrations.LATEST);
    }
  }

  @Test
  void h2HistoryIsReadToo() {
    Path h2 = dir.resolve("h2");
    try (SampleStore store = Stores.open(new StoreConfig(h2, Engine.H2, null))) {
      assertThat(store.info().schemaVersion()).isEqualTo(Migrations.LATEST);
    }
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:file:" + h2.toAbsolutePath().resolve("openvitals"));
    ds.setUser("openvitals");
    ds.setPassword("");
    assertThat(Migrations.appliedVersion(ds)).isEqualTo(Migrations.LATEST);
  }
}
