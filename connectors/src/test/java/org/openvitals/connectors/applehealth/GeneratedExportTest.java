package org.openvitals.connectors.applehealth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.units.Units;

/**
 * A generated export (the benchmark's generator: every kind of element, several sources, workouts
 * with routes, correlations repeated at top level) imported into SQLite, checked per type against
 * an independent pass over the same XML: how many distinct records of each type, and the sum of
 * their values in the catalog's unit.
 */
class GeneratedExportTest {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx", Locale.ROOT);

  @TempDir static Path temp;
  private static Path export;
  private static Expected expected;

  /** What a plain reading of the XML says should be stored, per metric; records: top level. */
  private record Expected(
      Map<MetricType, Integer> counts, Map<MetricType, Double> sums, int workouts, int records) {}

  @BeforeAll
  static void generate() throws Exception {
    // About eight days: every daily kind, blood pressure every third day, glucose every other.
    export = ExportGenerator.writeFolder(temp.resolve("export"), 4 << 20, 7).path();
    expected = scan(export);
  }

  @Test
  void everyTypeArrivesWithItsCountAndValues() throws Exception {
    assertImportsAsExpected(export, "store");
  }

  @Test
  void theZipOfTheSameExportGivesTheSame() throws Exception {
    // The same seed and size: the same export.xml, inside a zip with the routes after it.
    Path zip = ExportGenerator.writeZip(temp.resolve("export.zip"), 4 << 20, 7).path();
    assertImportsAsExpected(zip, "from-zip");
  }

  private static void assertImportsAsExpected(Path file, String storeName) throws Exception {
    try (SampleStore store = Stores.open(StoreConfig.sqlite(temp.resolve(storeName)))) {
      ImportReport report = new AppleHealthImporter().importFile(file, store, ImportListener.NONE);

      assertThat(report.read()).isEqualTo(expected.records());
      assertThat(report.rejected().count()).isZero();
      assertThat(report.details())
          .containsEntry("workout_routes_joined", (long) expected.workouts());
      assertThat(expected.counts()).hasSizeGreaterThan(25);
      for (Map.Entry<MetricType, Integer> e : expected.counts().entrySet()) {
        MetricType metric = e.getKey();
        double[] stored = new double[2];
        store.forEachSample(
            metric,
            null,
            null,
            s -> {
              stored[0]++;
              stored[1] += s.value();
            });
        assertThat((int) stored[0]).as("%s samples", metric.id()).isEqualTo(e.getValue());
        double sum = expected.sums().get(metric);
        assertThat(stored[1]).as("%s values", metric.id()).isCloseTo(sum, within(1e-6 * sum));
      }
      int[] workouts = {0};
      store.forEachSample(MetricType.WORKOUT, null, null, s -> workouts[0]++);
      assertThat(workouts[0]).isEqualTo(expected.workouts());
    }
  }

  @Test
  void aSecondImportOfTheSameExportStoresNothing() throws Exception {
    try (SampleStore store = Stores.open(StoreConfig.sqlite(temp.resolve("twice")))) {
      AppleHealthImporter importer = new AppleHealthImporter();
      ImportReport first = importer.importFile(export, store, ImportListener.NONE);
      ImportReport second = importer.importFile(export, store, ImportListener.NONE);

      assertThat(second.stored()).isZero();
      assertThat(second.updated()).isZero();
      assertThat(second.duplicates()).isEqualTo(first.stored());
      assertThat(store.info().liveSamples()).isEqualTo(first.stored());
    }
  }

  /**
   * Top-level quantity and sleep records (the ones inside a correlation are repeats), distinct by
   * the store's natural key (source, type, start, end, value; or the sync identifier).
   */
  private static Expected scan(Path xml) throws Exception {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    Map<MetricType, Integer> counts = new EnumMap<>(MetricType.class);
    Map<MetricType, Double> sums = new EnumMap<>(MetricType.class);
    Set<List<String>> seen = new HashSet<>();
    Map<String, String> record = null;
    String syncId = null;
    int workouts = 0;
    int records = 0;
    try (InputStream in = Files.newInputStream(xml)) {
      XMLStreamReader r = f.createXMLStreamReader(in);
      int depth = 0;
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          depth++;
          String name = r.getLocalName();
          if (depth == 2 && !name.equals("ExportDate") && !name.equals("Me")) {
            records++;
          }
          if (depth == 2 && name.equals("Workout")) {
            workouts++;
          } else if (depth == 2 && name.equals("Record")) {
            record = new HashMap<>();
            for (int i = 0; i < r.getAttributeCount(); i++) {
              record.put(r.getAttributeLocalName(i), r.getAttributeValue(i));
            }
            syncId = null;
          } else if (depth == 3
              && record != null
              && name.equals("MetadataEntry")
              && "HKMetadataKeySyncIdentifier".equals(r.getAttributeValue(null, "key"))) {
            syncId = r.getAttributeValue(null, "value");
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          if (depth == 2 && record != null) {
            count(record, syncId, counts, sums, seen);
            record = null;
          }
          depth--;
        }
      }
    }
    return new Expected(counts, sums, workouts, records);
  }

  private static void count(
      Map<String, String> record,
      String syncId,
      Map<MetricType, Integer> counts,
      Map<MetricType, Double> sums,
      Set<List<String>> seen) {
    String type = record.get("type");
    MetricType metric = HealthKitTypes.quantity(type);
    double value;
    if (metric != null) {
      double raw = Double.parseDouble(record.get("value"));
      String unit = record.get("unit");
      // Apple writes percentages as fractions (0.97); the catalog keeps 0 to 100.
      value = unit.equals("%") ? raw * 100 : Units.toCanonical(metric, raw, unit);
    } else if (HealthKitTypes.SLEEP_ANALYSIS.equals(type)) {
      metric = HealthKitTypes.sleepStage(record.get("value"));
      // A stage's value is its length in minutes.
      value =
          Duration.between(
                      OffsetDateTime.parse(record.get("startDate"), DATE),
                      OffsetDateTime.parse(record.get("endDate"), DATE))
                  .toMillis()
              / 60_000.0;
    } else {
      return;
    }
    List<String> key =
        syncId != null
            ? List.of(record.get("sourceName"), type, syncId)
            : List.of(
                record.get("sourceName"),
                type,
                record.get("startDate"),
                record.get("endDate"),
                String.valueOf(record.get("value")));
    if (!seen.add(key)) {
      return;
    }
    counts.merge(metric, 1, Integer::sum);
    sums.merge(metric, value, Double::sum);
  }
}
