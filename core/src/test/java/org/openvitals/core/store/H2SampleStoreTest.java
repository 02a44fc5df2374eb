package org.openvitals.core.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

class H2SampleStoreTest extends SampleStoreContract {

  @Override
  protected StoreConfig config(Path dataDir) {
    return new StoreConfig(dataDir, Engine.H2, null);
  }

  @Override
  protected Connection rawConnection(Path dataDir) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:h2:file:" + dataDir.resolve("openvitals"), "openvitals", "");
  }
}
