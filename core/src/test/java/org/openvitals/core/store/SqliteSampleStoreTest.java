package org.openvitals.core.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

class SqliteSampleStoreTest extends SampleStoreContract {

  @Override
  protected StoreConfig config(Path dataDir) {
    return StoreConfig.sqlite(dataDir);
  }

  @Override
  protected Connection rawConnection(Path dataDir) throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("openvitals.db"));
  }
}
