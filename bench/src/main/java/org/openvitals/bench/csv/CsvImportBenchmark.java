package org.openvitals.bench.csv;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openvitals.connectors.csv.CsvImporter;
import org.openvitals.connectors.csv.CsvMapping;
import org.openvitals.connectors.files.ImportException;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.core.files.FileTrees;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;

/**
 * Generic CSV import of a German-style file (semicolons, decimal commas, separate date and time
 * columns, one row per minute, four value columns). Scores are rows per second:
 *
 * <ul>
 *   <li>{@code baselineParseOnly}: Commons CSV reading every cell and parsing it as a number, the
 *       floor any CSV import pays;
 *   <li>{@code importWithoutStore}: the importer's own work (detection, dates in a zone, units,
 *       samples, natural keys) handing batches to a store that only counts them;
 *   <li>{@code importToSqlite}: the full import (detection, dates in a zone, units, samples,
 *       batched upserts) into an empty SQLite store.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 5)
public class CsvImportBenchmark {
  static final int ROWS = 20_000;

  private Path dir;
  private Path file;
  private CsvImporter importer;
  private Path storeDir;
  private SampleStore store;

  @Setup(Level.Trial)
  public void writeFile() throws IOException {
    dir = Files.createTempDirectory("openvitals-csv-bench-");
    file = dir.resolve("waage.csv");
    Random random = new Random(42);
    DateTimeFormatter date = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm");
    LocalDateTime at = LocalDateTime.of(2024, 1, 1, 0, 0);
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("Datum;Uhrzeit;Gewicht (kg);Puls;Blutdruck;Schritte\n");
      for (int i = 0; i < ROWS; i++, at = at.plusMinutes(1)) {
        out.write(
            String.format(
                Locale.GERMANY,
                "%s;%s;%.1f;%d;%d/%d;%d%n",
                date.format(at),
                time.format(at),
                70 + random.nextDouble() * 20,
                50 + random.nextInt(60),
                110 + random.nextInt(40),
                70 + random.nextInt(20),
                random.nextInt(200)));
      }
    }
    importer =
        new CsvImporter(
            new CsvMapping(
                "Bench",
                "Europe/Berlin",
                null,
                null,
                null,
                new CsvMapping.Timestamp("Datum", "dd.MM.yyyy", "Uhrzeit", null),
                List.of(
                    new CsvMapping.MetricColumn("Gewicht (kg)", "body_mass", "kg", null),
                    new CsvMapping.MetricColumn("Puls", "heart_rate", null, null),
                    new CsvMapping.MetricColumn("Blutdruck", "blood_pressure", null, null),
                    new CsvMapping.MetricColumn("Schritte", "steps", null, null))));
  }

  @Setup(Level.Invocation)
  public void openEmptyStore() throws IOException {
    storeDir = Files.createTempDirectory(dir, "store-");
    store = Stores.open(StoreConfig.sqlite(storeDir));
  }

  @TearDown(Level.Invocation)
  public void closeStore() {
    store.close();
    delete(storeDir);
  }

  @TearDown(Level.Trial)
  public void deleteFile() {
    delete(dir);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public double baselineParseOnly() throws IOException {
    double sum = 0;
    try (Reader reader = Files.newBufferedReader(file);
        CSVParser parser =
            CSVParser.builder()
                .setReader(reader)
                .setFormat(
                    CSVFormat.DEFAULT
                        .builder()
                        .setDelimiter(';')
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get())
                .get()) {
      for (CSVRecord record : parser) {
        sum += record.get(0).length() + record.get(1).length() + record.get(4).length();
        sum += Double.parseDouble(record.get(2).replace(',', '.'));
        sum += Double.parseDouble(record.get(3)) + Double.parseDouble(record.get(5));
      }
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public ImportReport importWithoutStore() throws ImportException {
    return importer.importFile(file, new CountingStore(), ImportListener.NONE);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public ImportReport importToSqlite() throws ImportException {
    ImportReport report = importer.importFile(file, store, ImportListener.NONE);
    if (report.stored() != ROWS * 5L) {
      throw new IllegalStateException("Expected " + ROWS * 5 + " new samples, got " + report);
    }
    return report;
  }

  private static void delete(Path path) {
    try {
      FileTrees.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
