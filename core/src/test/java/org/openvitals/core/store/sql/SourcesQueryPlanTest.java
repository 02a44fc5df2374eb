package org.openvitals.core.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.store.sqlite.SqliteSampleStore;

/**
 * The store's sources are read before the dashboard's first values, on a five-year store some
 * 70,000 rollups: SQLite must sum them per source in one pass.
 */
class SourcesQueryPlanTest {
  @TempDir Path dir;

  @Test
  void theRollupsAreScannedOnceNotOncePerSource() throws Exception {
    try (SampleStore store = Stores.open(StoreConfig.sqlite(dir))) {
      OffsetDateTime at = OffsetDateTime.parse("2024-05-02T09:00:00Z");
      List<Sample> samples = new ArrayList<>();
      for (int s = 0; s < 3; s++) {
        samples.add(
            Sample.of(MetricType.STEPS, at, at.plusMinutes(5), 100, new SourceRef("app", "S" + s)));
      }
      store.upsert(samples);
    }
    List<String> plan = new ArrayList<>();
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteSampleStore.FILE_NAME));
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("EXPLAIN QUERY PLAN " + SampleReads.SOURCES_SQL)) {
      while (rs.next()) {
        plan.add(rs.getString("detail"));
      }
    }

    System.out.println("PLAN " + plan);
    // Summed per source first, in one pass; joined first, SQLite built an index of every rollup
    // for the join at each call (2.3 times the CPU on a five-year store).
    assertThat(plan)
        .as("the rollups summed before the join: %s", plan)
        .anyMatch(step -> step.startsWith("MATERIALIZE r") || step.startsWith("CO-ROUTINE r"))
        .contains("SCAN daily_rollups");
  }
}
