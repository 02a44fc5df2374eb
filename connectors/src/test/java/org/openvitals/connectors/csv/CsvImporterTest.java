package org.openvitals.connectors.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.connectors.files.ImportException;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportProgress;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.connectors.testing.MemoryStore;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.testing.Fixtures;

class CsvImporterTest {
  @TempDir Path dir;

  private Path write(String name, String text, Charset charset, byte... bom) throws IOException {
    Path file = dir.resolve(name);
    byte[] body = text.getBytes(charset);
    byte[] all = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, all, 0, bom.length);
    System.arraycopy(body, 0, all, bom.length, body.length);
    Files.write(file, all);
    return file;
  }

  private static ImportReport run(Path file, MemoryStore store) throws ImportException {
    return new CsvImporter().importFile(file, store, ImportListener.NONE);
  }

  @Test
  void germanSemicolonWindows1252WithDecimalCommasAndSeparateTimeColumn() throws Exception {
    Path file =
        write(
            "waage.csv",
            "Datum;Uhrzeit;Gewicht (kg);Körperfett (%);Puls;Blutdruck;Schritte\r\n"
                + "03.01.2024;07:15;82,4;21,5;61;128/82;\r\n"
                + "04.01.2024;07:20;82,1;;58;;9.512\r\n",
            Charset.forName("windows-1252"));
    MemoryStore store = new MemoryStore();
    CsvImporter importer =
        new CsvImporter(
            new CsvMapping(
                null,
                "Europe/Berlin",
                null,
                null,
                null,
                new CsvMapping.Timestamp("Datum", null, "Uhrzeit", null),
                List.of(
                    new CsvMapping.MetricColumn("Gewicht (kg)", "body_mass", "kg", null),
                    new CsvMapping.MetricColumn("Körperfett (%)", "body_fat_percentage", "%", null),
                    new CsvMapping.MetricColumn("Puls", "heart_rate", null, null),
                    new CsvMapping.MetricColumn("Blutdruck", "blood_pressure", null, null),
                    new CsvMapping.MetricColumn("Schritte", "steps", null, null))));

    ImportReport report = importer.importFile(file, store, ImportListener.NONE);

    assertThat(report.rejected().reasons()).isEmpty();
    assertThat(report.read()).isEqualTo(2);
    assertThat(report.stored()).isEqualTo(8);
    Sample weight = store.of(MetricType.BODY_MASS).getFirst();
    assertThat(weight.value()).isEqualTo(82.4);
    assertThat(weight.start()).isEqualTo(OffsetDateTime.parse("2024-01-03T07:15+01:00"));
    assertThat(weight.source()).isEqualTo(new SourceRef("csv", "waage"));
    assertThat(store.of(MetricType.BODY_FAT_PERCENTAGE).getFirst().value()).isEqualTo(21.5);
    assertThat(store.of(MetricType.BLOOD_PRESSURE_SYSTOLIC).getFirst().value()).isEqualTo(128);
    assertThat(store.of(MetricType.BLOOD_PRESSURE_DIASTOLIC).getFirst().value()).isEqualTo(82);
    // In a decimal-comma file a dot groups thousands.
    assertThat(store.of(MetricType.STEPS).getFirst().value()).isEqualTo(9512);
  }

  @Test
  void infersAGermanHeaderWithoutAMapping() throws Exception {
    Path file =
        write(
            "export.csv",
            "Datum;Gewicht (kg);Puls;Blutdruck;Schritte\n"
                + "03.01.2024;82,4;61;128/82;10234\n"
                + "04.01.2024;82,1;58;131/85;8 456\n",
            StandardCharsets.UTF_8);
    MemoryStore store = new MemoryStore();

    ImportReport report = run(file, store);

    assertThat(report.rejected().count()).isZero();
    assertThat(store.of(MetricType.BODY_MASS))
        .extracting(Sample::value)
        .containsExactly(82.4, 82.1);
    assertThat(store.of(MetricType.STEPS))
        .extracting(Sample::value)
        .containsExactly(10234.0, 8456.0);
    assertThat(store.of(MetricType.BLOOD_PRESSURE_DIASTOLIC))
        .extracting(Sample::value)
        .containsExactly(82.0, 85.0);
    Sample steps = store.of(MetricType.STEPS).getFirst();
    assertThat(steps.durationSeconds()).isBetween(23 * 3600L, 25 * 3600L);
  }

  @Test
  void utf16WithBomAndTabs() throws Exception {
    Path file =
        write(
            "hr.tsv",
            "Timestamp\tHeart rate (bpm)\tWeight (lb)\n2024-03-05T08:00:00Z\t64\t180.5\n",
            StandardCharsets.UTF_16LE,
            (byte) 0xFF,
            (byte) 0xFE);
    MemoryStore store = new MemoryStore();

    run(file, store);

    assertThat(store.of(MetricType.HEART_RATE).getFirst().value()).isEqualTo(64);
    assertThat(store.of(MetricType.HEART_RATE).getFirst().start())
        .isEqualTo(OffsetDateTime.parse("2024-03-05T08:00Z"));
    assertThat(store.of(MetricType.BODY_MASS).getFirst().value()).isCloseTo(81.873, within(0.001));
  }

  @Test
  void utf8BomUsDatesWithTwelveHourClock() throws Exception {
    Path file =
        write(
            "glucose.csv",
            "Date,Blood Glucose (mmol/L),Steps\n\"03/15/2024 9:51 PM\",5.5,\"1,050\"\n",
            StandardCharsets.UTF_8,
            (byte) 0xEF,
            (byte) 0xBB,
            (byte) 0xBF);
    MemoryStore store = new MemoryStore();
    CsvImporter importer =
        new CsvImporter(
            new CsvMapping(
                "Meter",
                "America/New_York",
                null,
                null,
                null,
                new CsvMapping.Timestamp("Date", null, null, null),
                List.of(
                    new CsvMapping.MetricColumn(
                        "Blood Glucose (mmol/L)", "blood_glucose", "mmol/L", null),
                    new CsvMapping.MetricColumn("Steps", "steps", null, "Phone"))));

    importer.importFile(file, store, ImportListener.NONE);

    Sample glucose = store.of(MetricType.BLOOD_GLUCOSE).getFirst();
    assertThat(glucose.value()).isCloseTo(99.088, within(0.001));
    assertThat(glucose.start()).isEqualTo(OffsetDateTime.parse("2024-03-15T21:51-04:00"));
    assertThat(store.of(MetricType.STEPS).getFirst().value()).isEqualTo(1050);
    assertThat(store.of(MetricType.STEPS).getFirst().source())
        .isEqualTo(new SourceRef("csv", "Phone"));
  }

  @Test
  void badRowsAreReportedWithTheirRowNumberAndSkipped() throws Exception {
    Path file =
        write(
            "steps.csv",
            "Date,Steps,Weight (kg)\n"
                + "2024-01-01,1000,80\n"
                + "2024-13-01,2000,80\n"
                + "2024-01-03,lots,80\n"
                + ",4000,\n"
                + "2024-01-05,5000,81\n",
            StandardCharsets.UTF_8);
    MemoryStore store = new MemoryStore();

    ImportReport report = run(file, store);

    assertThat(report.read()).isEqualTo(5);
    assertThat(report.rejected().count()).isEqualTo(3);
    assertThat(report.rejected().reasons())
        .containsExactly(
            "row 3: '2024-13-01' is not a date in the expected format",
            "row 4: column 'Steps': 'lots' is not a number",
            "row 5: no date");
    assertThat(store.of(MetricType.STEPS))
        .extracting(Sample::value)
        .containsExactly(1000.0, 5000.0);
  }

  @Test
  void columnsWithoutAMetricAreKeptUnderTheirHeaderAndPromotedOnceKnown() throws Exception {
    Path file =
        write(
            "log.csv",
            "Date,Steps,Ketones (mmol/L),Mood\n2024-01-01,1000,0.6,calm\n2024-01-02,2000,,\n",
            StandardCharsets.UTF_8);
    MemoryStore store = new MemoryStore();

    ImportReport report = run(file, store);

    assertThat(store.of(MetricType.STEPS)).hasSize(2);
    assertThat(report.other())
        .containsExactlyInAnyOrderEntriesOf(Map.of("Ketones (mmol/L)", 1L, "Mood", 1L));
    assertThat(store.others())
        .extracting(o -> o.type() + "=" + o.value() + " " + o.unit())
        .containsExactlyInAnyOrder("Ketones (mmol/L)=0.6 mmol/L", "Mood=calm null");
    assertThat(run(file, store).other()).hasSize(2); // read again, stored once
    assertThat(store.others()).hasSize(2);
    CsvImporter importer = new CsvImporter();
    assertThat(store.others()).allSatisfy(o -> assertThat(importer.promote(o)).isEmpty());

    // A "Weight (lb)" column an older version kept becomes a weight in kg.
    var ketones = store.others().getFirst();
    var weight =
        new org.openvitals.core.model.OtherSample(
            "Weight (lb)",
            "lb",
            ketones.start(),
            ketones.end(),
            "176",
            ketones.source(),
            null,
            "2024-01-01|Weight (lb)",
            Map.of());
    Sample promoted = importer.promote(weight).orElseThrow();
    assertThat(promoted.type()).isEqualTo(MetricType.BODY_MASS);
    assertThat(promoted.value()).isCloseTo(79.832, org.assertj.core.api.Assertions.within(1e-3));
    assertThat(promoted.externalId()).isEqualTo("2024-01-01|Weight (lb)");
  }

  @Test
  void sameFileTwiceAddsNothingAndAGrownExportAddsOnlyNewRows() throws Exception {
    String rows = "Date,Steps\n2024-01-01,1000\n2024-01-02,2000\n";
    Path file = write("steps.csv", rows, StandardCharsets.UTF_8);
    MemoryStore store = new MemoryStore();

    ImportReport first = run(file, store);
    ImportReport second = run(file, store);
    Files.writeString(file, "Date,Steps\n2024-01-01,1000\n2024-01-02,2500\n2024-01-03,3000\n");
    ImportReport grown = run(file, store);

    assertThat(first.stored()).isEqualTo(2);
    assertThat(second.stored()).isZero();
    assertThat(second.duplicates()).isEqualTo(2);
    assertThat(grown.stored()).isEqualTo(1);
    assertThat(grown.updated()).isEqualTo(1);
    assertThat(grown.duplicates()).isEqualTo(1);
    assertThat(store.of(MetricType.STEPS))
        .extracting(Sample::value)
        .containsExactly(1000.0, 2500.0, 3000.0);
  }

  @Test
  void unsureInferenceSaysHowToWriteAMapping() {
    Path googleFit =
        Fixtures.path(
            "google_fit/kaustubhgupta_google-fit-data-analysis/Daily_activity_metrics.csv");

    assertThatThrownBy(() -> run(googleFit, new MemoryStore()))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining("Could not tell how to read Daily_activity_metrics.csv")
        .hasMessageContaining("column 'Calories (kcal)' could be dietary_energy or active_energy")
        .hasMessageContaining("--mapping")
        .hasMessageContaining("\"column\" : \"Step count\"");
  }

  @Test
  void realGoogleFitDailyMetricsWithAMappingFile() throws Exception {
    Path googleFit =
        Fixtures.path(
            "google_fit/kaustubhgupta_google-fit-data-analysis/Daily_activity_metrics.csv");
    Path mapping = Path.of(getClass().getResource("/csv/google_fit_daily.mapping.json").toURI());
    MemoryStore store = new MemoryStore();

    ImportReport report =
        CsvImporter.withMapping(mapping).importFile(googleFit, store, ImportListener.NONE);

    assertThat(report.read()).isEqualTo(1053);
    assertThat(report.rejected().count()).isZero();
    assertThat(store.of(MetricType.STEPS)).hasSize(1029);
    assertThat(store.of(MetricType.BODY_MASS)).hasSize(21);
    assertThat(store.of(MetricType.HEART_RATE)).hasSize(7);
    assertThat(store.of(MetricType.ACTIVE_ENERGY)).hasSize(1051);
    Sample day =
        store.of(MetricType.STEPS).stream()
            .filter(s -> s.start().toLocalDate().toString().equals("2020-04-14"))
            .findFirst()
            .orElseThrow();
    assertThat(day.value()).isEqualTo(12586);
    assertThat(day.start()).isEqualTo(OffsetDateTime.parse("2020-04-14T00:00+05:30"));
    assertThat(day.source()).isEqualTo(new SourceRef("csv", "Google Fit"));
    assertThat(store.of(MetricType.HEART_RATE).getFirst().value()).isCloseTo(91.282, within(0.001));
    assertThat(store.of(MetricType.BODY_MASS).getFirst().value()).isEqualTo(72.0);
  }

  @Test
  void anUnknownUnitNamesTheColumnAndTheUnit() throws Exception {
    Path file = write("w.csv", "Date,Weight (furlongs)\n2024-01-01,3\n", StandardCharsets.UTF_8);
    CsvImporter importer =
        new CsvImporter(
            new CsvMapping(
                null,
                null,
                null,
                null,
                null,
                new CsvMapping.Timestamp("Date", null, null, null),
                List.of(
                    new CsvMapping.MetricColumn(
                        "Weight (furlongs)", "body_mass", "furlongs", null))));

    assertThatThrownBy(() -> importer.importFile(file, new MemoryStore(), ImportListener.NONE))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining("column 'Weight (furlongs)'")
        .hasMessageContaining("'furlongs'");
    assertThatThrownBy(() -> run(file, new MemoryStore()))
        .hasMessageContaining("column 'Weight (furlongs)' has the unknown unit 'furlongs'");
  }

  @Test
  void aMappingNamingAMissingColumnListsTheColumnsThereAre() throws Exception {
    Path file = write("w.csv", "Day;Weight (kg)\n2024-01-01;80\n", StandardCharsets.UTF_8);
    CsvImporter importer =
        new CsvImporter(
            new CsvMapping(
                null,
                null,
                null,
                null,
                null,
                new CsvMapping.Timestamp("Date", null, null, null),
                List.of(new CsvMapping.MetricColumn("Weight (kg)", "body_mass", "kg", null))));

    assertThatThrownBy(() -> importer.importFile(file, new MemoryStore(), ImportListener.NONE))
        .hasMessageContaining(
            "w.csv, header: the mapping's timestamp.column names the column 'Date'")
        .hasMessageContaining("(it has: Day, Weight (kg))");
  }

  @Test
  void commitsInBatchesAndStopsWhenCancelled() throws Exception {
    StringBuilder text = new StringBuilder("Date,Time,Steps\n");
    for (int i = 0; i < 12_000; i++) {
      text.append("2024-01-01,")
          .append(String.format("%02d:%02d:%02d", i / 3600, i / 60 % 60, i % 60))
          .append(',')
          .append(i)
          .append('\n');
    }
    Path file = write("many.csv", text.toString(), StandardCharsets.UTF_8);
    MemoryStore all = new MemoryStore();
    run(file, all);
    assertThat(all.batchSizes()).containsExactly(5000, 5000, 2000);

    MemoryStore some = new MemoryStore();
    AtomicInteger polls = new AtomicInteger();
    ImportReport report =
        new CsvImporter()
            .importFile(
                file,
                some,
                new ImportListener() {
                  @Override
                  public boolean cancelled() {
                    return polls.incrementAndGet() >= 1;
                  }
                });
    assertThat(report.cancelled()).isTrue();
    assertThat(some.all()).hasSize(5000);
    assertThat(report.stored()).isEqualTo(5000);
  }

  @Test
  void reportsProgressEndingAtTheWholeFile() throws Exception {
    Path file = write("p.csv", "Date,Steps\n2024-01-01,1\n2024-01-02,2\n", StandardCharsets.UTF_8);
    List<ImportProgress> seen = new java.util.ArrayList<>();

    new CsvImporter()
        .importFile(
            file,
            new MemoryStore(),
            new ImportListener() {
              @Override
              public void progress(ImportProgress progress) {
                seen.add(progress);
              }
            });

    ImportProgress last = seen.getLast();
    assertThat(last.records()).isEqualTo(2);
    assertThat(last.bytesRead()).isEqualTo(Files.size(file));
    assertThat(last.fraction()).isEqualTo(1.0);
  }

  @Test
  void anUnclosedQuoteStopsTheImportNamingTheRowAndKeepsWhatCameBefore() throws Exception {
    Path file =
        write(
            "q.csv",
            "Date,Steps\n2024-01-01,100\n2024-01-02,\"200\n2024-01-03,300\n",
            StandardCharsets.UTF_8);
    MemoryStore store = new MemoryStore();

    assertThatThrownBy(() -> run(file, store))
        .isInstanceOf(ImportException.class)
        .hasMessageContaining("q.csv, row 3")
        .hasMessageContaining("not valid CSV");
    assertThat(store.of(MetricType.STEPS)).extracting(Sample::value).containsExactly(100.0);
  }
}
