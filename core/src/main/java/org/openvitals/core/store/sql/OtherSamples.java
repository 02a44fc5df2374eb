package org.openvitals.core.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.openvitals.core.model.OtherSample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.OtherTypeSummary;

/**
 * The {@code other_samples} table: records of types the catalog does not know, kept as written (see
 * docs/decisions/0008-unknown-types.md). Writes run on the writer connection, reads on a borrowed
 * one.
 */
final class OtherSamples {
  private static final String COLUMNS =
      "source_id, type, natural_key, unit, start_ms, start_offset, end_ms, end_offset, val,"
          + " device_id, external_id, metadata";

  private final Catalog catalog;

  OtherSamples(Catalog catalog) {
    this.catalog = catalog;
  }

  /** Inserts the records whose key is not stored yet; returns how many were new. */
  int insert(Connection c, Collection<OtherSample> records) throws SQLException {
    int inserted = 0;
    try (PreparedStatement exists =
            c.prepareStatement(
                "SELECT 1 FROM other_samples WHERE source_id = ? AND type = ? AND natural_key = ?");
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO other_samples ("
                    + COLUMNS
                    + ") VALUES ("
                    + Jdbc.placeholders(12)
                    + ")")) {
      for (OtherSample o : records) {
        int source = catalog.sourceId(c, o.source());
        String key = o.naturalKey();
        exists.setInt(1, source);
        exists.setString(2, o.type());
        exists.setString(3, key);
        try (ResultSet rs = exists.executeQuery()) {
          if (rs.next()) {
            continue;
          }
        }
        insert.setInt(1, source);
        insert.setString(2, o.type());
        insert.setString(3, key);
        insert.setString(4, o.unit());
        insert.setLong(5, o.start().toInstant().toEpochMilli());
        insert.setInt(6, o.start().getOffset().getTotalSeconds());
        insert.setLong(7, o.end().toInstant().toEpochMilli());
        insert.setInt(8, o.end().getOffset().getTotalSeconds());
        insert.setString(9, o.value());
        Jdbc.setIntOrNull(insert, 10, catalog.deviceId(c, o.device()));
        insert.setString(11, o.externalId());
        insert.setString(12, o.metadata().isEmpty() ? null : MetadataJson.write(o.metadata()));
        insert.executeUpdate();
        inserted++;
      }
    }
    return inserted;
  }

  /** Every record, or those of one source and type, ordered by type then start. */
  void forEach(Connection c, SourceRef sourceOrNull, String typeOrNull, Consumer<OtherSample> sink)
      throws SQLException {
    StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM other_samples");
    if (sourceOrNull != null) {
      sql.append(" WHERE source_id = ? AND type = ?");
    }
    sql.append(" ORDER BY type, start_ms, source_id, natural_key");
    try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
      if (sourceOrNull != null) {
        ps.setInt(1, catalog.sourceId(c, sourceOrNull));
        ps.setString(2, typeOrNull);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sink.accept(
              new OtherSample(
                  rs.getString(2),
                  rs.getString(4),
                  time(rs.getLong(5), rs.getInt(6)),
                  time(rs.getLong(7), rs.getInt(8)),
                  rs.getString(9),
                  catalog.source(c, rs.getInt(1)),
                  catalog.device(c, rs.getInt(10)),
                  rs.getString(11),
                  rs.getString(12) == null ? null : MetadataJson.read(rs.getString(12))));
        }
      }
    }
  }

  /** Records per source, type and unit, with their first and last start. */
  List<OtherTypeSummary> summaries(Connection c) throws SQLException {
    List<OtherTypeSummary> out = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT source_id, type, unit, COUNT(*), MIN(start_ms), MAX(start_ms)"
                    + " FROM other_samples GROUP BY source_id, type, unit ORDER BY type, source_id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new OtherTypeSummary(
                catalog.source(c, rs.getInt(1)),
                rs.getString(2),
                rs.getString(3),
                rs.getLong(4),
                Instant.ofEpochMilli(rs.getLong(5)),
                Instant.ofEpochMilli(rs.getLong(6))));
      }
    }
    return out;
  }

  /** Removes records that became samples. */
  void delete(Connection c, Collection<OtherSample> records) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM other_samples WHERE source_id = ? AND type = ? AND natural_key = ?")) {
      for (OtherSample o : records) {
        ps.setInt(1, catalog.sourceId(c, o.source()));
        ps.setString(2, o.type());
        ps.setString(3, o.naturalKey());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static OffsetDateTime time(long epochMs, int offsetSeconds) {
    return Instant.ofEpochMilli(epochMs).atOffset(ZoneOffset.ofTotalSeconds(offsetSeconds));
  }
}
