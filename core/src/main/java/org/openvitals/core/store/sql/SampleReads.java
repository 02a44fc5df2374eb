package org.openvitals.core.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.openvitals.core.model.DeviceClass;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.DailyRollup;
import org.openvitals.core.store.SourceSummary;

/** The reads of samples, rollups and sources, each on a read connection the caller borrowed. */
final class SampleReads {

  private final Catalog catalog;

  SampleReads(Catalog catalog) {
    this.catalog = catalog;
  }

  /** Streams live samples ordered by type then start; null arguments mean "any". */
  void forEachSample(
      Connection c,
      MetricType typeOrNull,
      Instant fromOrNull,
      Instant toOrNull,
      Consumer<Sample> sink)
      throws SQLException {
    StringBuilder sql =
        new StringBuilder("SELECT ").append(PreparedSample.COLUMNS).append(" FROM samples WHERE ");
    List<Long> params = new ArrayList<>(3);
    if (typeOrNull != null) {
      sql.append("type_id = ? AND ");
      params.add((long) catalog.typeId(typeOrNull));
    }
    if (fromOrNull != null) {
      sql.append("start_ms >= ? AND ");
      params.add(fromOrNull.toEpochMilli());
    }
    if (toOrNull != null) {
      sql.append("start_ms < ? AND ");
      params.add(toOrNull.toEpochMilli());
    }
    sql.append("deleted = 0 ORDER BY type_id, start_ms, id");
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < params.size(); i++) {
        ps.setLong(i + 1, params.get(i));
      }
      ps.setFetchSize(1000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sink.accept(toSample(c, rs));
        }
      }
    }
  }

  private Sample toSample(Connection c, ResultSet rs) throws SQLException {
    MetricType type = catalog.type(rs.getInt(1));
    if (type == null) {
      throw new SQLException("Stored sample has unknown metric type id " + rs.getInt(1));
    }
    return new Sample(
        type,
        PreparedSample.at(rs.getLong(3), rs.getInt(4)),
        PreparedSample.at(rs.getLong(5), rs.getInt(6)),
        rs.getDouble(7),
        catalog.source(c, rs.getInt(2)),
        catalog.device(c, rs.getInt(8)),
        rs.getString(9),
        MetadataJson.read(rs.getString(10)));
  }

  /** Daily rollups of one type, days in {@code [from, to]}, ordered by day then source. */
  List<DailyRollup> daily(Connection c, MetricType type, LocalDate from, LocalDate to)
      throws SQLException {
    List<DailyRollup> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT epoch_day, source_id, sample_count, value_sum, value_min, value_max"
                + " FROM daily_rollups WHERE type_id = ? AND epoch_day >= ?"
                + " AND epoch_day <= ? ORDER BY epoch_day, source_id")) {
      ps.setInt(1, catalog.typeId(type));
      ps.setLong(2, from.toEpochDay());
      ps.setLong(3, to.toEpochDay());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new DailyRollup(
                  type,
                  catalog.source(c, rs.getInt(2)),
                  LocalDate.ofEpochDay(rs.getLong(1)),
                  rs.getLong(3),
                  rs.getDouble(4),
                  rs.getDouble(5),
                  rs.getDouble(6)));
        }
      }
    }
    return out;
  }

  /** Every source's name, in the order of {@link #sources}, from the sources table alone. */
  List<SourceRef> sourceRefs(Connection c) throws SQLException {
    List<SourceRef> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT provider, name FROM sources ORDER BY provider, name")) {
      while (rs.next()) {
        out.add(new SourceRef(rs.getString(1), rs.getString(2)));
      }
    }
    return out;
  }

  /**
   * Every source with its live sample count and first and last sample time. The rollups are summed
   * per source in one pass before the join: joined first, SQLite built an index of every rollup for
   * the join at each call (2.3 times the CPU on a five-year store; the dashboard's first values
   * read this). {@code SourcesQueryPlanTest} checks the plan.
   */
  static final String SOURCES_SQL =
      "SELECT s.provider, s.name, s.device_class, COALESCE(r.samples, 0), r.first_ms, r.last_ms"
          + " FROM sources s LEFT JOIN (SELECT source_id, SUM(sample_count) AS samples,"
          + " MIN(first_start_ms) AS first_ms, MAX(last_end_ms) AS last_ms"
          + " FROM daily_rollups GROUP BY source_id) r ON r.source_id = s.id"
          + " ORDER BY s.provider, s.name";

  /** Every source with its device class, live sample count and first and last sample time. */
  List<SourceSummary> sources(Connection c) throws SQLException {
    List<SourceSummary> out = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(SOURCES_SQL)) {
      while (rs.next()) {
        long count = rs.getLong(4);
        long first = rs.getLong(5);
        long last = rs.getLong(6);
        out.add(
            new SourceSummary(
                new SourceRef(rs.getString(1), rs.getString(2)),
                DeviceClass.fromId(rs.getString(3)),
                count,
                count == 0 ? null : Instant.ofEpochMilli(first),
                count == 0 ? null : Instant.ofEpochMilli(last)));
      }
    }
    return out;
  }
}
