package org.openvitals.core.store.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.store.IntegrityReport;
import org.openvitals.core.time.DayBoundaries;

/**
 * The engine's own integrity check, then the store's: every sample refers to a source and a type
 * that exist, and every rollup equals one computed afresh from the samples.
 */
final class IntegrityCheck {
  private IntegrityCheck() {}

  /** A table samples refer to, by the samples' column, and what one of its entries is called. */
  private record Reference(String table, String column, String noun) {}

  private static final List<Reference> REFERENCES =
      List.of(
          new Reference("sources", "source_id", "source"),
          new Reference("metric_types", "type_id", "metric type"));

  static IntegrityReport run(Connection c, SqlDialect dialect, Catalog catalog, DayBoundaries days)
      throws SQLException {
    List<String> problems = new ArrayList<>(dialect.integrityProblems(c));
    for (Reference reference : REFERENCES) {
      long broken =
          Jdbc.queryLong(
              c,
              "SELECT COUNT(*) FROM samples s WHERE NOT EXISTS (SELECT 1 FROM "
                  + reference.table()
                  + " r WHERE r.id = s."
                  + reference.column()
                  + ")");
      if (broken > 0) {
        problems.add(broken + " samples refer to a " + reference.noun() + " that does not exist");
      }
    }
    problems.addAll(rollupProblems(c, catalog, days));
    return new IntegrityReport(problems);
  }

  /** Compares every stored rollup with one computed afresh from the samples. */
  private static List<String> rollupProblems(Connection c, Catalog catalog, DayBoundaries days)
      throws SQLException {
    Map<Rollups.Group, Rollups.Figures> expected = Rollups.aggregateAllLiveSamples(c, days);
    List<String> problems = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT type_id, epoch_day, source_id, sample_count, value_sum, value_min,"
                    + " value_max FROM daily_rollups")) {
      while (rs.next()) {
        Rollups.Group g = new Rollups.Group(rs.getInt(1), rs.getInt(3), rs.getLong(2));
        Rollups.Figures want = expected.remove(g);
        String what = describe(c, catalog, g);
        if (want == null) {
          problems.add("Daily rollup " + what + " exists but has no live samples");
        } else if (want.count != rs.getLong(4)
            || !close(want.sum, rs.getDouble(5))
            || want.min != rs.getDouble(6)
            || want.max != rs.getDouble(7)) {
          problems.add(
              "Daily rollup "
                  + what
                  + " says count "
                  + rs.getLong(4)
                  + ", sum "
                  + rs.getDouble(5)
                  + "; its samples give count "
                  + want.count
                  + ", sum "
                  + want.sum);
        }
      }
    }
    for (Rollups.Group g : expected.keySet()) {
      problems.add("Daily rollup " + describe(c, catalog, g) + " is missing");
    }
    return problems;
  }

  private static String describe(Connection c, Catalog catalog, Rollups.Group g)
      throws SQLException {
    MetricType type = catalog.type(g.typeId());
    return (type == null ? "type#" + g.typeId() : type.id())
        + " / "
        + catalog.source(c, g.sourceId())
        + " / "
        + LocalDate.ofEpochDay(g.epochDay());
  }

  /** Sums of the same values added in another order may differ in the last bits. */
  private static boolean close(double a, double b) {
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
  }
}
