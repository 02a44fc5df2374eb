package org.openvitals.connectors.applehealth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.connectors.files.FileImporter;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.connectors.files.OtherTypes;
import org.openvitals.core.export.ExportFormat;
import org.openvitals.core.export.SampleExporter;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.OtherSample;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.OtherTypeSummary;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;

/**
 * A HealthKit type OpenVitals does not know is stored as written, exported, and becomes a sample
 * once a version maps it, without the export being imported again.
 */
class AppleHealthOtherTypesTest {
  private static final String FUTURE = "HKQuantityTypeIdentifierOpenVitalsNotYetMapped";
  private static final SourceRef WATCH = new SourceRef("apple_health", "Anna's Apple Watch");

  @TempDir Path temp;

  private Path export() throws Exception {
    String xml =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <HealthData locale="en_US">
         <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Anna's Apple Watch" unit="count" startDate="2024-05-01 08:00:00 +0200" endDate="2024-05-01 08:10:00 +0200" value="420"/>
         <Record type="%1$s" sourceName="Anna's Apple Watch" sourceVersion="10.4" unit="mg" startDate="2024-05-01 09:00:00 +0200" endDate="2024-05-01 09:00:00 +0200" value="12.5">
          <MetadataEntry key="HKMetadataKeySyncIdentifier" value="sync-1"/>
         </Record>
         <Record type="%1$s" sourceName="Anna's Apple Watch" unit="mg" startDate="2024-05-01 13:00:00 +0200" endDate="2024-05-01 13:00:00 +0200" value="7.5"/>
         <Record type="HKCategoryTypeIdentifierOpenVitalsFutureEvent" sourceName="iPhone" startDate="2024-05-01 10:00:00 +0200" endDate="2024-05-01 10:05:00 +0200" value="HKCategoryValueNotApplicable"/>
        </HealthData>
        """
            .formatted(FUTURE);
    return Files.writeString(temp.resolve("export.xml"), xml);
  }

  @Test
  void unknownTypesAreStoredExportedAndPromotedLater() throws Exception {
    try (SampleStore store = Stores.open(StoreConfig.sqlite(temp.resolve("data")))) {
      AppleHealthImporter importer = new AppleHealthImporter();
      ImportReport report = importer.importFile(export(), store, ImportListener.NONE);

      assertThat(report.stored()).isEqualTo(1);
      assertThat(report.unmapped()).isEmpty();
      assertThat(report.other())
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(FUTURE, 2L, "HKCategoryTypeIdentifierOpenVitalsFutureEvent", 1L));
      assertThat(store.otherTypes())
          .extracting(OtherTypeSummary::type, OtherTypeSummary::unit, OtherTypeSummary::count)
          .containsExactlyInAnyOrder(
              org.assertj.core.api.Assertions.tuple(FUTURE, "mg", 2L),
              org.assertj.core.api.Assertions.tuple(
                  "HKCategoryTypeIdentifierOpenVitalsFutureEvent", null, 1L));

      // Importing the same file again keeps each record once.
      importer.importFile(export(), store, ImportListener.NONE);
      assertThat(store.otherTypes()).extracting(OtherTypeSummary::count).containsOnly(2L, 1L);

      ByteArrayOutputStream csv = new ByteArrayOutputStream();
      SampleExporter.export(store, ExportFormat.CSV, csv, n -> {});
      assertThat(csv.toString(StandardCharsets.UTF_8))
          .contains(
              "other:"
                  + FUTURE
                  + ",2024-05-01T09:00:00+02:00,2024-05-01T09:00:00+02:00,12.5,mg,"
                  + "apple_health,Anna's Apple Watch,,sync-1,")
          .contains("other:HKCategoryTypeIdentifierOpenVitalsFutureEvent")
          .contains("HKCategoryValueNotApplicable");

      // This version's importers do not map the type: nothing changes.
      assertThat(OtherTypes.promote(store)).isEmpty();
      assertThat(store.otherTypes()).hasSize(2);

      // A later version that maps it (as protein, say) promotes the stored records.
      Map<String, Long> promoted = OtherTypes.promote(store, List.of(laterVersion()));
      assertThat(promoted).containsExactly(Map.entry(FUTURE, 2L));
      List<Sample> protein = store.samples(MetricType.PROTEIN, Instant.EPOCH, Instant.now());
      assertThat(protein).extracting(Sample::value).containsExactly(0.0125, 0.0075);
      assertThat(protein.getFirst().externalId()).isEqualTo("sync-1");
      assertThat(protein.getFirst().metadata()).containsEntry("source_version", "10.4");
      assertThat(protein.getFirst().start())
          .isEqualTo(OffsetDateTime.parse("2024-05-01T09:00+02:00"));
      assertThat(store.otherTypes())
          .extracting(OtherTypeSummary::type)
          .containsExactly("HKCategoryTypeIdentifierOpenVitalsFutureEvent");
    }
  }

  @Test
  void recordsAnOlderVersionKeptBecomeSamplesWhenThisVersionMapsThem() {
    try (SampleStore store = Stores.open(StoreConfig.sqlite(temp.resolve("old")))) {
      OffsetDateTime at = OffsetDateTime.parse("2024-05-01T09:00+02:00");
      store.upsertOther(
          List.of(
              new OtherSample(
                  "HKQuantityTypeIdentifierDietaryProtein",
                  "g",
                  at,
                  at,
                  "31",
                  WATCH,
                  null,
                  null,
                  Map.of())));

      assertThat(OtherTypes.promote(store))
          .containsExactly(Map.entry("HKQuantityTypeIdentifierDietaryProtein", 1L));

      assertThat(store.samples(MetricType.PROTEIN, Instant.EPOCH, Instant.now()))
          .extracting(Sample::value, Sample::source)
          .containsExactly(org.assertj.core.api.Assertions.tuple(31.0, WATCH));
      assertThat(store.otherTypes()).isEmpty();
    }
  }

  /** Stands for a later version of the Apple Health importer whose catalog maps {@link #FUTURE}. */
  private static FileImporter laterVersion() {
    AppleHealthImporter today = new AppleHealthImporter();
    return new FileImporter() {
      @Override
      public String id() {
        return today.id();
      }

      @Override
      public String displayName() {
        return today.displayName();
      }

      @Override
      public boolean canRead(Path file) {
        return false;
      }

      @Override
      public ImportReport importFile(Path file, SampleStore store, ImportListener listener) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Optional<Sample> promote(OtherSample r) {
        if (!r.type().equals(FUTURE)) {
          return Optional.empty();
        }
        double grams = r.number() / 1000; // the record says mg
        return Optional.of(
            new Sample(
                MetricType.PROTEIN,
                r.start(),
                r.end(),
                grams,
                r.source(),
                r.device(),
                r.externalId(),
                r.metadata()));
      }
    };
  }
}
