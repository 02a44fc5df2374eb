package org.openvitals.core.store.sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.openvitals.core.model.DeviceClass;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.DailyRollup;
import org.openvitals.core.store.Engine;
import org.openvitals.core.store.IntegrityReport;
import org.openvitals.core.store.PreparedSamples;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.SourceSummary;
import org.openvitals.core.store.StoreException;
import org.openvitals.core.store.StoreInfo;
import org.openvitals.core.store.WriteResult;
import org.openvitals.core.time.DayBoundaries;

/**
 * The store over plain JDBC, shared by both engines; the schema is the same in both (see the Flyway
 * migrations), only transaction control and the engine's own checks differ.
 *
 * <p>All writes go through one connection under one lock, so they are serialised and never deadlock
 * each other. Reads borrow connections from a pool and see only committed data, so they run while a
 * write is in progress.
 *
 * <p>Daily rollups are kept exact in the write transaction: a group (type, source, day) that only
 * gained new samples is updated by adding the new samples' figures; a group in which a stored
 * sample changed or was tombstoned is recomputed from its samples, since a minimum or maximum
 * cannot be taken back by a delta.
 */
public abstract class SqlSampleStore implements SampleStore {

  private static final String DAY_BOUNDARIES_SETTING = "day_boundaries";

  /** Keys looked up per query when finding which samples of a batch are already stored. */
  private static final int LOOKUP_CHUNK = 500;

  private static final String SAMPLE_COLUMNS =
      "type_id, source_id, start_ms, start_offset, end_ms, end_offset, val, device_id,"
          + " external_id, metadata";

  private final Engine engine;
  private final Path location;
  private final boolean encrypted;
  private final String schemaVersion;
  private final Connection writer;
  private final ReaderPool readers;
  private final ReentrantLock writeLock = new ReentrantLock();

  private final Map<MetricType, Integer> typeIds = new EnumMap<>(MetricType.class);
  private final Map<Integer, MetricType> typesById = new HashMap<>();
  private final Map<SourceRef, Integer> sourceIds = new ConcurrentHashMap<>();
  private final Map<Integer, SourceRef> sourcesById = new ConcurrentHashMap<>();

  /** Sources first seen in the running write; published to the maps above only on commit. */
  private final Map<SourceRef, Integer> pendingSources = new HashMap<>();

  /**
   * Device descriptions, stored once each: Apple's run to ~90 bytes and repeat on millions of
   * samples, so keeping them out of the sample rows makes the rows half as large.
   */
  private final Map<String, Integer> deviceIds = new ConcurrentHashMap<>();

  private final Map<Integer, String> devicesById = new ConcurrentHashMap<>();
  private final Map<String, Integer> pendingDevices = new HashMap<>();

  /** Used by {@link #prepare}, which holds its lock. */
  private final MetadataJson.Cache metadataJson = new MetadataJson.Cache();

  private volatile DayBoundaries dayBoundaries;
  private volatile boolean closed;

  /**
   * @param writer the one connection that writes; the store owns and closes it
   * @param readers opens a read connection on demand
   */
  protected SqlSampleStore(
      Engine engine,
      Path location,
      boolean encrypted,
      String schemaVersion,
      Connection writer,
      ConnectionOpener readers,
      int idleReaders) {
    this.engine = engine;
    this.location = location;
    this.encrypted = encrypted;
    this.schemaVersion = schemaVersion;
    this.writer = writer;
    this.readers = new ReaderPool(readers, idleReaders);
    try {
      write("open the store", this::loadCatalog);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  // ---------------------------------------------------------------- engine hooks

  /** Starts a write transaction on the writer connection. */
  protected abstract void begin(Connection c) throws SQLException;

  protected abstract void commit(Connection c) throws SQLException;

  protected abstract void rollback(Connection c) throws SQLException;

  /** The engine's own integrity check; empty when healthy. */
  protected abstract List<String> engineIntegrityProblems(Connection c) throws SQLException;

  // ---------------------------------------------------------------- writes

  @Override
  public WriteResult upsert(Collection<Sample> samples, Map<String, String> state) {
    Objects.requireNonNull(samples, "samples");
    return upsert(prepare(samples), state);
  }

  @Override
  public PreparedSamples prepare(Collection<Sample> samples) {
    DayBoundaries days = dayBoundaries;
    List<Prepared> prepared = new ArrayList<>(samples.size());
    synchronized (metadataJson) {
      for (Sample s : samples) {
        prepared.add(Prepared.of(typeId(s.type()), metadataJson.write(s.metadata()), s, days));
      }
    }
    return new Batch(this, days, prepared);
  }

  @Override
  public WriteResult upsert(PreparedSamples samples, Map<String, String> state) {
    Objects.requireNonNull(samples, "samples");
    Objects.requireNonNull(state, "state");
    if (!(samples instanceof Batch batch) || batch.store() != this) {
      throw new IllegalArgumentException("These samples were prepared by another store");
    }
    return write("store " + samples.size() + " samples", c -> doUpsert(c, batch, state));
  }

  @Override
  public int tombstone(
      SourceRef source,
      MetricType type,
      Collection<String> externalIds,
      Map<String, String> state) {
    return write(
        "tombstone " + externalIds.size() + " " + type.id() + " samples of " + source,
        c -> doTombstone(c, source, type, externalIds, state));
  }

  @Override
  public void setDeviceClass(SourceRef source, DeviceClass deviceClass) {
    write(
        "set the device class of " + source,
        c -> {
          int id = sourceId(c, source);
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE sources SET device_class = ? WHERE id = ?")) {
            ps.setString(1, deviceClass.id());
            ps.setInt(2, id);
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public DayBoundaries dayBoundaries() {
    return dayBoundaries;
  }

  @Override
  public void setDayBoundaries(DayBoundaries boundaries) {
    Objects.requireNonNull(boundaries, "boundaries");
    write(
        "change the day boundaries to " + boundaries.id(),
        c -> {
          putSetting(c, DAY_BOUNDARIES_SETTING, boundaries.id());
          try (Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM daily_rollups");
          }
          Map<Group, Acc> all = aggregateAllLiveSamples(c, boundaries);
          insertRollups(c, all);
          return null;
        });
    dayBoundaries = boundaries;
  }

  @Override
  public void putState(String key, String value) {
    Objects.requireNonNull(value, "value");
    write(
        "save state " + key,
        c -> {
          putStates(c, Map.of(key, value));
          return null;
        });
  }

  @Override
  public void removeState(String key) {
    write(
        "remove state " + key,
        c -> {
          try (PreparedStatement ps = c.prepareStatement("DELETE FROM state WHERE state_key = ?")) {
            ps.setString(1, key);
            ps.executeUpdate();
          }
          return null;
        });
  }

  private WriteResult doUpsert(Connection c, Batch batch, Map<String, String> state)
      throws SQLException {
    DayBoundaries days = currentDayBoundaries(c);
    // Day boundaries changed since the batch was prepared (rare): its days are recounted.
    boolean recountDays = !days.equals(batch.days());
    List<Row> rows = new ArrayList<>(batch.size());
    SourceRef lastSource = null;
    int lastSourceId = 0;
    String lastDevice = null;
    Integer lastDeviceId = null;
    for (Prepared p : batch.samples()) {
      // Imports repeat the same source and device row after row: one lookup per change.
      if (!p.source().equals(lastSource)) {
        lastSource = p.source();
        lastSourceId = sourceId(c, lastSource);
      }
      if (!Objects.equals(p.device(), lastDevice)) {
        lastDevice = p.device();
        lastDeviceId = deviceId(c, lastDevice);
      }
      Prepared sample =
          recountDays ? p.withEpochDay(epochDay(days, p.startMs(), p.startOffset())) : p;
      rows.add(Row.of(lastSourceId, lastDeviceId, sample));
    }
    Map<Identity, Stored> stored = lookup(c, rows, engine);

    Map<Identity, Row> inserts = LinkedHashMap.newLinkedHashMap(rows.size());
    Map<Identity, Row> updates = new LinkedHashMap<>();
    Map<Identity, Long> updateIds = new HashMap<>();
    Set<Group> recompute = new HashSet<>();
    int inserted = 0;
    int updated = 0;
    int unchanged = 0;
    for (Row row : rows) {
      Identity id = row.identity();
      Stored old = stored.isEmpty() ? null : stored.get(id);
      if (old == null) {
        Row pending = inserts.putIfAbsent(id, row);
        if (pending == null) {
          inserted++;
        } else if (pending.sameContentAs(row)) {
          // The same sample twice in one batch: the later one wins.
          unchanged++;
        } else {
          inserts.put(id, row);
          updated++;
        }
        continue;
      }
      Row pending = updates.get(id);
      if (pending != null) {
        if (pending.sameContentAs(row)) {
          unchanged++;
        } else {
          updates.put(id, row);
          updated++;
          recompute.add(row.group());
        }
      } else if (old.deleted() || old.sameContentAs(row)) {
        unchanged++;
      } else {
        updates.put(id, row);
        updateIds.put(id, old.rowId());
        updated++;
        recompute.add(old.group(days));
        recompute.add(row.group());
      }
    }

    // In (type, start) order: an export that interleaves types would otherwise send every row of
    // the (type, start) index to another leaf page; sorted, they arrive next to each other.
    List<Row> newRows = new ArrayList<>(inserts.values());
    newRows.sort(BY_TYPE_AND_START);
    insertRows(c, newRows, false);
    updateSamples(c, updates.values(), updateIds);

    Map<Group, Acc> deltas = new HashMap<>();
    for (Row row : inserts.values()) {
      Group g = row.group();
      if (!recompute.contains(g)) {
        deltas.computeIfAbsent(g, k -> new Acc()).add(row.value(), row.startMs(), row.endMs());
      }
    }
    addToRollups(c, deltas);
    recomputeRollups(c, recompute, days);
    putStates(c, state);
    return new WriteResult(inserted, updated, unchanged);
  }

  private int doTombstone(
      Connection c,
      SourceRef source,
      MetricType type,
      Collection<String> externalIds,
      Map<String, String> state)
      throws SQLException {
    DayBoundaries days = currentDayBoundaries(c);
    int typeId = typeId(type);
    int sourceId = sourceId(c, source);
    OffsetDateTime epoch = OffsetDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC);
    Map<Identity, Row> wanted = new LinkedHashMap<>();
    for (String externalId : externalIds) {
      // Stands for the sample if it was never stored, so that a late copy stays deleted.
      Sample marker = new Sample(type, epoch, epoch, 0, source, null, externalId, Map.of());
      Row row = Row.of(sourceId, null, Prepared.of(typeId, null, marker, days));
      wanted.put(row.identity(), row);
    }
    Map<Identity, Stored> stored = lookup(c, wanted.values(), engine);
    Set<Group> recompute = new HashSet<>();
    List<Long> toDelete = new ArrayList<>();
    List<Row> markers = new ArrayList<>();
    for (Row row : wanted.values()) {
      Stored old = stored.get(row.identity());
      if (old == null) {
        markers.add(row);
      } else if (!old.deleted()) {
        toDelete.add(old.rowId());
        recompute.add(old.group(days));
      }
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE samples SET deleted = 1 WHERE id = ?")) {
      for (long id : toDelete) {
        ps.setLong(1, id);
        ps.addBatch();
      }
      if (!toDelete.isEmpty()) {
        ps.executeBatch();
      }
    }
    insertRows(c, markers, true);
    recomputeRollups(c, recompute, days);
    putStates(c, state);
    return toDelete.size();
  }

  /**
   * Inserts rows under new sequential ids, which keeps a time-ordered import appending (SQLite
   * picks them itself; H2 has no auto-increment column here). Rows go {@value #ROWS_PER_INSERT} to
   * a statement: the engine then keeps its cursors on the table's last page between rows instead of
   * seeking from the root for each row, and the driver crosses into native code less often.
   */
  private void insertRows(Connection c, Collection<Row> rows, boolean deleted) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    boolean explicitIds = engine == Engine.H2;
    long nextId = explicitIds ? queryLong(c, "SELECT COALESCE(MAX(id), 0) + 1 FROM samples") : 0;
    int columns = explicitIds ? INSERT_COLUMNS + 1 : INSERT_COLUMNS;
    int grouped = rows.size() / ROWS_PER_INSERT * ROWS_PER_INSERT;
    Iterator<Row> it = rows.iterator();
    if (grouped > 0) {
      try (PreparedStatement ps =
          c.prepareStatement(insertSql(ROWS_PER_INSERT, explicitIds, deleted))) {
        for (int i = 0; i < grouped; i++) {
          int at = (i % ROWS_PER_INSERT) * columns;
          if (explicitIds) {
            ps.setLong(++at, nextId++);
          }
          bindInsert(ps, at, it.next());
          if (i % ROWS_PER_INSERT == ROWS_PER_INSERT - 1) {
            // Executed one by one: a JDBC batch would keep every boxed parameter of the
            // transaction in one growing array, large enough to make the collector work hard.
            ps.executeUpdate();
          }
        }
      }
    }
    if (it.hasNext()) {
      try (PreparedStatement ps = c.prepareStatement(insertSql(1, explicitIds, deleted))) {
        while (it.hasNext()) {
          int at = 0;
          if (explicitIds) {
            ps.setLong(++at, nextId++);
          }
          bindInsert(ps, at, it.next());
          ps.addBatch();
        }
        ps.executeBatch();
      }
    }
  }

  private static final Comparator<Row> BY_TYPE_AND_START =
      Comparator.comparingInt(Row::typeId).thenComparingLong(Row::startMs);

  private static final int ROWS_PER_INSERT = 64;
  private static final int INSERT_COLUMNS = 10;

  private static String insertSql(int rows, boolean explicitIds, boolean deleted) {
    String values =
        "("
            + (explicitIds ? "?, " : "")
            + placeholders(INSERT_COLUMNS)
            + (deleted ? ", 1)" : ", 0)");
    return "INSERT INTO samples ("
        + (explicitIds ? "id, " : "")
        + SAMPLE_COLUMNS
        + ", deleted) VALUES "
        + String.join(", ", Collections.nCopies(rows, values));
  }

  private static void bindInsert(PreparedStatement ps, int at, Row r) throws SQLException {
    Prepared s = r.sample();
    ps.setInt(at + 1, s.typeId());
    ps.setInt(at + 2, r.sourceId());
    ps.setLong(at + 3, s.startMs());
    ps.setInt(at + 4, s.startOffset());
    ps.setLong(at + 5, s.endMs());
    ps.setInt(at + 6, s.endOffset());
    ps.setDouble(at + 7, s.value());
    setDeviceId(ps, at + 8, r.deviceId());
    ps.setString(at + 9, s.externalId());
    ps.setString(at + 10, s.metadataJson());
  }

  private static void setDeviceId(PreparedStatement ps, int index, Integer deviceId)
      throws SQLException {
    if (deviceId == null) {
      ps.setNull(index, java.sql.Types.INTEGER);
    } else {
      ps.setInt(index, deviceId);
    }
  }

  private static void updateSamples(Connection c, Collection<Row> rows, Map<Identity, Long> ids)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE samples SET start_ms = ?, start_offset = ?, end_ms = ?, end_offset = ?,"
                + " val = ?, device_id = ?, metadata = ? WHERE id = ?")) {
      for (Row r : rows) {
        Prepared s = r.sample();
        ps.setLong(1, s.startMs());
        ps.setInt(2, s.startOffset());
        ps.setLong(3, s.endMs());
        ps.setInt(4, s.endOffset());
        ps.setDouble(5, s.value());
        setDeviceId(ps, 6, r.deviceId());
        ps.setString(7, s.metadataJson());
        ps.setLong(8, ids.get(r.identity()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /**
   * What is stored (tombstones included) under the natural keys of {@code rows}; absent keys are
   * new. Samples with an external id are looked up by it; the others by their start time through
   * the (type, start) index, then matched exactly on source, end and value.
   */
  private static Map<Identity, Stored> lookup(Connection c, Collection<Row> rows, Engine engine)
      throws SQLException {
    Map<Long, Set<String>> externalIds = new HashMap<>();
    Map<Integer, Set<Long>> starts = new HashMap<>();
    // SQLite: an import arrives in time order, so samples starting after the latest stored start of
    // their type cannot be stored yet and only the others are looked up (one index seek per type).
    Map<Integer, Long> latestStored = new HashMap<>();
    try (PreparedStatement latest =
        engine == Engine.SQLITE
            ? c.prepareStatement("SELECT MAX(start_ms) FROM samples WHERE type_id = ?")
            : null) {
      for (Row r : rows) {
        String externalId = r.sample().externalId();
        if (externalId != null) {
          externalIds
              .computeIfAbsent(((long) r.sourceId() << 32) | r.typeId(), k -> new HashSet<>())
              .add(externalId);
          continue;
        }
        if (latest != null) {
          Long latestStart = latestStored.get(r.typeId());
          if (latestStart == null) {
            latestStart = latestStart(latest, r.typeId());
            latestStored.put(r.typeId(), latestStart);
          }
          if (r.startMs() > latestStart) {
            continue;
          }
        }
        starts.computeIfAbsent(r.typeId(), k -> new HashSet<>()).add(r.startMs());
      }
    }
    Map<Identity, Stored> found = new HashMap<>();
    if (!externalIds.isEmpty() && engine == Engine.H2) {
      // As below: H2 would use only (source_id, type_id) of the index for an IN list.
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT "
                  + STORED_COLUMNS.replaceAll("(\\w+)", "s.$1")
                  + " FROM UNNEST(?) AS wanted(x) JOIN samples s"
                  + " ON s.source_id = ? AND s.type_id = ? AND s.external_id = wanted.x")) {
        for (Map.Entry<Long, Set<String>> e : externalIds.entrySet()) {
          ps.setObject(1, e.getValue().toArray(String[]::new));
          ps.setInt(2, (int) (e.getKey() >>> 32));
          ps.setInt(3, (int) (long) e.getKey());
          readStored(ps, found, true);
        }
      }
    } else if (!externalIds.isEmpty()) {
      try (InListQuery byExternalId =
          new InListQuery(
              c, "source_id = ? AND type_id = ? AND external_id IS NOT NULL", "external_id")) {
        for (Map.Entry<Long, Set<String>> e : externalIds.entrySet()) {
          int[] sourceAndType = {(int) (e.getKey() >>> 32), (int) (long) e.getKey()};
          byExternalId.run(sourceAndType, List.copyOf(e.getValue()), found, true);
        }
      }
    }
    if (!starts.isEmpty() && engine == Engine.H2) {
      // H2 uses only the index's first column for "start_ms IN (...)" and would scan every sample
      // of the type per chunk; joining the wanted times as a table uses both columns.
      try (PreparedStatement ps =
          c.prepareStatement(
              "SELECT "
                  + STORED_COLUMNS.replaceAll("(\\w+)", "s.$1")
                  + " FROM UNNEST(?) AS wanted(t) JOIN samples s"
                  + " ON s.type_id = ? AND s.start_ms = wanted.t")) {
        for (Map.Entry<Integer, Set<Long>> e : starts.entrySet()) {
          ps.setObject(1, e.getValue().toArray(Long[]::new));
          ps.setInt(2, e.getKey());
          readStored(ps, found, false);
        }
      }
    } else if (!starts.isEmpty()) {
      try (InListQuery byStart = new InListQuery(c, "type_id = ?", "start_ms")) {
        for (Map.Entry<Integer, Set<Long>> e : starts.entrySet()) {
          byStart.run(new int[] {e.getKey()}, List.copyOf(e.getValue()), found, false);
        }
      }
    }
    return found;
  }

  /**
   * Looks up stored samples by a list of keys ({@code column IN (...)}), at most {@value
   * #LOOKUP_CHUNK} to a statement. A shorter list goes to a statement sized to the next power of
   * two, its last key repeated to fill it, so a batch with a few keys per type binds a few
   * parameters rather than a full chunk's worth. Statements are prepared once per size.
   */
  private static final class InListQuery implements AutoCloseable {
    private final Connection c;
    private final String filter;
    private final String column;
    private final Map<Integer, PreparedStatement> bySize = new HashMap<>();

    InListQuery(Connection c, String filter, String column) {
      this.c = c;
      this.filter = filter;
      this.column = column;
    }

    void run(int[] filterValues, List<?> keys, Map<Identity, Stored> into, boolean withExternalId)
        throws SQLException {
      for (int from = 0; from < keys.size(); from += LOOKUP_CHUNK) {
        int count = Math.min(LOOKUP_CHUNK, keys.size() - from);
        int size = Math.min(LOOKUP_CHUNK, Integer.highestOneBit(count - 1) << 1);
        PreparedStatement ps = statement(Math.max(1, size));
        for (int i = 0; i < filterValues.length; i++) {
          ps.setInt(i + 1, filterValues[i]);
        }
        for (int i = 0; i < Math.max(1, size); i++) {
          ps.setObject(filterValues.length + 1 + i, keys.get(from + Math.min(i, count - 1)));
        }
        readStored(ps, into, withExternalId);
      }
    }

    private PreparedStatement statement(int size) throws SQLException {
      PreparedStatement ps = bySize.get(size);
      if (ps == null) {
        ps =
            c.prepareStatement(
                "SELECT "
                    + STORED_COLUMNS
                    + " FROM samples WHERE "
                    + filter
                    + " AND "
                    + column
                    + " IN ("
                    + placeholders(size)
                    + ")");
        bySize.put(size, ps);
      }
      return ps;
    }

    @Override
    public void close() throws SQLException {
      SQLException first = null;
      for (PreparedStatement ps : bySize.values()) {
        try {
          ps.close();
        } catch (SQLException e) {
          if (first == null) {
            first = e;
          } else {
            first.addSuppressed(e);
          }
        }
      }
      if (first != null) {
        throw first;
      }
    }
  }

  /** The latest start stored for a type (tombstones included), or Long.MIN_VALUE for none. */
  private static long latestStart(PreparedStatement latest, int typeId) throws SQLException {
    latest.setInt(1, typeId);
    try (ResultSet rs = latest.executeQuery()) {
      rs.next();
      long max = rs.getLong(1);
      return rs.wasNull() ? Long.MIN_VALUE : max;
    }
  }

  private static final String STORED_COLUMNS =
      "id, type_id, source_id, start_ms, start_offset, end_ms, val, device_id, external_id,"
          + " metadata, deleted";

  private static void readStored(
      PreparedStatement ps, Map<Identity, Stored> into, boolean withExternalId)
      throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String externalId = rs.getString(9);
        if ((externalId != null) != withExternalId) {
          continue;
        }
        int deviceId = rs.getInt(8);
        boolean noDevice = rs.wasNull();
        Stored s =
            new Stored(
                rs.getLong(1),
                rs.getInt(2),
                rs.getInt(3),
                rs.getLong(4),
                rs.getInt(5),
                rs.getLong(6),
                rs.getDouble(7),
                noDevice ? null : deviceId,
                externalId,
                rs.getString(10),
                rs.getInt(11) != 0);
        into.put(s.identity(), s);
      }
    }
  }

  private static String placeholders(int n) {
    return String.join(", ", Collections.nCopies(n, "?"));
  }

  // ---------------------------------------------------------------- rollups

  private static void addToRollups(Connection c, Map<Group, Acc> deltas) throws SQLException {
    if (deltas.isEmpty()) {
      return;
    }
    List<Map.Entry<Group, Acc>> entries = new ArrayList<>(deltas.entrySet());
    int[] counts;
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE daily_rollups SET sample_count = sample_count + ?, value_sum = value_sum + ?,"
                + " value_min = CASE WHEN value_min <= ? THEN value_min ELSE ? END,"
                + " value_max = CASE WHEN value_max >= ? THEN value_max ELSE ? END,"
                + " first_start_ms = CASE WHEN first_start_ms <= ? THEN first_start_ms ELSE ? END,"
                + " last_end_ms = CASE WHEN last_end_ms >= ? THEN last_end_ms ELSE ? END"
                + " WHERE type_id = ? AND epoch_day = ? AND source_id = ?")) {
      for (Map.Entry<Group, Acc> e : entries) {
        Group g = e.getKey();
        Acc a = e.getValue();
        ps.setLong(1, a.count);
        ps.setDouble(2, a.sum);
        ps.setDouble(3, a.min);
        ps.setDouble(4, a.min);
        ps.setDouble(5, a.max);
        ps.setDouble(6, a.max);
        ps.setLong(7, a.firstStart);
        ps.setLong(8, a.firstStart);
        ps.setLong(9, a.lastEnd);
        ps.setLong(10, a.lastEnd);
        ps.setInt(11, g.typeId());
        ps.setLong(12, g.epochDay());
        ps.setInt(13, g.sourceId());
        ps.addBatch();
      }
      counts = ps.executeBatch();
    }
    Map<Group, Acc> fresh = new HashMap<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] == 0) {
        fresh.put(entries.get(i).getKey(), entries.get(i).getValue());
      }
    }
    insertRollups(c, fresh);
  }

  private static void insertRollups(Connection c, Map<Group, Acc> rollups) throws SQLException {
    if (rollups.isEmpty()) {
      return;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO daily_rollups (type_id, epoch_day, source_id, sample_count, value_sum,"
                + " value_min, value_max, first_start_ms, last_end_ms)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Map.Entry<Group, Acc> e : rollups.entrySet()) {
        Group g = e.getKey();
        Acc a = e.getValue();
        ps.setInt(1, g.typeId());
        ps.setLong(2, g.epochDay());
        ps.setInt(3, g.sourceId());
        ps.setLong(4, a.count);
        ps.setDouble(5, a.sum);
        ps.setDouble(6, a.min);
        ps.setDouble(7, a.max);
        ps.setLong(8, a.firstStart);
        ps.setLong(9, a.lastEnd);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Recomputes each group from its live samples, removing groups that have none left. */
  private static void recomputeRollups(Connection c, Set<Group> groups, DayBoundaries days)
      throws SQLException {
    if (groups.isEmpty()) {
      return;
    }
    Map<Group, Acc> recomputed = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COUNT(*), SUM(val), MIN(val), MAX(val), MIN(start_ms), MAX(end_ms)"
                + " FROM samples WHERE type_id = ? AND start_ms >= ? AND start_ms < ?"
                + " AND source_id = ? AND deleted = 0"
                + " AND (? = 0 OR (start_ms + start_offset * 1000 >= ?"
                + " AND start_ms + start_offset * 1000 < ?))")) {
      for (Group g : groups) {
        DayRange range = DayRange.of(days, g.epochDay());
        ps.setInt(1, g.typeId());
        ps.setLong(2, range.fromMs());
        ps.setLong(3, range.toMs());
        ps.setInt(4, g.sourceId());
        ps.setInt(5, range.byLocalTime() ? 1 : 0);
        ps.setLong(6, range.localFromMs());
        ps.setLong(7, range.localToMs());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          long count = rs.getLong(1);
          if (count > 0) {
            Acc a = new Acc();
            a.count = count;
            a.sum = rs.getDouble(2);
            a.min = rs.getDouble(3);
            a.max = rs.getDouble(4);
            a.firstStart = rs.getLong(5);
            a.lastEnd = rs.getLong(6);
            recomputed.put(g, a);
          }
        }
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM daily_rollups WHERE type_id = ? AND epoch_day = ? AND source_id = ?")) {
      for (Group g : groups) {
        ps.setInt(1, g.typeId());
        ps.setLong(2, g.epochDay());
        ps.setInt(3, g.sourceId());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    insertRollups(c, recomputed);
  }

  /** Rollups of every live sample, computed afresh by streaming the samples once. */
  private static Map<Group, Acc> aggregateAllLiveSamples(Connection c, DayBoundaries days)
      throws SQLException {
    Map<Group, Acc> all = new HashMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT type_id, source_id, start_ms, start_offset, end_ms, val FROM samples"
                    + " WHERE deleted = 0")) {
      while (rs.next()) {
        long startMs = rs.getLong(3);
        Group g = new Group(rs.getInt(1), rs.getInt(2), epochDay(days, startMs, rs.getInt(4)));
        all.computeIfAbsent(g, k -> new Acc()).add(rs.getDouble(6), startMs, rs.getLong(5));
      }
    }
    return all;
  }

  private static long epochDay(DayBoundaries days, long startMs, int offsetSeconds) {
    return days.dayOf(at(startMs, offsetSeconds)).toEpochDay();
  }

  private static OffsetDateTime at(long epochMs, int offsetSeconds) {
    return OffsetDateTime.ofInstant(
        Instant.ofEpochMilli(epochMs), ZoneOffset.ofTotalSeconds(offsetSeconds));
  }

  // ---------------------------------------------------------------- state and settings

  private static void putStates(Connection c, Map<String, String> entries) throws SQLException {
    if (entries.isEmpty()) {
      return;
    }
    upsertKeyValue(c, "state", "state_key", "state_value", entries);
  }

  private static void putSetting(Connection c, String name, String value) throws SQLException {
    upsertKeyValue(c, "settings", "name", "val", Map.of(name, value));
  }

  /** Update-then-insert works the same on both engines and needs no engine-specific syntax. */
  private static void upsertKeyValue(
      Connection c, String table, String keyColumn, String valueColumn, Map<String, String> entries)
      throws SQLException {
    List<Map.Entry<String, String>> list = new ArrayList<>(entries.entrySet());
    int[] counts;
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE " + table + " SET " + valueColumn + " = ? WHERE " + keyColumn + " = ?")) {
      for (Map.Entry<String, String> e : list) {
        ps.setString(1, e.getValue());
        ps.setString(2, e.getKey());
        ps.addBatch();
      }
      counts = ps.executeBatch();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO " + table + " (" + keyColumn + ", " + valueColumn + ") VALUES (?, ?)")) {
      boolean any = false;
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] == 0) {
          ps.setString(1, list.get(i).getKey());
          ps.setString(2, list.get(i).getValue());
          ps.addBatch();
          any = true;
        }
      }
      if (any) {
        ps.executeBatch();
      }
    }
  }

  @Override
  public Optional<String> state(String key) {
    return read(
        "read state " + key,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT state_value FROM state WHERE state_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
          }
        });
  }

  @Override
  public Map<String, String> stateWithPrefix(String prefix) {
    return read(
        "read state " + prefix + "*",
        c -> {
          Map<String, String> found = new TreeMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT state_key, state_value FROM state WHERE state_key >= ?"
                      + " ORDER BY state_key")) {
            ps.setString(1, prefix);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                String key = rs.getString(1);
                if (!key.startsWith(prefix)) {
                  break;
                }
                found.put(key, rs.getString(2));
              }
            }
          }
          return Collections.unmodifiableMap(found);
        });
  }

  // ---------------------------------------------------------------- reads

  @Override
  public List<Sample> samples(MetricType type, Instant from, Instant to) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    List<Sample> out = new ArrayList<>();
    forEachSample(type, from, to, out::add);
    return out;
  }

  @Override
  public void forEachSample(
      MetricType typeOrNull, Instant fromOrNull, Instant toOrNull, Consumer<Sample> sink) {
    StringBuilder sql =
        new StringBuilder("SELECT ").append(SAMPLE_COLUMNS).append(" FROM samples WHERE ");
    List<Long> params = new ArrayList<>(3);
    if (typeOrNull != null) {
      sql.append("type_id = ? AND ");
      params.add((long) typeId(typeOrNull));
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
    read(
        "read samples",
        c -> {
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
          return null;
        });
  }

  private Sample toSample(Connection c, ResultSet rs) throws SQLException {
    MetricType type = typesById.get(rs.getInt(1));
    if (type == null) {
      throw new SQLException("Stored sample has unknown metric type id " + rs.getInt(1));
    }
    return new Sample(
        type,
        at(rs.getLong(3), rs.getInt(4)),
        at(rs.getLong(5), rs.getInt(6)),
        rs.getDouble(7),
        sourceById(c, rs.getInt(2)),
        deviceById(c, rs.getInt(8)),
        rs.getString(9),
        MetadataJson.read(rs.getString(10)));
  }

  @Override
  public List<DailyRollup> daily(MetricType type, LocalDate from, LocalDate to) {
    return read(
        "read daily " + type.id(),
        c -> {
          List<DailyRollup> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT epoch_day, source_id, sample_count, value_sum, value_min, value_max"
                      + " FROM daily_rollups WHERE type_id = ? AND epoch_day >= ?"
                      + " AND epoch_day <= ? ORDER BY epoch_day, source_id")) {
            ps.setInt(1, typeId(type));
            ps.setLong(2, from.toEpochDay());
            ps.setLong(3, to.toEpochDay());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new DailyRollup(
                        type,
                        sourceById(c, rs.getInt(2)),
                        LocalDate.ofEpochDay(rs.getLong(1)),
                        rs.getLong(3),
                        rs.getDouble(4),
                        rs.getDouble(5),
                        rs.getDouble(6)));
              }
            }
          }
          return out;
        });
  }

  @Override
  public List<SourceSummary> sources() {
    return read(
        "list sources",
        c -> {
          List<SourceSummary> out = new ArrayList<>();
          try (Statement st = c.createStatement();
              ResultSet rs =
                  st.executeQuery(
                      "SELECT s.provider, s.name, s.device_class, COALESCE(SUM(r.sample_count), 0),"
                          + " MIN(r.first_start_ms), MAX(r.last_end_ms)"
                          + " FROM sources s LEFT JOIN daily_rollups r ON r.source_id = s.id"
                          + " GROUP BY s.id, s.provider, s.name, s.device_class"
                          + " ORDER BY s.provider, s.name")) {
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
        });
  }

  @Override
  public StoreInfo info() {
    return read(
        "read store info",
        c ->
            new StoreInfo(
                engine,
                location,
                encrypted,
                schemaVersion,
                c.getMetaData().getDatabaseProductVersion(),
                queryLong(c, "SELECT COALESCE(SUM(sample_count), 0) FROM daily_rollups"),
                queryLong(c, "SELECT COUNT(*) FROM samples WHERE deleted = 1"),
                queryLong(c, "SELECT COUNT(*) FROM sources"),
                dayBoundaries.id()));
  }

  @Override
  public IntegrityReport checkIntegrity() {
    return read(
        "check integrity",
        c -> {
          List<String> problems = new ArrayList<>(engineIntegrityProblems(c));
          long orphans =
              queryLong(
                  c,
                  "SELECT COUNT(*) FROM samples s WHERE NOT EXISTS"
                      + " (SELECT 1 FROM sources o WHERE o.id = s.source_id)");
          if (orphans > 0) {
            problems.add(orphans + " samples refer to a source that does not exist");
          }
          long unknownTypes =
              queryLong(
                  c,
                  "SELECT COUNT(*) FROM samples s WHERE NOT EXISTS"
                      + " (SELECT 1 FROM metric_types t WHERE t.id = s.type_id)");
          if (unknownTypes > 0) {
            problems.add(unknownTypes + " samples refer to a metric type that does not exist");
          }
          problems.addAll(rollupProblems(c));
          return new IntegrityReport(problems);
        });
  }

  /** Compares every stored rollup with one computed afresh from the samples. */
  private List<String> rollupProblems(Connection c) throws SQLException {
    DayBoundaries days = dayBoundaries;
    Map<Group, Acc> expected = aggregateAllLiveSamples(c, days);
    List<String> problems = new ArrayList<>();
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT type_id, epoch_day, source_id, sample_count, value_sum, value_min,"
                    + " value_max FROM daily_rollups")) {
      while (rs.next()) {
        Group g = new Group(rs.getInt(1), rs.getInt(3), rs.getLong(2));
        Acc want = expected.remove(g);
        String what = describe(c, g);
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
    for (Group g : expected.keySet()) {
      problems.add("Daily rollup " + describe(c, g) + " is missing");
    }
    return problems;
  }

  private String describe(Connection c, Group g) throws SQLException {
    MetricType type = typesById.get(g.typeId());
    return (type == null ? "type#" + g.typeId() : type.id())
        + " / "
        + sourceById(c, g.sourceId())
        + " / "
        + LocalDate.ofEpochDay(g.epochDay());
  }

  /** Sums of the same values added in another order may differ in the last bits. */
  private static boolean close(double a, double b) {
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
  }

  private static long queryLong(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  // ---------------------------------------------------------------- catalog

  private Void loadCatalog(Connection c) throws SQLException {
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
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT id, provider, name FROM sources")) {
      while (rs.next()) {
        SourceRef ref = new SourceRef(rs.getString(2), rs.getString(3));
        sourceIds.put(ref, rs.getInt(1));
        sourcesById.put(rs.getInt(1), ref);
      }
    }
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT id, description FROM devices")) {
      while (rs.next()) {
        deviceIds.put(rs.getString(2), rs.getInt(1));
        devicesById.put(rs.getInt(1), rs.getString(2));
      }
    }
    Optional<String> stored = setting(c, DAY_BOUNDARIES_SETTING);
    if (stored.isPresent()) {
      dayBoundaries = DayBoundaries.parse(stored.get());
    } else {
      // Fixed on first open, so that a later change of the system zone cannot skew rollups.
      dayBoundaries = DayBoundaries.systemDefault();
      putSetting(c, DAY_BOUNDARIES_SETTING, dayBoundaries.id());
    }
    return null;
  }

  private static Optional<String> setting(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT val FROM settings WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  private int typeId(MetricType type) {
    return typeIds.get(type);
  }

  /**
   * The id of a source, creating it (with a guessed device class) on first sight. Another process
   * writing to the same file may have created it since this store loaded its cache.
   */
  private int sourceId(Connection c, SourceRef source) throws SQLException {
    Integer id = sourceIds.get(source);
    if (id == null) {
      id = pendingSources.get(source);
    }
    if (id != null) {
      return id;
    }
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id FROM sources WHERE provider = ? AND name = ?")) {
      ps.setString(1, source.provider());
      ps.setString(2, source.name());
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          id = rs.getInt(1);
        }
      }
    }
    if (id == null) {
      id = (int) queryLong(c, "SELECT COALESCE(MAX(id), 0) + 1 FROM sources");
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO sources (id, provider, name, device_class) VALUES (?, ?, ?, ?)")) {
        ps.setInt(1, id);
        ps.setString(2, source.provider());
        ps.setString(3, source.name());
        ps.setString(4, DeviceClass.guess(source.provider(), source.name()).id());
        ps.executeUpdate();
      }
    }
    pendingSources.put(source, id);
    return id;
  }

  /**
   * The id of a device description (null for none), storing it on first sight. Another process
   * writing to the same file may have stored it since this store loaded its cache.
   */
  private Integer deviceId(Connection c, String device) throws SQLException {
    if (device == null) {
      return null;
    }
    Integer id = deviceIds.get(device);
    if (id == null) {
      id = pendingDevices.get(device);
    }
    if (id != null) {
      return id;
    }
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id FROM devices WHERE description = ?")) {
      ps.setString(1, device);
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          id = rs.getInt(1);
        }
      }
    }
    if (id == null) {
      id = (int) queryLong(c, "SELECT COALESCE(MAX(id), 0) + 1 FROM devices");
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO devices (id, description) VALUES (?, ?)")) {
        ps.setInt(1, id);
        ps.setString(2, device);
        ps.executeUpdate();
      }
    }
    pendingDevices.put(device, id);
    return id;
  }

  /** Readers may meet a device committed after this store loaded its cache; 0 reads as none. */
  private String deviceById(Connection c, int id) throws SQLException {
    if (id == 0) {
      return null;
    }
    String device = devicesById.get(id);
    if (device != null) {
      return device;
    }
    try (PreparedStatement ps =
        c.prepareStatement("SELECT description FROM devices WHERE id = ?")) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("Stored data refers to device id " + id + ", which is missing");
        }
        device = rs.getString(1);
      }
    }
    devicesById.put(id, device);
    return device;
  }

  /** The day boundaries as committed, which another process may have changed. */
  private DayBoundaries currentDayBoundaries(Connection c) throws SQLException {
    String id = setting(c, DAY_BOUNDARIES_SETTING).orElseThrow();
    if (!id.equals(dayBoundaries.id())) {
      dayBoundaries = DayBoundaries.parse(id);
    }
    return dayBoundaries;
  }

  /** Readers may meet a source committed after this store loaded its cache. */
  private SourceRef sourceById(Connection c, int id) throws SQLException {
    SourceRef ref = sourcesById.get(id);
    if (ref != null) {
      return ref;
    }
    try (PreparedStatement ps =
        c.prepareStatement("SELECT provider, name FROM sources WHERE id = ?")) {
      ps.setInt(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("Stored data refers to source id " + id + ", which is missing");
        }
        ref = new SourceRef(rs.getString(1), rs.getString(2));
      }
    }
    sourcesById.put(id, ref);
    return ref;
  }

  // ---------------------------------------------------------------- transactions

  /** Opens one connection. */
  @FunctionalInterface
  protected interface ConnectionOpener {
    Connection open() throws SQLException;
  }

  @FunctionalInterface
  protected interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T write(String what, SqlWork<T> work) {
    ensureOpen();
    writeLock.lock();
    try {
      ensureOpen();
      pendingSources.clear();
      pendingDevices.clear();
      try {
        begin(writer);
        T result = work.run(writer);
        commit(writer);
        pendingSources.forEach((ref, id) -> {
          sourceIds.put(ref, id);
          sourcesById.put(id, ref);
        });
        pendingDevices.forEach((device, id) -> {
          deviceIds.put(device, id);
          devicesById.put(id, device);
        });
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          rollback(writer);
        } catch (SQLException rollbackFailure) {
          e.addSuppressed(rollbackFailure);
        }
        throw failure(what, e);
      } finally {
        pendingSources.clear();
        pendingDevices.clear();
      }
    } finally {
      writeLock.unlock();
    }
  }

  private <T> T read(String what, SqlWork<T> work) {
    ensureOpen();
    Connection c;
    try {
      c = readers.borrow();
    } catch (SQLException e) {
      throw failure(what, e);
    }
    try {
      return work.run(c);
    } catch (SQLException e) {
      throw failure(what, e);
    } finally {
      readers.release(c);
    }
  }

  private StoreException failure(String what, Exception e) {
    if (e instanceof StoreException se) {
      return se;
    }
    return new StoreException("Could not " + what + " in " + location + ": " + e.getMessage(), e);
  }

  private void ensureOpen() {
    if (closed) {
      throw new StoreException("The store in " + location + " is closed");
    }
  }

  @Override
  public void close() {
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      readers.close();
      try {
        writer.close();
      } catch (SQLException e) {
        throw new StoreException("Could not close the store in " + location, e);
      }
    } finally {
      writeLock.unlock();
    }
  }

  protected Path location() {
    return location;
  }

  // ---------------------------------------------------------------- value types

  private record Group(int typeId, int sourceId, long epochDay) {}

  /** Running figures of one rollup group. */
  private static final class Acc {
    long count;
    double sum;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    long firstStart = Long.MAX_VALUE;
    long lastEnd = Long.MIN_VALUE;

    void add(double value, long startMs, long endMs) {
      count++;
      sum += value;
      min = Math.min(min, value);
      max = Math.max(max, value);
      firstStart = Math.min(firstStart, startMs);
      lastEnd = Math.max(lastEnd, endMs);
    }
  }

  /**
   * A sample's natural key (DESIGN.md) with source and type resolved to ids: {@code (source, type,
   * external id)} when the sample has an external id, else {@code (source, type, start, end,
   * value)}. Instants, not local times: another UTC offset is the same sample.
   */
  private record Identity(
      int sourceId, int typeId, String externalId, long startMs, long endMs, long valueBits) {

    static Identity of(
        int sourceId, int typeId, String externalId, long startMs, long endMs, double value) {
      return externalId != null
          ? new Identity(sourceId, typeId, externalId, 0, 0, 0)
          : new Identity(sourceId, typeId, null, startMs, endMs, Double.doubleToLongBits(value));
    }
  }

  /** Samples in stored form, prepared by this store for {@link #upsert(PreparedSamples, Map)}. */
  private record Batch(SqlSampleStore store, DayBoundaries days, List<Prepared> samples)
      implements PreparedSamples {
    @Override
    public int size() {
      return samples.size();
    }
  }

  /**
   * A sample in stored form, computed by {@link #prepare} on the caller's thread: smaller than the
   * sample (no date-time objects, metadata as shared text), and nothing left for the writer to work
   * out but ids.
   */
  private record Prepared(
      int typeId,
      SourceRef source,
      long startMs,
      int startOffset,
      long endMs,
      int endOffset,
      double value,
      String device,
      String externalId,
      String metadataJson,
      long epochDay) {

    static Prepared of(int typeId, String metadataJson, Sample s, DayBoundaries days) {
      // -0.0 is stored as 0 by SQLite; normalising keeps the key stable across a round trip.
      double value = s.value() == 0 ? 0.0 : s.value();
      return new Prepared(
          typeId,
          s.source(),
          s.start().toInstant().toEpochMilli(),
          s.start().getOffset().getTotalSeconds(),
          s.end().toInstant().toEpochMilli(),
          s.end().getOffset().getTotalSeconds(),
          value,
          s.device(),
          s.externalId(),
          metadataJson,
          days.dayOf(s.start()).toEpochDay());
    }

    Prepared withEpochDay(long day) {
      return new Prepared(
          typeId,
          source,
          startMs,
          startOffset,
          endMs,
          endOffset,
          value,
          device,
          externalId,
          metadataJson,
          day);
    }
  }

  /** A prepared sample with its source and device ids, as the writer handles it. */
  private record Row(Identity identity, int sourceId, Integer deviceId, Prepared sample) {

    static Row of(int sourceId, Integer deviceId, Prepared s) {
      return new Row(
          Identity.of(sourceId, s.typeId(), s.externalId(), s.startMs(), s.endMs(), s.value()),
          sourceId,
          deviceId,
          s);
    }

    int typeId() {
      return sample.typeId();
    }

    long startMs() {
      return sample.startMs();
    }

    long endMs() {
      return sample.endMs();
    }

    double value() {
      return sample.value();
    }

    String metadataJson() {
      return sample.metadataJson();
    }

    Group group() {
      return new Group(sample.typeId(), sourceId, sample.epochDay());
    }

    boolean sameContentAs(Row other) {
      return startMs() == other.startMs()
          && endMs() == other.endMs()
          && Double.compare(value(), other.value()) == 0
          && Objects.equals(deviceId, other.deviceId)
          && Objects.equals(metadataJson(), other.metadataJson());
    }
  }

  /** What is stored for a natural key. */
  private record Stored(
      long rowId,
      int typeId,
      int sourceId,
      long startMs,
      int startOffset,
      long endMs,
      double value,
      Integer deviceId,
      String externalId,
      String metadataJson,
      boolean deleted) {

    Identity identity() {
      return Identity.of(sourceId, typeId, externalId, startMs, endMs, value == 0 ? 0.0 : value);
    }

    Group group(DayBoundaries days) {
      return new Group(typeId, sourceId, epochDay(days, startMs, startOffset));
    }

    /**
     * The UTC offset is not compared: the same moment written with another offset is the same,
     * unchanged sample, and keeps the offset it was first stored with.
     */
    boolean sameContentAs(Row row) {
      return startMs == row.startMs()
          && endMs == row.endMs()
          && Double.compare(value, row.value()) == 0
          && Objects.equals(deviceId, row.deviceId())
          && Objects.equals(metadataJson, row.metadataJson());
    }
  }

  /** The stretch of stored start times that can belong to one local day. */
  private record DayRange(
      long fromMs, long toMs, boolean byLocalTime, long localFromMs, long localToMs) {
    /** UTC offsets span at most ±18 hours. */
    private static final long MAX_OFFSET_MS = 18L * 3600 * 1000;

    static DayRange of(DayBoundaries days, long epochDay) {
      LocalDate day = LocalDate.ofEpochDay(epochDay);
      return switch (days) {
        case DayBoundaries.FixedZone fixed ->
            new DayRange(
                fixed.startOf(day).toEpochMilli(),
                fixed.startOf(day.plusDays(1)).toEpochMilli(),
                false,
                0,
                0);
        case DayBoundaries.SampleLocal local -> {
          long localFrom = epochDay * 86_400_000L;
          long localTo = localFrom + 86_400_000L;
          yield new DayRange(
              localFrom - MAX_OFFSET_MS, localTo + MAX_OFFSET_MS, true, localFrom, localTo);
        }
      };
    }
  }
}
