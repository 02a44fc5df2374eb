package org.openvitals.core.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

class H2SampleStoreTest extends PhoneSyncStoreContract {

  @Override
  protected StoreConfig config(Path dataDir) {
    return new StoreConfig(dataDir, Engine.H2, null);
  }

  @Override
  protected Connection rawConnection(Path dataDir) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:h2:file:" + dataDir.resolve("openvitals"), "openvitals", "");
  }

  @Override
  protected FluentConfiguration migrations(Path dataDir) {
    return Flyway.configure()
        .loggers("slf4j")
        .dataSource("jdbc:h2:file:" + dataDir.resolve("openvitals"), "openvitals", "")
        .locations("classpath:db/migration/h2");
  }
}
