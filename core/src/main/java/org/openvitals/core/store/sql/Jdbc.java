package org.openvitals.core.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Collections;

/** Small JDBC helpers the parts of the store share. */
final class Jdbc {
  private Jdbc() {}

  /** The first column of the one row {@code sql} answers. */
  static long queryLong(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** {@code n} parameters, comma-separated. */
  static String placeholders(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  static void setIntOrNull(PreparedStatement ps, int index, Integer value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.INTEGER);
    } else {
      ps.setInt(index, value);
    }
  }
}
