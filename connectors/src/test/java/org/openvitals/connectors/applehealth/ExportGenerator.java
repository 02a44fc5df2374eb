package org.openvitals.connectors.applehealth;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes realistic synthetic Apple Health exports of any size, streamed to disk (memory does not
 * depend on the size). The shape follows real exports: the HealthKit Export Version 14 DTD header,
 * a record mix dominated by Apple Watch energy and heart rate, several overlapping sources (iPhone,
 * Apple Watch, Oura, a Withings scale, MyFitnessPal, manual entries), HealthKit's stringified
 * {@code device} attribute with a changing object address, metadata entries, HRV beat lists with
 * locale-formatted times, blood pressure and food correlations whose records are repeated at top
 * level, daily workouts with statistics, events and a route file, and activity summaries.
 *
 * <p>Output: a folder with {@code export.xml} and {@code workout-routes/*.gpx} (the unzipped
 * layout), or an {@code export.zip} with the routes after export.xml, as a stream would have them.
 */
public final class ExportGenerator {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss ", Locale.ROOT);
  private static final String WATCH = "Anna’s Apple Watch";
  private static final String PHONE = "Anna’s iPhone";

  private final SplittableRandom random;
  private long records;
  private int workouts;
  private Writer out;

  private ExportGenerator(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** What was written. */
  public record Result(Path path, long bytes, long records, int workouts) {}

  /** Writes {@code export.xml} and its route files into {@code folder}. */
  public static Result writeFolder(Path folder, long targetBytes, long seed) throws IOException {
    Files.createDirectories(folder.resolve("workout-routes"));
    ExportGenerator g = new ExportGenerator(seed);
    Path xml = folder.resolve("export.xml");
    try (CountingOutputStream counted = new CountingOutputStream(Files.newOutputStream(xml))) {
      g.writeExport(counted, targetBytes);
    }
    for (int i = 0; i < g.workouts; i++) {
      try (OutputStream gpx = Files.newOutputStream(folder.resolve(routePath(i)))) {
        writeGpx(gpx, i);
      }
    }
    return new Result(xml, Files.size(xml), g.records, g.workouts);
  }

  /** Writes an {@code export.zip} as the Health app does, routes after export.xml. */
  public static Result writeZip(Path zip, long targetBytes, long seed) throws IOException {
    ExportGenerator g = new ExportGenerator(seed);
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
      z.putNextEntry(new ZipEntry("apple_health_export/"));
      z.closeEntry();
      z.putNextEntry(new ZipEntry("apple_health_export/export.xml"));
      g.writeExport(new NonClosing(z), targetBytes);
      z.closeEntry();
      for (int i = 0; i < g.workouts; i++) {
        z.putNextEntry(new ZipEntry("apple_health_export/" + routePath(i)));
        writeGpx(new NonClosing(z), i);
        z.closeEntry();
      }
    }
    return new Result(zip, Files.size(zip), g.records, g.workouts);
  }

  static String routePath(int workout) {
    LocalDate day = LocalDate.of(2019, 1, 1).plusDays(workout);
    return "workout-routes/route_" + day + "_6.30pm.gpx";
  }

  private void writeExport(OutputStream target, long targetBytes) throws IOException {
    CountingOutputStream counted =
        target instanceof CountingOutputStream c ? c : new CountingOutputStream(target);
    out = new BufferedWriter(new OutputStreamWriter(counted, StandardCharsets.UTF_8), 1 << 20);
    try (InputStream dtd = ExportGenerator.class.getResourceAsStream("dtd_v14.txt")) {
      out.write(new String(dtd.readAllBytes(), StandardCharsets.UTF_8));
    }
    out.write("<HealthData locale=\"en_US\">\n");
    out.write(" <ExportDate value=\"2025-03-02 09:15:00 -0800\"/>\n");
    out.write(
        " <Me HKCharacteristicTypeIdentifierDateOfBirth=\"1988-04-12\""
            + " HKCharacteristicTypeIdentifierBiologicalSex=\"HKBiologicalSexFemale\""
            + " HKCharacteristicTypeIdentifierBloodType=\"HKBloodTypeNotSet\""
            + " HKCharacteristicTypeIdentifierFitzpatrickSkinType=\"HKFitzpatrickSkinTypeNotSet\""
            + " HKCharacteristicTypeIdentifierCardioFitnessMedicationsUse=\"None\"/>\n");
    LocalDate day = LocalDate.of(2019, 1, 1);
    int days = 0;
    while (true) {
      out.flush();
      if (counted.count >= targetBytes) {
        break;
      }
      day(day, days);
      day = day.plusDays(1);
      days++;
    }
    LocalDate summary = LocalDate.of(2019, 1, 1);
    for (int i = 0; i < days; i++, summary = summary.plusDays(1)) {
      records++;
      out.write(
          " <ActivitySummary dateComponents=\"%s\" activeEnergyBurned=\"%.3f\" activeEnergyBurnedGoal=\"500\" activeEnergyBurnedUnit=\"Cal\" appleMoveTime=\"0\" appleMoveTimeGoal=\"0\" appleExerciseTime=\"%d\" appleExerciseTimeGoal=\"30\" appleStandHours=\"%d\" appleStandHoursGoal=\"12\"/>\n"
              .formatted(
                  summary,
                  300 + random.nextDouble(500),
                  random.nextInt(90),
                  6 + random.nextInt(10)));
    }
    out.write("</HealthData>\n");
    out.flush();
  }

  // ---- one day -------------------------------------------------------------------------------

  private void day(LocalDate day, int index) throws IOException {
    // Summer time half of the year, and a week abroad now and then: offsets vary within a file.
    ZoneOffset offset =
        index % 180 < 5
            ? ZoneOffset.ofHours(-5)
            : day.getMonthValue() >= 4 && day.getMonthValue() <= 10
                ? ZoneOffset.ofHours(-7)
                : ZoneOffset.ofHours(-8);
    LocalDateTime midnight = day.atStartOfDay();
    String tz = offset.getTotalSeconds() == -5 * 3600 ? "America/New_York" : "America/Los_Angeles";

    interval(midnight, offset, 400, 60, "ActiveEnergyBurned", WATCH, "11.3", "Cal", 0.05, 3.5, 2);
    interval(midnight, offset, 250, 240, "BasalEnergyBurned", WATCH, "11.3", "Cal", 4, 8, 2);
    heartRates(midnight, offset, 250);
    interval(midnight, offset, 120, 300, "StepCount", WATCH, "11.3", "count", 5, 900, 0);
    interval(
        midnight, offset, 120, 300, "DistanceWalkingRunning", WATCH, "11.3", "mi", 0.01, 0.5, 5);
    interval(midnight, offset, 100, 420, "StepCount", PHONE, "18.3", "count", 5, 1200, 0);
    interval(
        midnight, offset, 100, 420, "DistanceWalkingRunning", PHONE, "18.3", "mi", 0.01, 0.6, 5);
    interval(midnight, offset, 8, 60, "FlightsClimbed", PHONE, "18.3", "count", 1, 4, 0);
    interval(midnight, offset, 30, 60, "AppleExerciseTime", WATCH, "11.3", "min", 1, 1, 0);
    interval(midnight, offset, 40, 300, "AppleStandTime", WATCH, "11.3", "min", 1, 5, 0);
    interval(midnight, offset, 20, 30, "RespiratoryRate", WATCH, "11.3", "count/min", 12, 18, 1);
    interval(midnight, offset, 8, 1, "OxygenSaturation", WATCH, "11.3", "%", 0.93, 1.0, 2);
    interval(midnight, offset, 1, 1, "RestingHeartRate", WATCH, "11.3", "count/min", 48, 62, 0);
    interval(
        midnight, offset, 1, 1, "WalkingHeartRateAverage", WATCH, "11.3", "count/min", 90, 115, 1);
    interval(
        midnight,
        offset,
        1,
        3600,
        "AppleSleepingWristTemperature",
        WATCH,
        "11.3",
        "degC",
        35,
        36.5,
        2);
    standHours(midnight, offset);
    hrv(midnight, offset, 5);
    sleep(midnight, offset, tz);
    oura(midnight, offset, day);
    scale(midnight, offset, index);
    food(midnight, offset, day);
    if (index % 3 == 0) {
      bloodPressure(midnight.plusHours(20), offset);
    }
    if (index % 2 == 0) {
      glucose(midnight.plusHours(12), offset);
    }
    workout(midnight.plusHours(18).plusMinutes(30), offset, tz);
  }

  private String date(LocalDateTime t, ZoneOffset offset) {
    String o = offset.getId().replace(":", "");
    return DATE.format(t) + (o.equals("Z") ? "+0000" : o);
  }

  private String device(String name, String model, String hardware, String software) {
    return "&lt;&lt;HKDevice: 0x%09x&gt;, name:%s, manufacturer:Apple Inc., model:%s, hardware:%s, software:%s&gt;"
        .formatted(0x280000000L + random.nextInt(0x0fffffff), name, model, hardware, software);
  }

  private String deviceFor(String source) {
    return source.equals(WATCH)
        ? device("Apple Watch", "Watch", "Watch7,1", "11.3")
        : device("iPhone", "iPhone", "iPhone15,2", "18.3");
  }

  private void record(
      String type,
      String source,
      String version,
      String device,
      String unit,
      String value,
      LocalDateTime start,
      LocalDateTime end,
      ZoneOffset offset,
      String children)
      throws IOException {
    records++;
    out.write(" <Record type=\"");
    out.write(type);
    out.write("\" sourceName=\"");
    out.write(source);
    out.write("\" sourceVersion=\"");
    out.write(version);
    if (device != null) {
      out.write("\" device=\"");
      out.write(device);
    }
    if (unit != null) {
      out.write("\" unit=\"");
      out.write(unit);
    }
    out.write("\" creationDate=\"");
    out.write(date(end.plusMinutes(3), offset));
    out.write("\" startDate=\"");
    out.write(date(start, offset));
    out.write("\" endDate=\"");
    out.write(date(end, offset));
    out.write("\" value=\"");
    out.write(value);
    if (children == null) {
      out.write("\"/>\n");
    } else {
      out.write("\">\n");
      out.write(children);
      out.write(" </Record>\n");
    }
  }

  private static String meta(String key, String value) {
    return "  <MetadataEntry key=\"" + key + "\" value=\"" + value + "\"/>\n";
  }

  private String number(double min, double max, int decimals) {
    double v = min + random.nextDouble() * (max - min);
    return decimals == 0
        ? Long.toString(Math.round(v))
        : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  /** {@code count} samples spread over the day, each up to {@code maxSeconds} long. */
  private void interval(
      LocalDateTime midnight,
      ZoneOffset offset,
      int count,
      int maxSeconds,
      String type,
      String source,
      String version,
      String unit,
      double min,
      double max,
      int decimals)
      throws IOException {
    int step = 86_400 / count;
    for (int i = 0; i < count; i++) {
      LocalDateTime start =
          midnight.plusSeconds((long) i * step + random.nextInt(Math.max(1, step / 2)));
      LocalDateTime end = start.plusSeconds(random.nextInt(maxSeconds) + (maxSeconds > 1 ? 1 : 0));
      record(
          "HKQuantityTypeIdentifier" + type,
          source,
          version,
          deviceFor(source),
          unit,
          number(min, max, decimals),
          start,
          end,
          offset,
          null);
    }
  }

  private void heartRates(LocalDateTime midnight, ZoneOffset offset, int count) throws IOException {
    int step = 86_400 / count;
    for (int i = 0; i < count; i++) {
      LocalDateTime t = midnight.plusSeconds((long) i * step + random.nextInt(step));
      record(
          "HKQuantityTypeIdentifierHeartRate",
          WATCH,
          "11.3",
          deviceFor(WATCH),
          "count/min",
          number(52, 150, 0),
          t,
          t,
          offset,
          meta("HKMetadataKeyHeartRateMotionContext", Integer.toString(random.nextInt(3))));
    }
  }

  private void standHours(LocalDateTime midnight, ZoneOffset offset) throws IOException {
    for (int h = 7; h < 23; h++) {
      record(
          "HKCategoryTypeIdentifierAppleStandHour",
          WATCH,
          "11.3",
          deviceFor(WATCH),
          null,
          random.nextInt(4) == 0
              ? "HKCategoryValueAppleStandHourIdle"
              : "HKCategoryValueAppleStandHourStood",
          midnight.plusHours(h),
          midnight.plusHours(h + 1),
          offset,
          null);
    }
  }

  private void hrv(LocalDateTime midnight, ZoneOffset offset, int count) throws IOException {
    for (int i = 0; i < count; i++) {
      LocalDateTime start = midnight.plusHours(2 + i * 4L).plusSeconds(random.nextInt(3600));
      StringBuilder beats = new StringBuilder("  <HeartRateVariabilityMetadataList>\n");
      for (int b = 0; b < 8; b++) {
        LocalDateTime t = start.plusSeconds(b).plusNanos(random.nextInt(1_000_000_000));
        int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        beats.append(
            "   <InstantaneousBeatsPerMinute bpm=\"%d\" time=\"%d:%02d:%02d.%02d\u202F%s\"/>\n"
                .formatted(
                    55 + random.nextInt(30),
                    hour12,
                    t.getMinute(),
                    t.getSecond(),
                    t.getNano() / 10_000_000,
                    t.getHour() < 12 ? "AM" : "PM"));
      }
      beats.append("  </HeartRateVariabilityMetadataList>\n");
      record(
          "HKQuantityTypeIdentifierHeartRateVariabilitySDNN",
          WATCH,
          "11.3",
          deviceFor(WATCH),
          "ms",
          number(20, 90, 4),
          start,
          start.plusSeconds(60),
          offset,
          beats.toString());
    }
  }

  private static final String[] STAGES = {
    "HKCategoryValueSleepAnalysisAsleepCore",
    "HKCategoryValueSleepAnalysisAsleepDeep",
    "HKCategoryValueSleepAnalysisAsleepCore",
    "HKCategoryValueSleepAnalysisAsleepREM",
    "HKCategoryValueSleepAnalysisAwake"
  };

  private void sleep(LocalDateTime midnight, ZoneOffset offset, String tz) throws IOException {
    LocalDateTime t = midnight.minusMinutes(60).plusMinutes(random.nextInt(60));
    record(
        "HKCategoryTypeIdentifierSleepAnalysis",
        PHONE,
        "18.3",
        null,
        null,
        "HKCategoryValueSleepAnalysisInBed",
        t,
        t.plusHours(8),
        offset,
        meta("HKTimeZone", tz));
    for (int i = 0; i < 12; i++) {
      LocalDateTime end = t.plusMinutes(15 + random.nextInt(45));
      record(
          "HKCategoryTypeIdentifierSleepAnalysis",
          WATCH,
          "11.3",
          deviceFor(WATCH),
          null,
          STAGES[i % STAGES.length],
          t,
          end,
          offset,
          meta("HKTimeZone", tz));
      t = end;
    }
  }

  private void oura(LocalDateTime midnight, ZoneOffset offset, LocalDate day) throws IOException {
    for (int i = 0; i < 60; i++) {
      LocalDateTime t = midnight.plusMinutes(i * 24L);
      record(
          "HKQuantityTypeIdentifierHeartRate",
          "Oura",
          "5.12.1",
          null,
          "count/min",
          number(48, 110, 0),
          t,
          t,
          offset,
          meta("HKMetadataKeySyncIdentifier", "oura-hr-" + day + "-" + i)
              + meta("HKMetadataKeySyncVersion", "1"));
    }
    for (int h = 0; h < 24; h++) {
      record(
          "HKQuantityTypeIdentifierStepCount",
          "Oura",
          "5.12.1",
          null,
          "count",
          number(0, 1500, 0),
          midnight.plusHours(h),
          midnight.plusHours(h + 1),
          offset,
          meta("HKMetadataKeySyncIdentifier", "oura-steps-" + day + "T" + h)
              + meta("HKMetadataKeySyncVersion", "2"));
    }
    LocalDateTime t = midnight.minusMinutes(30);
    for (int i = 0; i < 10; i++) {
      LocalDateTime end = t.plusMinutes(20 + random.nextInt(40));
      record(
          "HKCategoryTypeIdentifierSleepAnalysis",
          "Oura",
          "5.12.1",
          null,
          null,
          STAGES[(i + 1) % STAGES.length],
          t,
          end,
          offset,
          meta("HKMetadataKeySyncIdentifier", "oura-sleep-" + day + "-" + i)
              + meta("HKMetadataKeySyncVersion", "1"));
      t = end;
    }
  }

  private void scale(LocalDateTime midnight, ZoneOffset offset, int index) throws IOException {
    LocalDateTime t = midnight.plusHours(7).plusMinutes(random.nextInt(40));
    String withings =
        meta("Withings User Identifier", "4242")
            + meta("Modified Date", date(t.plusMinutes(1), ZoneOffset.UTC))
            + meta("HKWasUserEntered", "0");
    double kg = 68 + Math.sin(index / 30.0) * 2 + random.nextDouble();
    record(
        "HKQuantityTypeIdentifierBodyMass",
        "Withings",
        "6.4.0",
        null,
        "lb",
        String.format(Locale.ROOT, "%.2f", kg / 0.45359237),
        t,
        t,
        offset,
        withings);
    record(
        "HKQuantityTypeIdentifierBodyFatPercentage",
        "Withings",
        "6.4.0",
        null,
        "%",
        number(0.22, 0.26, 3),
        t,
        t,
        offset,
        withings);
    record(
        "HKQuantityTypeIdentifierBodyMassIndex",
        "Withings",
        "6.4.0",
        null,
        "count",
        String.format(Locale.ROOT, "%.4f", kg / (1.68 * 1.68)),
        t,
        t,
        offset,
        withings);
  }

  private static final String[][] NUTRIENTS = {
    {"DietaryEnergyConsumed", "kcal", "250", "900"},
    {"DietaryProtein", "g", "5", "50"},
    {"DietaryCarbohydrates", "g", "10", "120"},
    {"DietaryFatTotal", "g", "3", "45"},
    {"DietarySodium", "mg", "100", "1500"},
  };

  private void food(LocalDateTime midnight, ZoneOffset offset, LocalDate day) throws IOException {
    String[] meals = {"Breakfast", "Lunch", "Dinner"};
    for (int m = 0; m < 3; m++) {
      LocalDateTime t = midnight.plusHours(8 + m * 5L);
      StringBuilder inner = new StringBuilder();
      for (String[] n : NUTRIENTS) {
        String value = number(Double.parseDouble(n[2]), Double.parseDouble(n[3]), 1);
        String children = meta("meal", meals[m]);
        record(
            "HKQuantityTypeIdentifier" + n[0],
            "MyFitnessPal",
            "24.5.0",
            null,
            n[1],
            value,
            t,
            t,
            offset,
            children);
        inner.append(
            "  <Record type=\"HKQuantityTypeIdentifier%s\" sourceName=\"MyFitnessPal\" sourceVersion=\"24.5.0\" unit=\"%s\" creationDate=\"%s\" startDate=\"%s\" endDate=\"%s\" value=\"%s\">\n %s  </Record>\n"
                .formatted(
                    n[0],
                    n[1],
                    date(t.plusMinutes(3), offset),
                    date(t, offset),
                    date(t, offset),
                    value,
                    meta("meal", meals[m])));
      }
      correlation(
          "HKCorrelationTypeIdentifierFood",
          "MyFitnessPal",
          "24.5.0",
          t,
          offset,
          meta("meal", meals[m]) + inner);
    }
  }

  private void bloodPressure(LocalDateTime t, ZoneOffset offset) throws IOException {
    String sys = number(108, 135, 0);
    String dia = number(65, 88, 0);
    String manual = meta("HKWasUserEntered", "1");
    record(
        "HKQuantityTypeIdentifierBloodPressureSystolic",
        "Health",
        "18.3",
        null,
        "mmHg",
        sys,
        t,
        t,
        offset,
        manual);
    record(
        "HKQuantityTypeIdentifierBloodPressureDiastolic",
        "Health",
        "18.3",
        null,
        "mmHg",
        dia,
        t,
        t,
        offset,
        manual);
    String d = date(t, offset);
    correlation(
        "HKCorrelationTypeIdentifierBloodPressure",
        "Health",
        "18.3",
        t,
        offset,
        manual
            + ("  <Record type=\"HKQuantityTypeIdentifierBloodPressureSystolic\" sourceName=\"Health\" sourceVersion=\"18.3\" unit=\"mmHg\" creationDate=\"%s\" startDate=\"%s\" endDate=\"%s\" value=\"%s\">\n %s  </Record>\n"
                .formatted(d, d, d, sys, manual))
            + ("  <Record type=\"HKQuantityTypeIdentifierBloodPressureDiastolic\" sourceName=\"Health\" sourceVersion=\"18.3\" unit=\"mmHg\" creationDate=\"%s\" startDate=\"%s\" endDate=\"%s\" value=\"%s\">\n %s  </Record>\n"
                .formatted(d, d, d, dia, manual)));
  }

  private void correlation(
      String type, String source, String version, LocalDateTime t, ZoneOffset offset, String body)
      throws IOException {
    records++;
    String d = date(t, offset);
    out.write(
        " <Correlation type=\"%s\" sourceName=\"%s\" sourceVersion=\"%s\" creationDate=\"%s\" startDate=\"%s\" endDate=\"%s\">\n"
            .formatted(type, source, version, d, d, d));
    out.write(body);
    out.write(" </Correlation>\n");
  }

  private void glucose(LocalDateTime t, ZoneOffset offset) throws IOException {
    record(
        "HKQuantityTypeIdentifierBloodGlucose",
        "Health",
        "18.3",
        null,
        "mmol&lt;180.1558800000541&gt;/L",
        number(4.2, 7.5, 2),
        t,
        t,
        offset,
        meta("HKWasUserEntered", "1") + meta("HKBloodGlucoseMealTime", "1"));
  }

  private static final String[] ACTIVITIES = {"Running", "Cycling", "Walking"};

  private void workout(LocalDateTime start, ZoneOffset offset, String tz) throws IOException {
    records++;
    int index = workouts++;
    String activity = ACTIVITIES[index % ACTIVITIES.length];
    double minutes = 25 + random.nextDouble() * 50;
    LocalDateTime end = start.plusSeconds((long) (minutes * 60));
    String s = date(start, offset);
    String e = date(end, offset);
    String distanceType = activity.equals("Cycling") ? "DistanceCycling" : "DistanceWalkingRunning";
    out.write(
        " <Workout workoutActivityType=\"HKWorkoutActivityType%s\" duration=\"%s\" durationUnit=\"min\" sourceName=\"%s\" sourceVersion=\"11.3\" device=\"%s\" creationDate=\"%s\" startDate=\"%s\" endDate=\"%s\">\n"
            .formatted(activity, Double.toString(minutes), WATCH, deviceFor(WATCH), e, s, e));
    out.write(meta("HKIndoorWorkout", "0"));
    out.write(meta("HKTimeZone", tz));
    out.write(meta("HKAverageMETs", number(5, 11, 5) + " kcal/hr·kg"));
    out.write(meta("HKWeatherTemperature", number(40, 85, 0) + " degF"));
    out.write(meta("HKWeatherHumidity", number(30, 95, 0) + " %"));
    out.write(
        meta("HKMetadataKeySyncIdentifier", "%08X-0000-4000-8000-%012X".formatted(index, index)));
    out.write(
        "  <WorkoutEvent type=\"HKWorkoutEventTypePause\" date=\"%s\"/>\n  <WorkoutEvent type=\"HKWorkoutEventTypeResume\" date=\"%s\"/>\n"
            .formatted(date(start.plusMinutes(10), offset), date(start.plusMinutes(11), offset)));
    out.write(
        "  <WorkoutActivity uuid=\"%08X-1111-4000-8000-%012X\" startDate=\"%s\" endDate=\"%s\" duration=\"%s\" durationUnit=\"min\">\n%s  </WorkoutActivity>\n"
            .formatted(index, index, s, e, Double.toString(minutes), meta("HKIndoorWorkout", "0")));
    out.write(
        "  <WorkoutStatistics type=\"HKQuantityTypeIdentifierActiveEnergyBurned\" startDate=\"%s\" endDate=\"%s\" sum=\"%s\" unit=\"Cal\"/>\n"
            .formatted(s, e, number(150, 700, 3)));
    out.write(
        "  <WorkoutStatistics type=\"HKQuantityTypeIdentifier%s\" startDate=\"%s\" endDate=\"%s\" sum=\"%s\" unit=\"mi\"/>\n"
            .formatted(distanceType, s, e, number(1.5, 15, 4)));
    out.write(
        "  <WorkoutStatistics type=\"HKQuantityTypeIdentifierHeartRate\" startDate=\"%s\" endDate=\"%s\" average=\"%s\" minimum=\"%s\" maximum=\"%s\" unit=\"count/min\"/>\n"
            .formatted(s, e, number(120, 160, 1), number(80, 110, 0), number(165, 185, 0)));
    out.write(
        "  <WorkoutRoute sourceName=\"%s\" sourceVersion=\"11.3\" creationDate=\"%s\" startDate=\"%s\" endDate=\"%s\">\n%s%s   <FileReference path=\"/%s\"/>\n  </WorkoutRoute>\n"
            .formatted(
                WATCH,
                e,
                s,
                e,
                meta("HKMetadataKeySyncVersion", "2"),
                meta(
                    "HKMetadataKeySyncIdentifier",
                    "%08X-2222-4000-8000-%012X".formatted(index, index)),
                routePath(index)));
    out.write(" </Workout>\n");
  }

  /** A GPX track of about 300 points, as the Health app writes route files. */
  private static void writeGpx(OutputStream target, int workout) throws IOException {
    SplittableRandom r = new SplittableRandom(workout);
    Writer w = new BufferedWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8));
    w.write(
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <gpx version="1.1" creator="Apple Health Export" xmlns="http://www.topografix.com/GPX/1/1" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd">
          <metadata>
            <time>2025-03-02T17:15:00Z</time>
          </metadata>
          <trk>
            <name>Route</name>
            <trkseg>
        """);
    double lat = 37.77 + r.nextDouble() * 0.05;
    double lon = -122.45 + r.nextDouble() * 0.05;
    double ele = 10 + r.nextDouble() * 30;
    LocalDateTime t = LocalDate.of(2019, 1, 1).plusDays(workout).atTime(2, 30);
    for (int i = 0; i < 300; i++) {
      lat += (r.nextDouble() - 0.3) * 0.0002;
      lon += (r.nextDouble() - 0.3) * 0.0002;
      ele += (r.nextDouble() - 0.5) * 0.8;
      t = t.plusSeconds(5);
      w.write(
          String.format(
              Locale.ROOT,
              "      <trkpt lon=\"%.6f\" lat=\"%.6f\"><ele>%.6f</ele><time>%sZ</time><extensions><speed>%.6f</speed><course>%.6f</course><hAcc>%.6f</hAcc><vAcc>%.6f</vAcc></extensions></trkpt>%n",
              lon,
              lat,
              ele,
              t,
              2 + r.nextDouble() * 2,
              r.nextDouble() * 360,
              2 + r.nextDouble() * 6,
              1 + r.nextDouble() * 5));
    }
    w.write("    </trkseg>\n  </trk>\n</gpx>\n");
    w.flush();
  }

  private static final class CountingOutputStream extends FilterOutputStream {
    long count;

    CountingOutputStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }

  /** Lets a zip entry be written through a writer without closing the zip. */
  private static final class NonClosing extends FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }

  /** {@code ExportGenerator DIR|FILE.zip SIZE_MB [SEED]}. */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: ExportGenerator <folder | file.zip> <size in MB> [seed]");
      System.exit(2);
    }
    Path target = Path.of(args[0]);
    long bytes = Long.parseLong(args[1]) << 20;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
    long t0 = System.nanoTime();
    Result r =
        target.toString().endsWith(".zip")
            ? writeZip(target, bytes, seed)
            : writeFolder(target, bytes, seed);
    System.out.printf(
        Locale.ROOT,
        "wrote %s: %.1f MB, %,d records, %,d workouts with routes, in %.1f s%n",
        r.path(),
        r.bytes() / 1e6,
        r.records(),
        r.workouts(),
        (System.nanoTime() - t0) / 1e9);
  }
}
