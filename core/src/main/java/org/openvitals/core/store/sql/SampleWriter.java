package org.openvitals.core.store.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.WriteResult;
import org.openvitals.core.time.DayBoundaries;

/**
 * Upserts and tombstones, inside the caller's write transaction: resolves ids, asks {@link
 * StoredSamples} what is stored under the batch's natural keys, inserts the new samples, updates
 * the changed ones and brings the rollups of every touched day up to date.
 */
final class SampleWriter {

  private static final Comparator<SampleRow> BY_TYPE_AND_START =
      Comparator.comparingInt(SampleRow::typeId).thenComparingLong(SampleRow::startMs);

  private static final int ROWS_PER_INSERT = 64;

  private final Catalog catalog;
  private final StoredSamples stored;
  private final boolean numbersRows;

  SampleWriter(Catalog catalog, SqlDialect dialect) {
    this.catalog = catalog;
    this.stored = new StoredSamples(dialect);
    this.numbersRows = dialect.storeNumbersSamples();
  }

  /**
   * @param preparedWith the day boundaries the samples were prepared under
   * @param days the day boundaries as committed now
   */
  WriteResult upsert(
      Connection c, List<PreparedSample> samples, DayBoundaries preparedWith, DayBoundaries days)
      throws SQLException {
    return upsertRows(c, rows(c, samples, preparedWith, days), days);
  }

  /**
   * The samples with their source and device ids resolved, and their days recounted when the day
   * boundaries changed since they were prepared.
   */
  List<SampleRow> rows(
      Connection c, List<PreparedSample> samples, DayBoundaries preparedWith, DayBoundaries days)
      throws SQLException {
    // Day boundaries changed since the batch was prepared (rare): its days are recounted.
    boolean recountDays = !days.equals(preparedWith);
    List<SampleRow> rows = new ArrayList<>(samples.size());
    SourceRef lastSource = null;
    int lastSourceId = 0;
    String lastDevice = null;
    Integer lastDeviceId = null;
    for (PreparedSample p : samples) {
      // Imports repeat the same source and device row after row: one lookup per change.
      if (!p.source().equals(lastSource)) {
        lastSource = p.source();
        lastSourceId = catalog.sourceId(c, lastSource);
      }
      if (!Objects.equals(p.device(), lastDevice)) {
        lastDevice = p.device();
        lastDeviceId = catalog.deviceId(c, lastDevice);
      }
      PreparedSample sample =
          recountDays
              ? p.withEpochDay(PreparedSample.epochDay(days, p.startMs(), p.startOffset()))
              : p;
      rows.add(SampleRow.of(lastSourceId, lastDeviceId, sample));
    }
    return rows;
  }

  /** Upserts rows made by {@link #rows}. */
  WriteResult upsertRows(Connection c, List<SampleRow> rows, DayBoundaries days)
      throws SQLException {
    return upsertRows(c, rows, days, stored.find(c, rows), null);
  }

  /**
   * Upserts rows made by {@link #rows}, given what is stored under their keys.
   *
   * @param known what {@link StoredSamples#find} answered for these rows, just before
   * @param rowIds receives the row id every key ends up in (new rows are numbered by the store
   *     then), or null
   */
  WriteResult upsertRows(
      Connection c,
      List<SampleRow> rows,
      DayBoundaries days,
      Map<RowKey, StoredRow> known,
      Map<RowKey, Long> rowIds)
      throws SQLException {

    Map<RowKey, SampleRow> inserts = LinkedHashMap.newLinkedHashMap(rows.size());
    Map<RowKey, SampleRow> updates = new LinkedHashMap<>();
    Map<RowKey, Long> updateIds = new HashMap<>();
    Set<Rollups.Group> recompute = new HashSet<>();
    int inserted = 0;
    int updated = 0;
    int unchanged = 0;
    for (SampleRow row : rows) {
      RowKey key = row.key();
      StoredRow old = known.isEmpty() ? null : known.get(key);
      if (old == null) {
        SampleRow pending = inserts.putIfAbsent(key, row);
        if (pending == null) {
          inserted++;
        } else if (pending.sameContentAs(row)) {
          // The same sample twice in one batch: the later one wins.
          unchanged++;
        } else {
          inserts.put(key, row);
          updated++;
        }
        continue;
      }
      SampleRow pending = updates.get(key);
      if (pending != null) {
        if (pending.sameContentAs(row)) {
          unchanged++;
        } else {
          updates.put(key, row);
          updated++;
          recompute.add(row.group());
        }
      } else if (old.deleted() || old.sameContentAs(row)) {
        unchanged++;
      } else {
        updates.put(key, row);
        updateIds.put(key, old.rowId());
        updated++;
        recompute.add(old.group(days));
        recompute.add(row.group());
      }
    }

    // In (type, start) order: an export that interleaves types would otherwise send every row of
    // the (type, start) index to another leaf page; sorted, they arrive next to each other.
    List<SampleRow> newRows = new ArrayList<>(inserts.values());
    newRows.sort(BY_TYPE_AND_START);
    if (rowIds != null) {
      known.forEach((key, old) -> rowIds.put(key, old.rowId()));
    }
    insertRows(c, newRows, false, rowIds);
    updateSamples(c, updates.values(), updateIds);

    Map<Rollups.Group, Rollups.Figures> deltas = new HashMap<>();
    for (SampleRow row : inserts.values()) {
      Rollups.Group g = row.group();
      if (!recompute.contains(g)) {
        deltas
            .computeIfAbsent(g, k -> new Rollups.Figures())
            .add(row.value(), row.startMs(), row.endMs());
      }
    }
    Rollups.add(c, deltas);
    Rollups.recompute(c, recompute, days);
    return new WriteResult(inserted, updated, unchanged);
  }

  /** Tombstones samples by external id; returns how many stored samples were newly deleted. */
  int tombstone(
      Connection c,
      SourceRef source,
      MetricType type,
      Collection<String> externalIds,
      DayBoundaries days)
      throws SQLException {
    int typeId = catalog.typeId(type);
    int sourceId = catalog.sourceId(c, source);
    OffsetDateTime epoch = OffsetDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC);
    Map<RowKey, SampleRow> wanted = new LinkedHashMap<>();
    for (String externalId : externalIds) {
      // Stands for the sample if it was never stored, so that a late copy stays deleted.
      Sample marker = new Sample(type, epoch, epoch, 0, source, null, externalId, Map.of());
      SampleRow row = SampleRow.of(sourceId, null, PreparedSample.of(typeId, null, marker, days));
      wanted.put(row.key(), row);
    }
    Map<RowKey, StoredRow> known = stored.find(c, wanted.values());
    Set<Rollups.Group> recompute = new HashSet<>();
    List<Long> toDelete = new ArrayList<>();
    List<SampleRow> markers = new ArrayList<>();
    for (SampleRow row : wanted.values()) {
      StoredRow old = known.get(row.key());
      if (old == null) {
        markers.add(row);
      } else if (!old.deleted()) {
        toDelete.add(old.rowId());
        recompute.add(old.group(days));
      }
    }
    markDeleted(c, toDelete);
    insertRows(c, markers, true, null);
    Rollups.recompute(c, recompute, days);
    return toDelete.size();
  }

  /**
   * Tombstones the stored rows under the keys of {@code rows} (samples read from the store) and
   * recomputes their rollups; returns how many were newly deleted.
   */
  int tombstoneRows(Connection c, List<SampleRow> rows, DayBoundaries days) throws SQLException {
    Map<RowKey, StoredRow> known = stored.find(c, rows);
    Set<Rollups.Group> recompute = new HashSet<>();
    Set<Long> toDelete = new LinkedHashSet<>();
    for (SampleRow row : rows) {
      StoredRow old = known.get(row.key());
      if (old != null && !old.deleted() && toDelete.add(old.rowId())) {
        recompute.add(old.group(days));
      }
    }
    markDeleted(c, toDelete);
    Rollups.recompute(c, recompute, days);
    return toDelete.size();
  }

  /** Tombstones stored rows by id; the caller recomputes their rollups. */
  void markDeleted(Connection c, Collection<Long> rowIds) throws SQLException {
    setDeleted(c, rowIds, true);
  }

  /**
   * Brings tombstoned rows back with new content, each {@code rows} entry replacing the row of its
   * id, and recomputes the rollups they leave and join.
   */
  void revive(Connection c, Map<Long, SampleRow> rows, Map<Long, StoredRow> old, DayBoundaries days)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    Map<RowKey, Long> ids = new HashMap<>();
    Set<Rollups.Group> recompute = new HashSet<>();
    for (Map.Entry<Long, SampleRow> e : rows.entrySet()) {
      ids.put(e.getValue().key(), e.getKey());
      recompute.add(old.get(e.getKey()).group(days));
      recompute.add(e.getValue().group());
    }
    updateSamples(c, rows.values(), ids);
    setDeleted(c, rows.keySet(), false);
    Rollups.recompute(c, recompute, days);
  }

  private static void setDeleted(Connection c, Collection<Long> rowIds, boolean deleted)
      throws SQLException {
    if (rowIds.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE samples SET deleted = ? WHERE id = ?")) {
      for (long id : rowIds) {
        ps.setInt(1, deleted ? 1 : 0);
        ps.setLong(2, id);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * Inserts rows under new sequential ids, which keeps a time-ordered import appending (numbered by
   * the engine or by the store, see {@link SqlDialect#storeNumbersSamples}). Rows go {@value
   * #ROWS_PER_INSERT} to a statement: the engine then keeps its cursors on the table's last page
   * between rows instead of seeking from the root for each row, and the driver crosses into native
   * code less often.
   */
  private void insertRows(
      Connection c, Collection<SampleRow> rows, boolean deleted, Map<RowKey, Long> ids)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    // Numbered here also when the caller wants the new rows' ids (SQLite takes explicit ids too).
    boolean numbered = numbersRows || ids != null;
    long nextId = numbered ? Jdbc.queryLong(c, "SELECT COALESCE(MAX(id), 0) + 1 FROM samples") : 0;
    int columns = numbered ? PreparedSample.COLUMN_COUNT + 1 : PreparedSample.COLUMN_COUNT;
    int grouped = rows.size() / ROWS_PER_INSERT * ROWS_PER_INSERT;
    Iterator<SampleRow> it = rows.iterator();
    if (grouped > 0) {
      try (PreparedStatement ps =
          c.prepareStatement(insertSql(ROWS_PER_INSERT, deleted, numbered))) {
        for (int i = 0; i < grouped; i++) {
          int at = (i % ROWS_PER_INSERT) * columns;
          SampleRow row = it.next();
          if (numbered) {
            remember(ids, row, nextId);
            ps.setLong(++at, nextId++);
          }
          bindInsert(ps, at, row);
          if (i % ROWS_PER_INSERT == ROWS_PER_INSERT - 1) {
            // Executed one by one: a JDBC batch would keep every boxed parameter of the
            // transaction in one growing array, large enough to make the collector work hard.
            ps.executeUpdate();
          }
        }
      }
    }
    if (it.hasNext()) {
      try (PreparedStatement ps = c.prepareStatement(insertSql(1, deleted, numbered))) {
        while (it.hasNext()) {
          int at = 0;
          SampleRow row = it.next();
          if (numbered) {
            remember(ids, row, nextId);
            ps.setLong(++at, nextId++);
          }
          bindInsert(ps, at, row);
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
  }

  private static void remember(Map<RowKey, Long> ids, SampleRow row, long id) {
    if (ids != null) {
      ids.put(row.key(), id);
    }
  }

  private static String insertSql(int rows, boolean deleted, boolean numbered) {
    String values =
        "("
            + (numbered ? "?, " : "")
            + Jdbc.placeholders(PreparedSample.COLUMN_COUNT)
            + (deleted ? ", 1)" : ", 0)");
    return "INSERT INTO samples ("
        + (numbered ? "id, " : "")
        + PreparedSample.COLUMNS
        + ", deleted) VALUES "
        + String.join(", ", Collections.nCopies(rows, values));
  }

  private static void bindInsert(PreparedStatement ps, int at, SampleRow r) throws SQLException {
    PreparedSample s = r.sample();
    ps.setInt(at + 1, s.typeId());
    ps.setInt(at + 2, r.sourceId());
    ps.setLong(at + 3, s.startMs());
    ps.setInt(at + 4, s.startOffset());
    ps.setLong(at + 5, s.endMs());
    ps.setInt(at + 6, s.endOffset());
    ps.setDouble(at + 7, s.value());
    Jdbc.setIntOrNull(ps, at + 8, r.deviceId());
    ps.setString(at + 9, s.externalId());
    ps.setString(at + 10, s.metadataJson());
  }

  private static void updateSamples(Connection c, Collection<SampleRow> rows, Map<RowKey, Long> ids)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE samples SET start_ms = ?, start_offset = ?, end_ms = ?, end_offset = ?,"
                + " val = ?, device_id = ?, metadata = ? WHERE id = ?")) {
      for (SampleRow r : rows) {
        PreparedSample s = r.sample();
        ps.setLong(1, s.startMs());
        ps.setInt(2, s.startOffset());
        ps.setLong(3, s.endMs());
        ps.setInt(4, s.endOffset());
        ps.setDouble(5, s.value());
        Jdbc.setIntOrNull(ps, 6, r.deviceId());
        ps.setString(7, s.metadataJson());
        ps.setLong(8, ids.get(r.key()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }
}
