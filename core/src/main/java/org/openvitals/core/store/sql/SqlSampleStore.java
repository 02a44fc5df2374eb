package org.openvitals.core.store.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.openvitals.core.model.DeviceClass;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.OtherSample;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.DailyRollup;
import org.openvitals.core.store.Engine;
import org.openvitals.core.store.IntegrityReport;
import org.openvitals.core.store.OtherTypeSummary;
import org.openvitals.core.store.PreparedSamples;
import org.openvitals.core.store.ResolvedDays;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.SourceSummary;
import org.openvitals.core.store.StoreException;
import org.openvitals.core.store.StoreInfo;
import org.openvitals.core.store.WriteResult;
import org.openvitals.core.store.phone.PhoneBatch;
import org.openvitals.core.store.phone.PhoneBatchResult;
import org.openvitals.core.store.phone.PhoneSyncStore;
import org.openvitals.core.store.phone.PhoneUploads;
import org.openvitals.core.time.DayBoundaries;

/**
 * The store over plain JDBC, shared by both engines; the schema is the same in both (see the Flyway
 * migrations), and what differs is the engine's {@link SqlDialect}. This class holds the
 * connections and transactions and hands the work to its parts: {@link Catalog} (ids of types,
 * sources and devices), {@link SampleWriter} (upserts and tombstones, with {@link StoredSamples}
 * for the natural-key lookup and {@link Rollups} for the daily figures), {@link SampleReads},
 * {@link KeyValueTables} (state and settings), {@link ResolvedDaysTable} (the rules' stored
 * results) and {@link IntegrityCheck}.
 *
 * <p>All writes go through one connection under one lock, so they are serialised and never deadlock
 * each other. Reads borrow connections from a pool and see only committed data, so they run while a
 * write is in progress.
 */
public abstract class SqlSampleStore implements SampleStore, ResolvedDays, PhoneSyncStore {

  private static final String DAY_BOUNDARIES_SETTING = "day_boundaries";

  /** Less free space than one H2 chunk or SQLite checkpoint needs. */
  private static final long ALMOST_FULL_BYTES = 1L << 20;

  private final Engine engine;
  private final Path location;
  private final boolean encrypted;
  private final String schemaVersion;
  private final SqlDialect dialect;
  private final Connection writer;
  private final ReaderPool readers;
  private final ReentrantLock writeLock = new ReentrantLock();

  private final Catalog catalog = new Catalog();
  private final SampleWriter sampleWriter;
  private final SampleReads reads = new SampleReads(catalog);
  private final PhoneBatches phoneBatches;
  private final OtherSamples otherSamples = new OtherSamples(catalog);

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
      SqlDialect dialect,
      Connection writer,
      ConnectionOpener readers,
      int idleReaders) {
    this.engine = engine;
    this.location = location;
    this.encrypted = encrypted;
    this.schemaVersion = schemaVersion;
    this.dialect = dialect;
    this.writer = writer;
    this.readers = new ReaderPool(readers, idleReaders);
    this.sampleWriter = new SampleWriter(catalog, dialect);
    this.phoneBatches = new PhoneBatches(catalog, dialect, sampleWriter, metadataJson);
    try {
      write("open the store", this::load);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Closes the writer an engine opened before {@code failure} stopped it from building the store; a
   * failure to close is added to {@code failure}, which is what the caller reports.
   */
  protected static void closeAfterFailedOpen(Connection writer, Exception failure) {
    if (writer == null) {
      return;
    }
    try {
      writer.close();
    } catch (SQLException suppressed) {
      failure.addSuppressed(suppressed);
    }
  }

  private Void load(Connection c) throws SQLException {
    catalog.load(c);
    Optional<String> stored = KeyValueTables.setting(c, DAY_BOUNDARIES_SETTING);
    if (stored.isPresent()) {
      dayBoundaries = DayBoundaries.parse(stored.get());
    } else {
      // Fixed on first open, so that a later change of the system zone cannot skew rollups.
      dayBoundaries = DayBoundaries.systemDefault();
      KeyValueTables.putSetting(c, DAY_BOUNDARIES_SETTING, dayBoundaries.id());
    }
    return null;
  }

  /** The day boundaries as committed, which another process may have changed. */
  private DayBoundaries currentDayBoundaries(Connection c) throws SQLException {
    String id = KeyValueTables.setting(c, DAY_BOUNDARIES_SETTING).orElseThrow();
    if (!id.equals(dayBoundaries.id())) {
      dayBoundaries = DayBoundaries.parse(id);
    }
    return dayBoundaries;
  }

  // ---------------------------------------------------------------- writes

  @Override
  public WriteResult upsert(Collection<Sample> samples, Map<String, String> state) {
    Objects.requireNonNull(samples, "samples");
    return upsert(prepare(samples), state);
  }

  @Override
  public PreparedSamples prepare(Collection<Sample> samples) {
    DayBoundaries days = dayBoundaries;
    List<PreparedSample> prepared = new ArrayList<>(samples.size());
    synchronized (metadataJson) {
      for (Sample s : samples) {
        prepared.add(
            PreparedSample.of(catalog.typeId(s.type()), metadataJson.write(s.metadata()), s, days));
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
    return write(
        "store " + samples.size() + " samples",
        c -> {
          WriteResult result =
              sampleWriter.upsert(c, batch.samples(), batch.days(), currentDayBoundaries(c));
          KeyValueTables.putStates(c, state);
          return result;
        });
  }

  @Override
  public int tombstone(
      SourceRef source,
      MetricType type,
      Collection<String> externalIds,
      Map<String, String> state) {
    return write(
        "tombstone " + externalIds.size() + " " + type.id() + " samples of " + source,
        c -> {
          int deleted =
              sampleWriter.tombstone(c, source, type, externalIds, currentDayBoundaries(c));
          KeyValueTables.putStates(c, state);
          return deleted;
        });
  }

  @Override
  public int tombstone(Collection<Sample> samples) {
    Objects.requireNonNull(samples, "samples");
    if (samples.isEmpty()) {
      return 0;
    }
    return write(
        "delete " + samples.size() + " samples",
        c -> {
          DayBoundaries days = currentDayBoundaries(c);
          List<PreparedSample> prepared = new ArrayList<>(samples.size());
          for (Sample s : samples) {
            prepared.add(
                PreparedSample.of(
                    catalog.typeId(s.type()), MetadataJson.write(s.metadata()), s, days));
          }
          return sampleWriter.tombstoneRows(c, sampleWriter.rows(c, prepared, days, days), days);
        });
  }

  @Override
  public int upsertOther(Collection<OtherSample> records) {
    Objects.requireNonNull(records, "records");
    if (records.isEmpty()) {
      return 0;
    }
    return write(
        "store " + records.size() + " records of other types",
        c -> otherSamples.insert(c, records));
  }

  @Override
  public void forEachOther(Consumer<OtherSample> sink) {
    read(
        "read records of other types",
        c -> {
          otherSamples.forEach(c, null, null, sink);
          return null;
        });
  }

  @Override
  public List<OtherTypeSummary> otherTypes() {
    return read("list other types", otherSamples::summaries);
  }

  @Override
  public WriteResult promoteOther(
      SourceRef source, String type, Function<OtherSample, Optional<Sample>> mapping) {
    return write(
        "turn " + type + " records of " + source + " into samples",
        c -> {
          List<OtherSample> records = new ArrayList<>();
          otherSamples.forEach(c, source, type, records::add);
          List<Sample> promoted = new ArrayList<>();
          List<OtherSample> done = new ArrayList<>();
          for (OtherSample o : records) {
            Optional<Sample> sample = mapping.apply(o);
            if (sample.isEmpty() && done.isEmpty()) {
              return WriteResult.EMPTY; // this version does not map the type either
            }
            sample.ifPresent(s -> {
              promoted.add(s);
              done.add(o);
            });
          }
          DayBoundaries days = currentDayBoundaries(c);
          List<PreparedSample> prepared = new ArrayList<>(promoted.size());
          for (Sample s : promoted) {
            prepared.add(
                PreparedSample.of(
                    catalog.typeId(s.type()), MetadataJson.write(s.metadata()), s, days));
          }
          WriteResult result = sampleWriter.upsert(c, prepared, days, days);
          otherSamples.delete(c, done);
          return result;
        });
  }

  /** One table of a store as a backup holds it. */
  public record Table(String name, List<String> columns, List<Object[]> rows) {}

  /** Receives the tables of {@link #readTables}, one row at a time. */
  public interface TableSink {
    void table(String name, List<String> columns);

    void row(Object[] values);
  }

  /**
   * Reads every table of the store (the database's own list, so no table is forgotten), for a
   * backup. Runs on one read connection, so it sees one committed state.
   */
  public void readTables(TableSink sink) {
    read(
        "read the tables",
        c -> {
          StoreTables.read(
              c,
              new StoreTables.RowSink() {
                @Override
                public void table(String name, List<String> columns) {
                  sink.table(name, columns);
                }

                @Override
                public void row(Object[] values) {
                  sink.row(values);
                }
              });
          return null;
        });
  }

  /**
   * Replaces the rows of the given tables, in one transaction: restoring a backup into a new store.
   * The store must be closed and opened again afterwards, since its caches describe the old rows.
   *
   * @param schemaVersion the schema version the rows were written under: rows from before version 7
   *     get its keys, and UUIDs from before version 8 their integer halves, as the migrations give
   *     a store's own rows
   */
  public void replaceTables(List<Table> tables, String schemaVersion) {
    write(
        "restore " + tables.size() + " tables",
        c -> {
          for (Table t : tables) {
            if (SampleUuidsMigration.VERSION.isNewerThan(schemaVersion)) {
              t = SampleUuidsMigration.fromTextRows(t);
            }
            StoreTables.replace(c, t.name(), t.columns(), t.rows());
          }
          if (ConnectorKeysMigration.VERSION.isNewerThan(schemaVersion)) {
            ConnectorKeysMigration.rekey(c);
          }
          return null;
        });
  }

  /** The names of the store's tables (lower case, without Flyway's history). */
  public List<String> tableNames() {
    return read("list the tables", StoreTables::names);
  }

  @Override
  public void setDeviceClass(SourceRef source, DeviceClass deviceClass) {
    write(
        "set the device class of " + source,
        c -> {
          catalog.setDeviceClass(c, source, deviceClass);
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
          KeyValueTables.putSetting(c, DAY_BOUNDARIES_SETTING, boundaries.id());
          Rollups.rebuild(c, boundaries);
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
          KeyValueTables.putStates(c, Map.of(key, value));
          return null;
        });
  }

  @Override
  public void removeState(String key) {
    write(
        "remove state " + key,
        c -> {
          KeyValueTables.removeState(c, key);
          return null;
        });
  }

  @Override
  public void putResolvedDays(MetricType metric, Map<LocalDate, Entry> entries) {
    Objects.requireNonNull(entries, "entries");
    write(
        "store " + entries.size() + " resolved days of " + metric.id(),
        c -> {
          ResolvedDaysTable.write(c, catalog.typeId(metric), entries);
          return null;
        });
  }

  // ---------------------------------------------------------------- phone batches

  @Override
  public PhoneBatchResult applyPhoneBatch(PhoneBatch batch) {
    Objects.requireNonNull(batch, "batch");
    return write(
        "store phone batch "
            + batch.batchId()
            + " ("
            + batch.upserts().size()
            + " samples, "
            + batch.deleted().size()
            + " deletions)",
        c -> phoneBatches.apply(c, batch, currentDayBoundaries(c)));
  }

  @Override
  public Map<String, String> phoneAnchors(String deviceId) {
    Objects.requireNonNull(deviceId, "deviceId");
    return read("read the anchors of " + deviceId, c -> phoneBatches.anchors(c, deviceId));
  }

  @Override
  public int startPhoneResync(String deviceId) {
    Objects.requireNonNull(deviceId, "deviceId");
    return write("start a resync of " + deviceId, c -> phoneBatches.forgetAnchors(c, deviceId));
  }

  @Override
  public List<PhoneUploads> phoneUploads() {
    return read("list phone uploads", phoneBatches::uploads);
  }

  @Override
  public List<PhoneBatchResult> phoneBatches(String deviceId, int limit) {
    Objects.requireNonNull(deviceId, "deviceId");
    return read("read the batches of " + deviceId, c -> phoneBatches.batches(c, deviceId, limit));
  }

  // ---------------------------------------------------------------- reads

  @Override
  public Map<LocalDate, Entry> resolvedDays(MetricType metric, LocalDate from, LocalDate to) {
    return read(
        "read resolved days of " + metric.id(),
        c -> ResolvedDaysTable.read(c, catalog.typeId(metric), from, to));
  }

  @Override
  public Optional<String> state(String key) {
    return read("read state " + key, c -> KeyValueTables.state(c, key));
  }

  @Override
  public Map<String, String> stateWithPrefix(String prefix) {
    return read("read state " + prefix + "*", c -> KeyValueTables.stateWithPrefix(c, prefix));
  }

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
    read(
        "read samples",
        c -> {
          reads.forEachSample(c, typeOrNull, fromOrNull, toOrNull, sink);
          return null;
        });
  }

  @Override
  public List<DailyRollup> daily(MetricType type, LocalDate from, LocalDate to) {
    return read("read daily " + type.id(), c -> reads.daily(c, type, from, to));
  }

  @Override
  public List<SourceSummary> sources() {
    return read("list sources", reads::sources);
  }

  @Override
  public List<SourceRef> sourceRefs() {
    return read("list sources", reads::sourceRefs);
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
                Jdbc.queryLong(c, "SELECT COALESCE(SUM(sample_count), 0) FROM daily_rollups"),
                Jdbc.queryLong(c, "SELECT COUNT(*) FROM samples WHERE deleted = 1"),
                Jdbc.queryLong(c, "SELECT COUNT(*) FROM sources"),
                dayBoundaries.id()));
  }

  @Override
  public IntegrityReport checkIntegrity() {
    return read("check integrity", c -> IntegrityCheck.run(c, dialect, catalog, dayBoundaries));
  }

  // ---------------------------------------------------------------- transactions

  /** Opens one connection. */
  @FunctionalInterface
  protected interface ConnectionOpener {
    Connection open() throws SQLException;
  }

  @FunctionalInterface
  private interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T write(String what, SqlWork<T> work) {
    ensureOpen();
    writeLock.lock();
    try {
      ensureOpen();
      catalog.discardPending();
      try {
        dialect.begin(writer);
        T result = work.run(writer);
        dialect.commit(writer);
        catalog.committed();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          dialect.rollback(writer);
        } catch (SQLException rollbackFailure) {
          e.addSuppressed(rollbackFailure);
        }
        if (e instanceof IllegalArgumentException refused) {
          throw refused; // the caller's mistake, not the store's: named as it was thrown
        }
        throw failure(what, e);
      } finally {
        catalog.discardPending();
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
    String reason = diskFull(e, location) ? "the disk is full" : e.getMessage();
    return new StoreException("Could not " + what + " in " + location + ": " + reason, e);
  }

  /**
   * Whether a failure comes from a full disk: SQLite says SQLITE_FULL; H2 closes its file after the
   * failed write and later errors only say "This store is closed", so the free space decides.
   */
  public static boolean diskFull(Throwable e, Path file) {
    try {
      if (Files.getFileStore(file).getUsableSpace() < ALMOST_FULL_BYTES) {
        return true;
      }
    } catch (IOException | RuntimeException unknown) {
      // The message decides.
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (message.contains("SQLITE_FULL") || message.contains("No space left on device")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
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

  /** Samples in stored form, prepared by this store for {@link #upsert(PreparedSamples, Map)}. */
  private record Batch(SqlSampleStore store, DayBoundaries days, List<PreparedSample> samples)
      implements PreparedSamples {
    @Override
    public int size() {
      return samples.size();
    }
  }
}
