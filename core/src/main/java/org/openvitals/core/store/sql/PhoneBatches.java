package org.openvitals.core.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.openvitals.core.store.WriteResult;
import org.openvitals.core.store.phone.PhoneBatch;
import org.openvitals.core.store.phone.PhoneBatchResult;
import org.openvitals.core.store.phone.PhoneSample;
import org.openvitals.core.store.phone.PhoneUploads;
import org.openvitals.core.time.DayBoundaries;

/**
 * The phone protocol's tables ({@code sample_uuids}, {@code uuid_tombstones}, {@code
 * phone_batches}, {@code phone_anchors}) and the application of one batch inside the caller's write
 * transaction; see {@link org.openvitals.core.store.phone.PhoneSyncStore}.
 *
 * <p>A sample keeps its natural key and is written by {@link SampleWriter} like any import; this
 * part adds what UUIDs decide: deletions (a row goes once no live UUID names it), UUIDs that moved
 * to other content, rows brought back by a live UUID, and the UUIDs each row was sent under.
 */
final class PhoneBatches {

  /**
   * Made on first use, not when a store opens: Jackson's first mapper loads some 350 classes, which
   * would sit on the path of every app start (docs/architecture.md, "Start-up").
   */
  private static final class Json {
    static final ObjectMapper MAPPER =
        new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    static final TypeReference<Map<String, Integer>> COUNTS = new TypeReference<>() {};
  }

  private static final int MAPPINGS_PER_INSERT = 64;

  private static final String BATCH_COLUMNS =
      "batch_id, device_id, stream, anchor, received_ms, samples_received, deletions_received,"
          + " inserted, updated, unchanged, suppressed, samples_deleted, unmapped";

  private final Catalog catalog;
  private final SqlDialect dialect;
  private final SampleWriter writer;
  private final StoredSamples stored;

  /** The store's cache of metadata text, shared with imports (guarded by itself). */
  private final MetadataJson.Cache metadataJson;

  PhoneBatches(
      Catalog catalog, SqlDialect dialect, SampleWriter writer, MetadataJson.Cache metadataJson) {
    this.catalog = catalog;
    this.metadataJson = metadataJson;
    this.dialect = dialect;
    this.writer = writer;
    this.stored = new StoredSamples(dialect);
  }

  /** One UUID's row for one metric type. */
  private record UuidKey(UUID uuid, int typeId) {}

  /**
   * The order of {@code sample_uuids}' key (uuid_hi, uuid_lo, type_id): both engines compare the
   * halves as signed 64-bit integers. Written out, as comparing() chains cost a few percent of a
   * batch.
   */
  private static final Comparator<UuidKey> UUID_ORDER =
      (a, b) -> {
        int byHigh =
            Long.compare(a.uuid().getMostSignificantBits(), b.uuid().getMostSignificantBits());
        if (byHigh != 0) {
          return byHigh;
        }
        int byLow =
            Long.compare(a.uuid().getLeastSignificantBits(), b.uuid().getLeastSignificantBits());
        return byLow != 0 ? byLow : Integer.compare(a.typeId(), b.typeId());
      };

  PhoneBatchResult apply(Connection c, PhoneBatch batch, DayBoundaries days) throws SQLException {
    Optional<PhoneBatchResult> earlier = batch(c, batch.batchId().toString());
    if (earlier.isPresent()) {
      if (!earlier.get().deviceId().equals(batch.deviceId())) {
        throw new IllegalArgumentException(
            "Batch " + batch.batchId() + " was sent by another device");
      }
      return earlier.get().asReplay();
    }
    String batchId = batch.batchId().toString();
    Set<UUID> deleted = new LinkedHashSet<>(batch.deleted());
    Set<UUID> mentioned = new HashSet<>(deleted);
    batch.upserts().forEach(p -> mentioned.add(p.uuid()));

    Set<UUID> tombstoned = tombstonedUuids(c, mentioned);
    Map<UuidKey, Long> mapped = mappings(c, mentioned);

    // Deletions first: within a batch, as across batches, a deletion wins over its sample.
    insertTombstones(c, deleted, tombstoned, batchId);
    Set<Long> detached = new HashSet<>();
    for (Map.Entry<UuidKey, Long> e : mapped.entrySet()) {
      if (deleted.contains(e.getKey().uuid())) {
        detached.add(e.getValue());
      }
    }
    deleteMappings(c, deleted);

    // The samples whose UUID is live, the last of each (UUID, type) winning.
    Map<UuidKey, PreparedSample> live = new LinkedHashMap<>();
    int suppressed = 0;
    synchronized (metadataJson) {
      for (PhoneSample p : batch.upserts()) {
        UUID uuid = p.uuid();
        if (deleted.contains(uuid) || tombstoned.contains(uuid)) {
          suppressed++;
          continue;
        }
        int typeId = catalog.typeId(p.sample().type());
        UuidKey key = new UuidKey(uuid, typeId);
        live.remove(key);
        live.put(
            key,
            PreparedSample.of(typeId, metadataJson.write(p.sample().metadata()), p.sample(), days));
      }
    }
    List<UuidKey> keys = new ArrayList<>(live.keySet());
    List<SampleRow> rows = writer.rows(c, new ArrayList<>(live.values()), days, days);

    // What is stored under the samples' natural keys; the writer works from the same answer.
    Map<RowKey, StoredRow> before = stored.find(c, rows);

    // A UUID sent again with other content leaves its old row: the row stored under the new
    // content's key is another one (or none), since a row's key is its content's.
    Set<UuidKey> movedKeys = new LinkedHashSet<>();
    for (int i = 0; i < keys.size(); i++) {
      Long rowId = mapped.get(keys.get(i));
      StoredRow now = before.get(rows.get(i).key());
      if (rowId != null && (now == null || now.rowId() != rowId)) {
        detached.add(rowId);
        movedKeys.add(keys.get(i));
      }
    }
    deleteMappingsOf(c, movedKeys);
    movedKeys.forEach(mapped::remove);
    Map<RowKey, Long> rowIds = new HashMap<>();
    WriteResult written = writer.upsertRows(c, rows, days, before, rowIds);
    int inserted = written.inserted();
    int updated = written.updated();
    int unchanged = written.unchanged();
    for (int i = 0; i < keys.size(); i++) {
      if (movedKeys.contains(keys.get(i)) && !before.containsKey(rows.get(i).key())) {
        inserted--; // counted as new by the writer, but it is this UUID's sample, changed
        updated++;
      }
    }

    // A live UUID brings back a row that earlier deletions of other UUIDs removed.
    Map<Long, SampleRow> revived = new LinkedHashMap<>();
    Map<Long, StoredRow> revivedOld = new HashMap<>();
    for (SampleRow row : rows) {
      StoredRow old = before.get(row.key());
      if (old != null && old.deleted() && revived.putIfAbsent(old.rowId(), row) == null) {
        revivedOld.put(old.rowId(), old);
      }
    }
    // The writer counted them unchanged: it leaves tombstones alone.
    unchanged -= revived.size();
    updated += revived.size();
    writer.revive(c, revived, revivedOld, days);

    // In UUID order: random UUIDs would otherwise land all over the table's key order.
    Map<UuidKey, Long> newMappings = new TreeMap<>(UUID_ORDER);
    for (int i = 0; i < keys.size(); i++) {
      long rowId = rowIds.get(rows.get(i).key());
      if (!Long.valueOf(rowId).equals(mapped.get(keys.get(i)))) {
        newMappings.put(keys.get(i), rowId);
      }
    }
    writeMappings(c, newMappings, mapped.keySet());
    // Last, so that a row this batch names again (under another UUID) is not removed first.
    int samplesDeleted = deleteOrphans(c, detached, days);

    PhoneBatchResult result =
        new PhoneBatchResult(
            batch.batchId(),
            batch.deviceId(),
            batch.stream(),
            batch.anchor(),
            batch.receivedAt(),
            batch.upserts().size(),
            batch.deleted().size(),
            inserted,
            updated,
            unchanged,
            suppressed,
            samplesDeleted,
            batch.unmapped(),
            false);
    insertBatch(c, result);
    putAnchor(c, batch.deviceId(), batch.stream(), batch.anchor(), batchId);
    return result;
  }

  Map<String, String> anchors(Connection c, String deviceId) throws SQLException {
    Map<String, String> anchors = new TreeMap<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT stream, anchor FROM phone_anchors WHERE device_id = ?")) {
      ps.setString(1, deviceId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          anchors.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return anchors;
  }

  int forgetAnchors(Connection c, String deviceId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM phone_anchors WHERE device_id = ?")) {
      ps.setString(1, deviceId);
      return ps.executeUpdate();
    }
  }

  List<PhoneUploads> uploads(Connection c) throws SQLException {
    List<PhoneUploads> out = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT device_id, COUNT(*), SUM(samples_received), SUM(deletions_received),"
                    + " MIN(received_ms), MAX(received_ms) FROM phone_batches"
                    + " GROUP BY device_id ORDER BY device_id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new PhoneUploads(
                rs.getString(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getLong(4),
                Instant.ofEpochMilli(rs.getLong(5)),
                Instant.ofEpochMilli(rs.getLong(6))));
      }
    }
    return out;
  }

  List<PhoneBatchResult> batches(Connection c, String deviceId, int limit) throws SQLException {
    List<PhoneBatchResult> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + BATCH_COLUMNS
                + " FROM phone_batches WHERE device_id = ?"
                + " ORDER BY received_ms DESC, batch_id DESC")) {
      ps.setString(1, deviceId);
      ps.setMaxRows(Math.max(0, limit));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next() && out.size() < limit) {
          out.add(result(rs));
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- the tables

  private Optional<PhoneBatchResult> batch(Connection c, String batchId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + BATCH_COLUMNS + " FROM phone_batches WHERE batch_id = ?")) {
      ps.setString(1, batchId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(result(rs)) : Optional.empty();
      }
    }
  }

  private static PhoneBatchResult result(ResultSet rs) throws SQLException {
    return new PhoneBatchResult(
        UUID.fromString(rs.getString(1)),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        Instant.ofEpochMilli(rs.getLong(5)),
        rs.getInt(6),
        rs.getInt(7),
        rs.getInt(8),
        rs.getInt(9),
        rs.getInt(10),
        rs.getInt(11),
        rs.getInt(12),
        readCounts(rs.getString(13)),
        false);
  }

  private static void insertBatch(Connection c, PhoneBatchResult r) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO phone_batches ("
                + BATCH_COLUMNS
                + ") VALUES ("
                + Jdbc.placeholders(13)
                + ")")) {
      ps.setString(1, r.batchId().toString());
      ps.setString(2, r.deviceId());
      ps.setString(3, r.stream());
      ps.setString(4, r.acknowledgedAnchor());
      ps.setLong(5, r.receivedAt().toEpochMilli());
      ps.setInt(6, r.samplesReceived());
      ps.setInt(7, r.deletionsReceived());
      ps.setInt(8, r.inserted());
      ps.setInt(9, r.updated());
      ps.setInt(10, r.unchanged());
      ps.setInt(11, r.suppressed());
      ps.setInt(12, r.samplesDeleted());
      ps.setString(13, r.unmapped().isEmpty() ? null : writeCounts(r.unmapped()));
      ps.executeUpdate();
    }
  }

  /** Update-then-insert, the same SQL on both engines. */
  private static void putAnchor(
      Connection c, String deviceId, String stream, String anchor, String batchId)
      throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE phone_anchors SET anchor = ?, batch_id = ? WHERE device_id = ? AND stream = ?")) {
      update.setString(1, anchor);
      update.setString(2, batchId);
      update.setString(3, deviceId);
      update.setString(4, stream);
      if (update.executeUpdate() > 0) {
        return;
      }
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO phone_anchors (device_id, stream, anchor, batch_id) VALUES (?, ?, ?, ?)")) {
      insert.setString(1, deviceId);
      insert.setString(2, stream);
      insert.setString(3, anchor);
      insert.setString(4, batchId);
      insert.executeUpdate();
    }
  }

  private Set<UUID> tombstonedUuids(Connection c, Collection<UUID> uuids) throws SQLException {
    Set<UUID> found = new HashSet<>();
    if (uuids.isEmpty()) {
      return found;
    }
    try (SqlDialect.KeyListQuery q =
        dialect.keyListQuery(c, "uuid_tombstones", "uuid", null, "uuid")) {
      q.run(
          new int[0],
          uuids.stream().map(UUID::toString).toArray(String[]::new),
          rs -> found.add(UUID.fromString(rs.getString(1))));
    }
    return found;
  }

  private static void insertTombstones(
      Connection c, Set<UUID> deleted, Set<UUID> already, String batchId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO uuid_tombstones (uuid, batch_id) VALUES (?, ?)")) {
      boolean any = false;
      for (UUID uuid : deleted) {
        if (!already.contains(uuid)) {
          ps.setString(1, uuid.toString());
          ps.setString(2, batchId);
          ps.addBatch();
          any = true;
        }
      }
      if (any) {
        ps.executeBatch();
      }
    }
  }

  /**
   * The rows each of these UUIDs names, by (UUID, type): looked up by the UUIDs' high halves (a
   * seek on the key's first column), rows of other UUIDs that share a high half left out.
   */
  private Map<UuidKey, Long> mappings(Connection c, Set<UUID> uuids) throws SQLException {
    Map<UuidKey, Long> found = new HashMap<>();
    if (uuids.isEmpty()) {
      return found;
    }
    Set<Long> highs = new HashSet<>();
    uuids.forEach(u -> highs.add(u.getMostSignificantBits()));
    try (SqlDialect.KeyListQuery q =
        dialect.keyListQuery(
            c, "sample_uuids", "uuid_hi, uuid_lo, type_id, sample_id", null, "uuid_hi")) {
      q.run(
          new int[0],
          highs.toArray(Long[]::new),
          rs -> {
            UUID uuid = new UUID(rs.getLong(1), rs.getLong(2));
            if (uuids.contains(uuid)) {
              found.put(new UuidKey(uuid, rs.getInt(3)), rs.getLong(4));
            }
          });
    }
    return found;
  }

  private static void deleteMappings(Connection c, Set<UUID> uuids) throws SQLException {
    if (uuids.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement("DELETE FROM sample_uuids WHERE uuid_hi = ? AND uuid_lo = ?")) {
      for (UUID uuid : uuids) {
        ps.setLong(1, uuid.getMostSignificantBits());
        ps.setLong(2, uuid.getLeastSignificantBits());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  private static void deleteMappingsOf(Connection c, Collection<UuidKey> keys) throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM sample_uuids WHERE uuid_hi = ? AND uuid_lo = ? AND type_id = ?")) {
      for (UuidKey key : keys) {
        ps.setLong(1, key.uuid().getMostSignificantBits());
        ps.setLong(2, key.uuid().getLeastSignificantBits());
        ps.setInt(3, key.typeId());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * Tombstones the live rows among {@code rowIds} that no UUID names any more and recomputes their
   * rollups; returns how many.
   */
  private int deleteOrphans(Connection c, Set<Long> rowIds, DayBoundaries days)
      throws SQLException {
    if (rowIds.isEmpty()) {
      return 0;
    }
    Set<Long> stillNamed = new HashSet<>();
    try (SqlDialect.KeyListQuery q =
        dialect.keyListQuery(c, "sample_uuids", "sample_id", null, "sample_id")) {
      q.run(new int[0], rowIds.toArray(Long[]::new), rs -> stillNamed.add(rs.getLong(1)));
    }
    List<Long> orphans = new ArrayList<>();
    Set<Rollups.Group> recompute = new HashSet<>();
    for (StoredRow row : stored.byIds(c, rowIds).values()) {
      if (!row.deleted() && !stillNamed.contains(row.rowId())) {
        orphans.add(row.rowId());
        recompute.add(row.group(days));
      }
    }
    writer.markDeleted(c, orphans);
    Rollups.recompute(c, recompute, days);
    return orphans.size();
  }

  /** Points each (UUID, type) at its row; {@code existing} are the pairs stored already. */
  private static void writeMappings(
      Connection c, Map<UuidKey, Long> mappings, Set<UuidKey> existing) throws SQLException {
    List<Map.Entry<UuidKey, Long>> inserts = new ArrayList<>();
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE sample_uuids SET sample_id = ?"
                + " WHERE uuid_hi = ? AND uuid_lo = ? AND type_id = ?")) {
      boolean updates = false;
      for (Map.Entry<UuidKey, Long> e : mappings.entrySet()) {
        if (existing.contains(e.getKey())) {
          update.setLong(1, e.getValue());
          update.setLong(2, e.getKey().uuid().getMostSignificantBits());
          update.setLong(3, e.getKey().uuid().getLeastSignificantBits());
          update.setInt(4, e.getKey().typeId());
          update.addBatch();
          updates = true;
        } else {
          inserts.add(e);
        }
      }
      if (updates) {
        update.executeBatch();
      }
    }
    // Many rows to a statement, as the sample writer does: fewer crossings into the driver.
    int full = inserts.size() / MAPPINGS_PER_INSERT * MAPPINGS_PER_INSERT;
    if (full > 0) {
      try (PreparedStatement ps = c.prepareStatement(insertMappingsSql(MAPPINGS_PER_INSERT))) {
        for (int from = 0; from < full; from += MAPPINGS_PER_INSERT) {
          bindMappings(ps, inserts.subList(from, from + MAPPINGS_PER_INSERT));
          ps.executeUpdate();
        }
      }
    }
    if (full < inserts.size()) {
      try (PreparedStatement ps = c.prepareStatement(insertMappingsSql(inserts.size() - full))) {
        bindMappings(ps, inserts.subList(full, inserts.size()));
        ps.executeUpdate();
      }
    }
  }

  private static String insertMappingsSql(int rows) {
    return "INSERT INTO sample_uuids (uuid_hi, uuid_lo, type_id, sample_id) VALUES "
        + String.join(", ", Collections.nCopies(rows, "(?, ?, ?, ?)"));
  }

  private static void bindMappings(PreparedStatement ps, List<Map.Entry<UuidKey, Long>> rows)
      throws SQLException {
    int at = 0;
    for (Map.Entry<UuidKey, Long> e : rows) {
      ps.setLong(++at, e.getKey().uuid().getMostSignificantBits());
      ps.setLong(++at, e.getKey().uuid().getLeastSignificantBits());
      ps.setInt(++at, e.getKey().typeId());
      ps.setLong(++at, e.getValue());
    }
  }

  private static String writeCounts(Map<String, Integer> counts) {
    try {
      return Json.MAPPER.writeValueAsString(counts);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A map of counts always serialises", e);
    }
  }

  private static Map<String, Integer> readCounts(String json) {
    if (json == null) {
      return Map.of();
    }
    try {
      return Json.MAPPER.readValue(json, Json.COUNTS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored unmapped counts are not a JSON object: " + json, e);
    }
  }
}
