package org.openvitals.core.backup;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.openvitals.core.export.ExportException;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.store.sql.Migrations;
import org.openvitals.core.store.sql.SqlSampleStore;

/**
 * A backup that restores: one zip with every table of the store copied row for row (samples with
 * their tombstones, records of other types, sources, devices, rollups, state with sync cursors,
 * import checkpoints and preference history, settings, the rules' cached days). The tables come
 * from the database's own list, so a table a later migration adds is carried without being named
 * here. Access tokens live in the token vault beside the database, never in it, so no backup holds
 * one.
 *
 * <p>Layout: {@code openvitals-backup.json} (format, schema version, rows per table) and one {@code
 * tables/<name>.jsonl} per table: the column names as a JSON array on the first line, then one JSON
 * array of values per row.
 */
public final class StoreBackup {
  public static final String MANIFEST = "openvitals-backup.json";
  private static final String FORMAT = "openvitals-backup";

  /**
   * Made at the first backup or restore, not when {@link #isBackup} is asked: every import asks it,
   * and an object mapper loads some 350 classes that an import does not otherwise need.
   */
  private static final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }

  /** What a backup holds. */
  public record Contents(String schemaVersion, Map<String, Long> rowsPerTable) {
    public long rows(String table) {
      return rowsPerTable.getOrDefault(table, 0L);
    }
  }

  private StoreBackup() {}

  /**
   * Writes the backup of {@code store} to {@code archive}; the file appears only when complete.
   *
   * @throws ExportException naming the file when it cannot be written
   */
  public static Contents write(SampleStore store, Path archive) {
    SqlSampleStore sql = sqlStore(store);
    Path target = archive.toAbsolutePath();
    Path partial = target.resolveSibling(target.getFileName() + ".part");
    Map<String, Long> rows = new TreeMap<>();
    try {
      try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(partial))) {
        JsonFactory factory =
            new JsonFactory().configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        String[] current = {null};
        JsonGenerator[] json = {null};
        sql.readTables(
            new SqlSampleStore.TableSink() {
              @Override
              public void table(String name, List<String> columns) {
                try {
                  if (json[0] != null) {
                    json[0].flush();
                  }
                  zip.putNextEntry(new ZipEntry("tables/" + name + ".jsonl"));
                  json[0] = factory.createGenerator((OutputStream) zip, JsonEncoding.UTF8);
                  json[0].setRootValueSeparator(null);
                  current[0] = name;
                  rows.put(name, 0L);
                  writeArray(json[0], columns.toArray());
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              }

              @Override
              public void row(Object[] values) {
                try {
                  writeArray(json[0], values);
                  rows.merge(current[0], 1L, Long::sum);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              }
            });
        if (json[0] != null) {
          json[0].flush();
        }
        zip.putNextEntry(new ZipEntry(MANIFEST));
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", FORMAT);
        manifest.put("schema_version", store.info().schemaVersion());
        manifest.put("created", Instant.now().toString());
        manifest.put("rows", rows);
        zip.write(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        zip.closeEntry();
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
      return new Contents(store.info().schemaVersion(), rows);
    } catch (IOException | UncheckedIOException e) {
      IOException cause = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
      throw new ExportException("Cannot write " + target + ": " + cause.getMessage(), cause);
    } finally {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException ignored) {
        // the write already failed; its error is the one worth reporting
      }
    }
  }

  private static void writeArray(JsonGenerator json, Object[] values) throws IOException {
    json.writeStartArray();
    for (Object v : values) {
      switch (v) {
        case null -> json.writeNull();
        case Integer i -> json.writeNumber(i);
        case Long l -> json.writeNumber(l);
        case Short s -> json.writeNumber(s);
        case Float f -> json.writeNumber((double) f);
        case Double d -> json.writeNumber(d);
        case java.math.BigDecimal b -> json.writeNumber(b);
        case Boolean b -> json.writeBoolean(b);
        default -> json.writeString(v.toString());
      }
    }
    json.writeEndArray();
    json.writeRaw('\n');
  }

  /** True when {@code file} is a zip with a backup manifest. */
  public static boolean isBackup(Path file) {
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (ZipFile zip = new ZipFile(file.toFile())) {
      return zip.getEntry(MANIFEST) != null;
    } catch (IOException notAZip) {
      return false;
    }
  }

  /**
   * Restores {@code archive} into the store {@code target} opens, which must hold no data yet, in
   * one transaction.
   *
   * @throws BackupException naming the archive and the reason when it cannot be restored
   */
  public static Contents restore(Path archive, StoreConfig target) {
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      ZipEntry manifestEntry = zip.getEntry(MANIFEST);
      if (manifestEntry == null) {
        throw new BackupException(archive + " is not an OpenVitals backup (no " + MANIFEST + ")");
      }
      JsonNode manifest;
      try (InputStream in = zip.getInputStream(manifestEntry)) {
        manifest = Json.MAPPER.readTree(in);
      }
      if (!FORMAT.equals(manifest.path("format").asText())) {
        throw new BackupException(archive + " is not an OpenVitals backup");
      }
      String version = manifest.path("schema_version").asText();
      if (Integer.parseInt(version) > Integer.parseInt(Migrations.LATEST)) {
        throw new BackupException(
            archive
                + " was made by a newer OpenVitals (schema "
                + version
                + "; this one knows "
                + Migrations.LATEST
                + ")");
      }
      List<SqlSampleStore.Table> tables = new ArrayList<>();
      Map<String, Long> rows = new TreeMap<>();
      for (var e = zip.entries(); e.hasMoreElements(); ) {
        ZipEntry entry = e.nextElement();
        String name = entry.getName();
        if (!name.startsWith("tables/") || !name.endsWith(".jsonl")) {
          continue;
        }
        String table = name.substring("tables/".length(), name.length() - ".jsonl".length());
        SqlSampleStore.Table t = readTable(zip, entry, table);
        tables.add(t);
        rows.put(table, (long) t.rows().size());
      }
      try (SampleStore store = Stores.open(target)) {
        SqlSampleStore sql = sqlStore(store);
        if (!store.sources().isEmpty() || !store.stateWithPrefix("").isEmpty()) {
          throw new BackupException(
              "A backup is restored into an empty data folder; "
                  + target.dataDir()
                  + " already holds data");
        }
        sql.replaceTables(tables, version);
      }
      return new Contents(version, rows);
    } catch (IOException e) {
      throw new BackupException(archive + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static SqlSampleStore.Table readTable(ZipFile zip, ZipEntry entry, String table)
      throws IOException {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(zip.getInputStream(entry), StandardCharsets.UTF_8))) {
      String header = in.readLine();
      if (header == null) {
        throw new BackupException(entry.getName() + " is empty");
      }
      List<String> columns = new ArrayList<>();
      Json.MAPPER.readTree(header).forEach(n -> columns.add(n.asText()));
      List<Object[]> rows = new ArrayList<>();
      int line = 1;
      for (String text; (text = in.readLine()) != null; ) {
        line++;
        if (text.isBlank()) {
          continue;
        }
        JsonNode values = Json.MAPPER.readTree(text);
        if (!values.isArray() || values.size() != columns.size()) {
          throw new BackupException(
              entry.getName() + " line " + line + ": expected " + columns.size() + " values");
        }
        Object[] row = new Object[columns.size()];
        for (int i = 0; i < row.length; i++) {
          row[i] = value(values.get(i));
        }
        rows.add(row);
      }
      return new SqlSampleStore.Table(table, columns, rows);
    }
  }

  private static Object value(JsonNode n) {
    if (n.isNull()) {
      return null;
    }
    if (n.isIntegralNumber()) {
      return n.longValue();
    }
    if (n.isNumber()) {
      return n.doubleValue();
    }
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    return n.asText();
  }

  private static SqlSampleStore sqlStore(SampleStore store) {
    if (store instanceof SqlSampleStore sql) {
      return sql;
    }
    throw new IllegalArgumentException("Only a database store can be backed up");
  }
}
