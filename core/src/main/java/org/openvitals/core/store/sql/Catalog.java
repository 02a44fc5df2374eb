package org.openvitals.core.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openvitals.core.model.DeviceClass;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;

/**
 * What the ids in sample rows stand for: metric types (fixed when the store opens), sources and
 * device descriptions (created on first sight, see {@link IdTable}).
 */
final class Catalog {

  private final Map<MetricType, Integer> typeIds = new EnumMap<>(MetricType.class);
  private final Map<Integer, MetricType> typesById = new HashMap<>();

  private final IdTable<SourceRef> sources =
      new IdTable<>(
          "sources",
          "source",
          List.of("provider", "name"),
          (ps, i, source) -> {
            ps.setString(i, source.provider());
            ps.setString(i + 1, source.name());
          },
          (rs, i) -> new SourceRef(rs.getString(i), rs.getString(i + 1)),
          List.of("provider", "name", "device_class"),
          (ps, i, source) -> {
            ps.setString(i, source.provider());
            ps.setString(i + 1, source.name());
            ps.setString(i + 2, DeviceClass.guess(source.provider(), source.name()).id());
          });

  /**
   * Device descriptions, stored once each: Apple's run to ~90 bytes and repeat on millions of
   * samples, so keeping them out of the sample rows makes the rows half as large.
   */
  private final IdTable<String> devices =
      new IdTable<>(
          "devices",
          "device",
          List.of("description"),
          (ps, i, device) -> ps.setString(i, device),
          ResultSet::getString,
          List.of("description"),
          (ps, i, device) -> ps.setString(i, device));

  /** Reads every id, giving metric types that are new to this file an id of their own. */
  void load(Connection c) throws SQLException {
    Map<String, Integer> known = new HashMap<>();
    int maxId = 0;
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT id, code FROM metric_types")) {
      while (rs.next()) {
        known.put(rs.getString(2), rs.getInt(1));
        maxId = Math.max(maxId, rs.getInt(1));
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO metric_types (id, code) VALUES (?, ?)")) {
      for (MetricType type : MetricType.values()) {
        Integer id = known.get(type.id());
        if (id == null) {
          id = ++maxId;
          ps.setInt(1, id);
          ps.setString(2, type.id());
          ps.executeUpdate();
        }
        typeIds.put(type, id);
        typesById.put(id, type);
      }
    }
    sources.load(c);
    devices.load(c);
  }

  int typeId(MetricType type) {
    return typeIds.get(type);
  }

  /** The metric type of an id, or null for one this version does not know. */
  MetricType type(int id) {
    return typesById.get(id);
  }

  /** The id of a source, creating it (with a guessed device class) on first sight. */
  int sourceId(Connection c, SourceRef source) throws SQLException {
    return sources.idOf(c, source);
  }

  /** The id of a device description (null for none), storing it on first sight. */
  Integer deviceId(Connection c, String device) throws SQLException {
    return device == null ? null : devices.idOf(c, device);
  }

  SourceRef source(Connection c, int id) throws SQLException {
    return sources.entry(c, id);
  }

  /** The device description of an id; 0 (a null column) reads as none. */
  String device(Connection c, int id) throws SQLException {
    return id == 0 ? null : devices.entry(c, id);
  }

  void setDeviceClass(Connection c, SourceRef source, DeviceClass deviceClass) throws SQLException {
    int id = sourceId(c, source);
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE sources SET device_class = ? WHERE id = ?")) {
      ps.setString(1, deviceClass.id());
      ps.setInt(2, id);
      ps.executeUpdate();
    }
  }

  /** Publishes the sources and devices a write created, once it has committed. */
  void committed() {
    sources.committed();
    devices.committed();
  }

  /** Forgets the sources and devices of a write that did not commit. */
  void discardPending() {
    sources.discardPending();
    devices.discardPending();
  }
}
