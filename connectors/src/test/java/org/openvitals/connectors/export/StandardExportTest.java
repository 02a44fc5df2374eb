package org.openvitals.connectors.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.connectors.export.StandardExport.Format;
import org.openvitals.connectors.export.StandardExport.Result;
import org.openvitals.connectors.export.StandardExport.Selection;
import org.openvitals.connectors.files.FolderImport;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.core.demo.SyntheticData;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.OtherSample;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.testing.Fixtures;
import org.openvitals.core.time.DayBoundaries;

/**
 * Round trips: data in (synthetic days, the real fixtures), Open mHealth and FHIR out, every data
 * point checked against the real Open mHealth schemas and every bundle against HAPI's R4 validator,
 * and the counts compared with what the store holds.
 */
class StandardExportTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final OmhSchemas OMH = new OmhSchemas();
  private static final LocalDate LAST_DEMO_DAY = LocalDate.of(2026, 2, 27);

  @TempDir Path temp;

  private SampleStore store;
  private RulesService rules;
  private StandardExport export;

  @BeforeEach
  void open() {
    store = Stores.open(StoreConfig.sqlite(temp.resolve("data")));
    store.setDayBoundaries(new DayBoundaries.FixedZone(ZoneId.of("Europe/Berlin")));
    rules = new RulesService(store, CLOCK);
    export = new StandardExport(store, rules, CLOCK);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private void demo(int days) {
    SyntheticData.of(
            SyntheticData.Options.defaults()
                .withDays(days)
                .withEndDate(LAST_DEMO_DAY)
                .withZone(ZoneId.of("Europe/Berlin")))
        .days()
        .forEach(d -> store.upsert(d.samples()));
  }

  private long stored(MetricType... metrics) {
    long n = 0;
    for (MetricType m : metrics) {
      n += store.samples(m, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")).size();
    }
    return n;
  }

  private JsonNode write(Format format, Selection selection, Map<String, Long> written)
      throws Exception {
    Path file = temp.resolve("out-" + format.id() + ".json");
    Result result = export.export(format, selection, file, n -> {});
    written.putAll(result.written());
    return JSON.readTree(file.toFile());
  }

  private static List<String> omhProblems(JsonNode points) {
    List<String> problems = new ArrayList<>();
    for (JsonNode p : points) {
      OMH.check(p).forEach(e -> problems.add(p.path("header").path("id").asText() + " " + e));
    }
    return problems;
  }

  private static Map<String, Long> schemasIn(JsonNode points) {
    Map<String, Long> out = new HashMap<>();
    for (JsonNode p : points) {
      JsonNode id = p.path("header").path("schema_id");
      out.merge(
          "omh:" + id.path("name").asText() + ":" + id.path("version").asText(), 1L, Long::sum);
    }
    return out;
  }

  @Test
  void demoDataEverySourceAsOpenMHealth() throws Exception {
    demo(2);
    Map<String, Long> written = new HashMap<>();
    JsonNode points = write(Format.OMH, Selection.everything(), written);

    assertThat(omhProblems(points)).isEmpty();
    assertThat(schemasIn(points)).isEqualTo(written);
    assertThat(written.get("omh:step-count:2.0")).isEqualTo(stored(MetricType.STEPS));
    assertThat(written.get("omh:heart-rate:2.0"))
        .isEqualTo(stored(MetricType.HEART_RATE, MetricType.RESTING_HEART_RATE));
    assertThat(written.get("omh:body-weight:2.0")).isEqualTo(stored(MetricType.BODY_MASS));
    assertThat(written.get("omh:calories-burned:2.0")).isEqualTo(stored(MetricType.ACTIVE_ENERGY));
    assertThat(written.get("omh:blood-pressure:3.1"))
        .isPositive()
        .isEqualTo(stored(MetricType.BLOOD_PRESSURE_SYSTOLIC));
    assertThat(written.get("omh:physical-activity:1.1")).isEqualTo(stored(MetricType.WORKOUT));
    assertThat(written.get("omh:sleep-episode:1.1"))
        .isPositive()
        .isEqualTo(written.get("omh:sleep-duration:2.0"));
  }

  @Test
  void demoDataMergedAsOpenMHealthIsOnePointPerDay() throws Exception {
    demo(3);
    Map<String, Long> written = new HashMap<>();
    LocalDate first = LAST_DEMO_DAY.minusDays(2);
    JsonNode points =
        write(
            Format.OMH,
            new Selection(
                first,
                LAST_DEMO_DAY,
                EnumSet.of(MetricType.STEPS, MetricType.HEART_RATE, MetricType.SLEEP_ASLEEP),
                true),
            written);

    assertThat(omhProblems(points)).isEmpty();
    assertThat(written)
        .containsEntry("omh:step-count:2.0", 3L)
        .containsEntry("omh:heart-rate:2.0", 3L)
        .doesNotContainKey("omh:body-weight:2.0");
    double steps = rules.daily(MetricType.STEPS, LAST_DEMO_DAY, LAST_DEMO_DAY).getFirst().value();
    JsonNode lastSteps = null;
    for (JsonNode p : points) {
      if (p.at("/header/schema_id/name").asText().equals("heart-rate")) {
        assertThat(p.at("/body/descriptive_statistic").asText()).isEqualTo("average");
      }
      if (p.at("/header/schema_id/name").asText().equals("step-count")) {
        lastSteps = p;
      }
    }
    assertThat(lastSteps.at("/body/step_count").asDouble())
        .isEqualTo(Math.round(steps * 1e4) / 1e4);
    assertThat(lastSteps.at("/body/effective_time_frame/time_interval/start_date_time").asText())
        .isEqualTo("2026-02-27T00:00:00+01:00");
    assertThat(lastSteps.at("/header/acquisition_provenance/source_name").asText())
        .startsWith("OpenVitals merged daily value, mostly ");
    // Merged sleep: one main night per day at most.
    assertThat(written.get("omh:sleep-episode:1.1")).isBetween(1L, 3L);
  }

  @Test
  void demoDataAsFhirBundlesPassHapisValidator() throws Exception {
    demo(1);
    Map<String, Long> written = new HashMap<>();
    // Every metric but the minute heart rate, whose 1,440 readings would take HAPI's validator
    // minutes (it resolves each subject reference through the bundle); the fixtures' heart rate
    // is validated in realFixturesRoundTrip, and its count checked below.
    Set<MetricType> allButHeartRate = EnumSet.allOf(MetricType.class);
    allButHeartRate.remove(MetricType.HEART_RATE);
    String bundle =
        write(Format.FHIR, new Selection(null, null, allButHeartRate, false), written).toString();

    assertThat(FhirBundles.errors(bundle)).isEmpty();
    Bundle parsed = FhirBundles.R4.newJsonParser().parseResource(Bundle.class, bundle);
    assertThat(parsed.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
    assertThat(parsed.getEntry())
        .hasSize(1 + (int) written.values().stream().mapToLong(l -> l).sum());
    assertThat(written).doesNotContainKey("loinc:8867-4");
    Map<String, Long> heartRate = new HashMap<>();
    write(Format.FHIR, new Selection(null, null, Set.of(MetricType.HEART_RATE), false), heartRate);
    assertThat(heartRate).containsExactly(Map.entry("loinc:8867-4", stored(MetricType.HEART_RATE)));
    assertThat(written.get("loinc:55423-8")).isEqualTo(stored(MetricType.STEPS));
    assertThat(written.get("loinc:29463-7")).isEqualTo(stored(MetricType.BODY_MASS));
    assertThat(written.get("loinc:85354-9"))
        .isPositive()
        .isEqualTo(stored(MetricType.BLOOD_PRESSURE_SYSTOLIC));
    Observation bp =
        parsed.getEntry().stream()
            .map(e -> e.getResource())
            .filter(r ->
                r instanceof Observation o
                    && o.getCode().getCodingFirstRep().getCode().equals("85354-9"))
            .map(Observation.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(bp.getMeta().getProfile().getFirst().getValue())
        .isEqualTo("http://hl7.org/fhir/StructureDefinition/bp");
    assertThat(bp.getComponent())
        .extracting(c -> c.getCode().getCodingFirstRep().getCode())
        .containsExactly("8480-6", "8462-4");
    assertThat(bp.getComponentFirstRep().getValueQuantity().getCode()).isEqualTo("mm[Hg]");
  }

  @Test
  void demoDataMergedAsFhirUsesTheDailyStepCode() throws Exception {
    demo(2);
    Map<String, Long> written = new HashMap<>();
    String bundle =
        write(Format.FHIR, new Selection(null, null, Set.of(), true), written).toString();

    assertThat(FhirBundles.errors(bundle)).isEmpty();
    assertThat(written).containsKey("loinc:41950-7").doesNotContainKey("loinc:55423-8");
    assertThat(written.get("loinc:41950-7"))
        .isEqualTo(rules.daily(MetricType.STEPS, LocalDate.of(2026, 2, 1), LAST_DEMO_DAY).size());
  }

  @Test
  void realFixturesRoundTrip() throws Exception {
    FolderImport.run(Fixtures.path("apple_health"), store, ImportListener.NONE);
    FolderImport.run(
        Fixtures.path("fitbit/mrphil007_fitbit-to-sqlite_account_export"),
        store,
        ImportListener.NONE);
    assertThat(stored(MetricType.HEART_RATE)).isPositive();

    Map<String, Long> omh = new HashMap<>();
    JsonNode points = write(Format.OMH, Selection.everything(), omh);
    assertThat(omhProblems(points)).isEmpty();
    assertThat(omh.get("omh:heart-rate:2.0"))
        .isEqualTo(stored(MetricType.HEART_RATE, MetricType.RESTING_HEART_RATE));
    assertThat(omh.get("omh:body-weight:2.0")).isEqualTo(stored(MetricType.BODY_MASS));
    assertThat(omh.get("omh:sleep-episode:1.1")).isPositive();

    Map<String, Long> fhir = new HashMap<>();
    String bundle = write(Format.FHIR, Selection.everything(), fhir).toString();
    assertThat(FhirBundles.errors(bundle)).isEmpty();
    assertThat(fhir.get("loinc:8867-4")).isEqualTo(stored(MetricType.HEART_RATE));
    assertThat(fhir.get("loinc:8302-2")).isEqualTo(stored(MetricType.HEIGHT));
  }

  @Test
  void whatAFormatHasNoPlaceForIsCountedNotDropped() throws Exception {
    SourceRef watch = new SourceRef("apple_health", "Watch");
    OffsetDateTime at = OffsetDateTime.parse("2026-02-20T10:00:00+01:00");
    store.upsert(
        List.of(
            Sample.of(MetricType.HEART_RATE, at, at, 61, watch),
            Sample.of(MetricType.DISTANCE, at, at.plusMinutes(5), 400, watch),
            Sample.of(MetricType.DISTANCE, at.plusMinutes(5), at.plusMinutes(9), 300, watch),
            Sample.of(MetricType.BLOOD_PRESSURE_SYSTOLIC, at, at, 120, watch)));
    store.upsertOther(
        List.of(
            new OtherSample(
                "HKQuantityTypeIdentifierFutureThing",
                "count",
                at,
                at,
                "3",
                watch,
                null,
                null,
                Map.of())));

    Result result =
        export.export(Format.OMH, Selection.everything(), temp.resolve("x.json"), n -> {});

    assertThat(result.written()).containsExactly(Map.entry("omh:heart-rate:2.0", 1L));
    assertThat(result.skipped())
        .containsEntry("distance", 2L)
        .containsEntry("other:HKQuantityTypeIdentifierFutureThing", 1L)
        .containsEntry("blood pressure without its other half", 1L);

    // Asking for given metrics leaves the other types out of the count: they were not asked for.
    Result some =
        export.export(
            Format.OMH,
            new Selection(null, null, EnumSet.of(MetricType.DISTANCE), false),
            temp.resolve("y.json"),
            n -> {});
    assertThat(some.skipped()).containsExactly(Map.entry("distance", 2L));
  }

  @Test
  void theValidatorsCatchABrokenPoint() throws Exception {
    demo(1);
    JsonNode points =
        write(
            Format.OMH,
            new Selection(null, null, EnumSet.of(MetricType.BODY_MASS), false),
            new HashMap<>());
    ObjectNode broken = (ObjectNode) points.get(0).deepCopy();
    ((ObjectNode) broken.at("/body/body_weight")).put("unit", "stone");
    assertThat(OMH.check(broken)).isNotEmpty();
    ObjectNode noId = (ObjectNode) points.get(0).deepCopy();
    ((ObjectNode) noId.path("header")).remove("id");
    assertThat(OMH.check(noId)).isNotEmpty();
    assertThat(OMH.check(points.get(0))).isEmpty();

    String bundle =
        write(
                Format.FHIR,
                new Selection(null, null, EnumSet.of(MetricType.BODY_MASS), false),
                new HashMap<>())
            .toString();
    assertThat(FhirBundles.errors(bundle)).isEmpty();
    // The body-weight profile fixes the LOINC code: another code must fail it.
    assertThat(FhirBundles.errors(bundle.replace("29463-7", "8867-4"))).isNotEmpty();
    // An Observation without its required status, or a quantity in a unit UCUM does not know.
    ObjectNode noStatus = (ObjectNode) JSON.readTree(bundle);
    ((ObjectNode) noStatus.at("/entry/1/resource")).remove("status");
    assertThat(FhirBundles.errors(noStatus.toString())).isNotEmpty();
    assertThat(FhirBundles.errors(bundle.replace("\"code\":\"kg\"", "\"code\":\"stone\"")))
        .isNotEmpty();
  }

  @Test
  void cancelLeavesNoFile() {
    demo(8); // over 10,000 heart-rate readings: progress is reported, and the export cancelled
    Path file = temp.resolve("cancelled.json");
    assertThatThrownBy(() ->
            export.export(
                Format.OMH,
                Selection.everything(),
                file,
                n -> {
                  throw new CancellationException("Export cancelled");
                }))
        .isInstanceOf(CancellationException.class);
    assertThat(file).doesNotExist();
    assertThat(Files.exists(temp.resolve("cancelled.json.part"))).isFalse();
  }
}
