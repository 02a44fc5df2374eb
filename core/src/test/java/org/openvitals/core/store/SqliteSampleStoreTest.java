package org.openvitals.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.time.DayBoundaries;

class SqliteSampleStoreTest extends PhoneSyncStoreContract {

  @Override
  protected StoreConfig config(Path dataDir) {
    return StoreConfig.sqlite(dataDir);
  }

  @Override
  protected Connection rawConnection(Path dataDir) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("openvitals.db"));
  }

  @Override
  protected FluentConfiguration migrations(Path dataDir) {
    return Flyway.configure()
        .loggers("slf4j")
        .dataSource("jdbc:sqlite:" + dataDir.resolve("openvitals.db"), null, null)
        .locations("classpath:db/migration/sqlite");
  }

  @Test
  void theFileIsInWalMode() throws SQLException {
    assertThat(Files.exists(dir.resolve("openvitals.db-wal"))).isTrue();
    try (Connection c = rawConnection(dir);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA journal_mode")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("wal");
    }
  }

  /** The app and the command line may have the same store open at once. */
  @Test
  void twoStoresOnOneFileSeeEachOthersSourcesAndDayBoundaries() {
    try (SampleStore other = Stores.open(config(dir))) {
      other.upsert(List.of(steps(PHONE, "2024-05-01T22:30Z", 1, 10)));
      other.setDayBoundaries(new DayBoundaries.FixedZone(BERLIN));

      // This store has neither the source nor the new boundaries in its caches.
      store.upsert(List.of(steps(PHONE, "2024-05-01T22:40Z", 1, 20)));

      assertThat(store.sources())
          .singleElement()
          .extracting(SourceSummary::sampleCount)
          .isEqualTo(2L);
      assertThat(
              store.daily(
                  MetricType.STEPS, LocalDate.parse("2024-05-02"), LocalDate.parse("2024-05-02")))
          .singleElement()
          .extracting(DailyRollup::sum)
          .isEqualTo(30.0);
      assertThat(other.samples(MetricType.STEPS, Instant.EPOCH, Instant.now())).hasSize(2);
      assertThat(store.checkIntegrity().problems()).isEmpty();
    }
  }
}
