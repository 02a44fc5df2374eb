package org.openvitals.connectors.cronometer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openvitals.connectors.csv.CsvTable;
import org.openvitals.connectors.csv.HeaderName;
import org.openvitals.connectors.csv.ImportSession;
import org.openvitals.connectors.csv.MealTotals;
import org.openvitals.connectors.csv.Numbers;
import org.openvitals.connectors.csv.NutrientColumns;
import org.openvitals.connectors.csv.Timestamps;
import org.openvitals.connectors.files.CountingInputStream;
import org.openvitals.connectors.files.FileImporter;
import org.openvitals.connectors.files.ImportException;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.connectors.files.ImportReport.Rejected;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.OtherSample;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.units.UnitException;
import org.openvitals.core.units.Units;

/**
 * Cronometer's CSV exports (More, Account, Export Data), recognised by their header rows:
 *
 * <ul>
 *   <li>{@code dailysummary.csv} "Daily Nutrition": {@code Date,Energy (kcal),...,Completed}, one
 *       row of nutrient totals per day; stored as day totals under "Cronometer".
 *   <li>{@code servings.csv} "Food & Recipe Entries": {@code Day,Time,Group,Food Name,Amount,...},
 *       one row per food; summed per day and meal (the Group) under "Cronometer meals". The two are
 *       two views of one diary: the rules use one nutrition source per day, never both.
 *   <li>{@code exercises.csv}: {@code Day,[Time,]Group,Exercise,Minutes,Calories Burned}, with
 *       burned energy written negative; stored as workouts and active energy.
 *   <li>{@code biometrics.csv}: {@code Day,Time,Group,Metric,Unit,Amount}, one reading per row with
 *       its unit (weight, body fat, blood pressure "120/80", glucose, heart rate ...). A metric
 *       synced from elsewhere carries the device in its name ("Heart Rate (Garmin)").
 * </ul>
 *
 * Dates are local days and times local 12-hour clock times without zone: they are read in the zone
 * given (default: the computer's). Empty cells mean "not tracked" and store nothing.
 */
public final class CronometerImporter implements FileImporter {
  public static final String ID = "cronometer";
  public static final SourceRef SOURCE = new SourceRef("cronometer", "Cronometer");
  public static final SourceRef MEALS_SOURCE = new SourceRef("cronometer", "Cronometer meals");

  private static final Pattern PRESSURE =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*/\\s*(\\d+(?:\\.\\d+)?)");
  private static final Pattern SYNCED = Pattern.compile("^(.*?)\\s*\\(([^()]+)\\)\\s*$");

  /** Biometric names (lower case, device suffix removed) that map to one metric. */
  private static final Map<String, MetricType> BIOMETRICS =
      Map.ofEntries(
          Map.entry("weight", MetricType.BODY_MASS),
          Map.entry("body fat", MetricType.BODY_FAT_PERCENTAGE),
          Map.entry("body fat %", MetricType.BODY_FAT_PERCENTAGE),
          Map.entry("lean mass", MetricType.LEAN_BODY_MASS),
          Map.entry("muscle mass", MetricType.MUSCLE_MASS),
          Map.entry("bmi", MetricType.BODY_MASS_INDEX),
          Map.entry("height", MetricType.HEIGHT),
          Map.entry("waist", MetricType.WAIST_CIRCUMFERENCE),
          Map.entry("blood glucose", MetricType.BLOOD_GLUCOSE),
          Map.entry("heart rate", MetricType.HEART_RATE),
          Map.entry("resting heart rate", MetricType.RESTING_HEART_RATE),
          Map.entry("heart rate variability", MetricType.HRV_RMSSD),
          Map.entry("systolic", MetricType.BLOOD_PRESSURE_SYSTOLIC),
          Map.entry("diastolic", MetricType.BLOOD_PRESSURE_DIASTOLIC),
          Map.entry("body temperature", MetricType.BODY_TEMPERATURE),
          Map.entry("oxygen saturation", MetricType.OXYGEN_SATURATION),
          Map.entry("blood oxygen", MetricType.OXYGEN_SATURATION),
          Map.entry("respiratory rate", MetricType.RESPIRATORY_RATE),
          Map.entry("steps", MetricType.STEPS),
          Map.entry("insulin", MetricType.INSULIN_DELIVERY));

  enum Kind {
    DAILY_SUMMARY,
    SERVINGS,
    EXERCISES,
    BIOMETRICS
  }

  private final ZoneId zone;

  public CronometerImporter() {
    this(ZoneId.systemDefault());
  }

  /** Reads local days and times in {@code zone}. */
  public CronometerImporter(ZoneId zone) {
    this.zone = zone;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "Cronometer export (daily summary, servings, exercises, biometrics)";
  }

  /**
   * A nutrient column or biometric an earlier version kept as written becomes a sample once the
   * catalog has its metric (docs/decisions/0008-unknown-types.md).
   */
  @Override
  public Optional<Sample> promote(OtherSample record) {
    if (!record.source().provider().equals(SOURCE.provider())) {
      return Optional.empty();
    }
    try {
      Optional<NutrientColumns.Column> nutrient = NutrientColumns.of(record.type());
      if (nutrient.isPresent()) {
        NutrientColumns.Column c = nutrient.get();
        double value = c.canonical(number(record.type(), record.value()));
        return Optional.of(
            new Sample(
                c.type(),
                record.start(),
                record.end(),
                value,
                record.source(),
                record.device(),
                record.externalId(),
                record.metadata()));
      }
      Matcher synced = SYNCED.matcher(record.type());
      String name = (synced.matches() ? synced.group(1) : record.type()).toLowerCase(Locale.ROOT);
      MetricType type = BIOMETRICS.get(name);
      if (type == null || record.unit() == null) {
        return Optional.empty();
      }
      return Optional.of(
          reading(
              type,
              record.value(),
              record.unit(),
              record.start(),
              record.device(),
              record.externalId(),
              record.metadata()));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // a value this version cannot read either: stays as it is
    }
  }

  @Override
  public boolean canRead(Path file) throws IOException {
    return Files.isRegularFile(file)
        && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")
        && kindOf(CsvTable.peekHeader(file)) != null;
  }

  static Kind kindOf(List<String> headers) {
    boolean day = has(headers, "Day");
    if (has(headers, "Date") && has(headers, "Completed") && unitColumns(headers) > 0) {
      return Kind.DAILY_SUMMARY;
    }
    if (day && has(headers, "Food Name") && has(headers, "Amount")) {
      return Kind.SERVINGS;
    }
    if (day
        && has(headers, "Exercise")
        && has(headers, "Minutes")
        && has(headers, "Calories Burned")) {
      return Kind.EXERCISES;
    }
    if (day && has(headers, "Metric") && has(headers, "Unit") && has(headers, "Amount")) {
      return Kind.BIOMETRICS;
    }
    return null;
  }

  private static boolean has(List<String> headers, String name) {
    return headers.stream().anyMatch(name::equalsIgnoreCase);
  }

  private static long unitColumns(List<String> headers) {
    return headers.stream().filter(h -> h.matches(".*\\((kcal|kJ|g|mg|µg)\\)")).count();
  }

  @Override
  public ImportReport importFile(Path file, SampleStore store, ImportListener listener)
      throws ImportException {
    try (InputStream raw = Files.newInputStream(file)) {
      CountingInputStream counted = new CountingInputStream(raw);
      ImportSession session =
          new ImportSession(file, ID, store, listener, counted::count, Files.size(file));
      try (CsvTable table = CsvTable.open(counted, null, null)) {
        Kind kind = kindOf(table.headers());
        if (kind == null) {
          throw session.fail(
              "header",
              "not a Cronometer export (expected the header of dailysummary.csv, servings.csv,"
                  + " exercises.csv or biometrics.csv)",
              null);
        }
        switch (kind) {
          case DAILY_SUMMARY -> dailySummary(table, session);
          case SERVINGS -> servings(table, session);
          case EXERCISES -> exercises(table, session);
          case BIOMETRICS -> biometrics(table, session);
        }
        return session.finish();
      } catch (CsvTable.CsvSyntaxException e) {
        throw session.fail(e.where(), e.reason(), e);
      } catch (UnitException e) {
        throw session.fail("header", e.getMessage(), e);
      }
    } catch (IOException e) {
      throw new ImportException(
          file.getFileName() + ": cannot be read: " + e.getMessage(), null, e);
    }
  }

  private static final Numbers NUMBERS = new Numbers(false);

  private void dailySummary(CsvTable table, ImportSession session) {
    List<String> headers = table.headers();
    NutrientColumns nutrients =
        NutrientColumns.find(headers, List.of("Date", "Completed"), t -> null);
    int date = table.column("Date");
    int completed = table.column("Completed");
    for (CsvTable.Row row; !session.cancelled() && (row = table.next()) != null; ) {
      session.recordRead();
      LocalDate day = day(row, date, session);
      if (day == null) {
        continue;
      }
      Map<String, String> metadata = new TreeMap<>();
      metadata.put("scope", "day");
      if (!row.get(completed).isEmpty()) {
        metadata.put("completed", row.get(completed).toLowerCase(Locale.ROOT));
      }
      OffsetDateTime start = Timestamps.startOfDay(day, zone);
      OffsetDateTime end = Timestamps.startOfDay(day.plusDays(1), zone);
      List<Sample> samples = new java.util.ArrayList<>();
      try {
        for (NutrientColumns.Column c : nutrients.columns()) {
          String cell = row.get(c.index());
          if (!Numbers.isEmpty(cell)) {
            double value = c.canonical(number(c.header(), cell));
            samples.add(
                new Sample(c.type(), start, end, value, SOURCE, null, day.toString(), metadata));
          }
        }
      } catch (IllegalArgumentException e) {
        session.reject(row.where(), e.getMessage());
        continue;
      }
      samples.forEach(session::add);
      for (String header : nutrients.unmapped()) {
        String cell = row.get(headers.indexOf(header));
        if (!Numbers.isEmpty(cell)) {
          session.other(
              new OtherSample(
                  header,
                  HeaderName.parse(header).unit(),
                  start,
                  end,
                  cell,
                  SOURCE,
                  null,
                  day.toString(),
                  metadata));
        }
      }
    }
  }

  private void servings(CsvTable table, ImportSession session) {
    List<String> headers = table.headers();
    List<String> descriptive = List.of("Day", "Time", "Group", "Food Name", "Amount", "Category");
    NutrientColumns nutrients = NutrientColumns.find(headers, descriptive, t -> null);
    int dayColumn = table.column("Day");
    int timeColumn = table.column("Time");
    int groupColumn = table.column("Group");
    MealTotals meals = new MealTotals();
    for (CsvTable.Row row; !session.cancelled() && (row = table.next()) != null; ) {
      session.recordRead();
      LocalDate day = day(row, dayColumn, session);
      if (day == null) {
        continue;
      }
      LocalTime time;
      try {
        time = time(row.get(timeColumn));
      } catch (DateTimeParseException e) {
        session.reject(row.where(), e.getMessage());
        continue;
      }
      String meal = row.get(groupColumn).isEmpty() ? "Uncategorized" : row.get(groupColumn);
      Map<NutrientColumns.Column, Double> values = new HashMap<>();
      try {
        for (NutrientColumns.Column c : nutrients.columns()) {
          String cell = row.get(c.index());
          if (!Numbers.isEmpty(cell)) {
            values.put(c, c.canonical(number(c.header(), cell)));
          }
        }
      } catch (IllegalArgumentException e) {
        session.reject(row.where(), e.getMessage());
        continue;
      }
      meals.entry(day, meal, time);
      values.forEach((c, v) -> meals.add(day, meal, time, c, v));
      for (String header : nutrients.unmapped()) {
        String cell = row.get(headers.indexOf(header));
        if (!Numbers.isEmpty(cell)) {
          try {
            meals.addOther(day, meal, time, header, number(header, cell));
          } catch (IllegalArgumentException e) {
            session.reject(row.where(), e.getMessage());
          }
        }
      }
    }
    if (!session.cancelled()) {
      meals.samples(MEALS_SOURCE, zone).forEach(session::add);
      meals.others(MEALS_SOURCE, zone).forEach(session::other);
    }
  }

  private void exercises(CsvTable table, ImportSession session) {
    int dayColumn = table.column("Day");
    int timeColumn = table.column("Time");
    int groupColumn = table.column("Group");
    int exerciseColumn = table.column("Exercise");
    int minutesColumn = table.column("Minutes");
    int caloriesColumn = table.column("Calories Burned");
    Map<String, Integer> occurrences = new HashMap<>();
    for (CsvTable.Row row; !session.cancelled() && (row = table.next()) != null; ) {
      session.recordRead();
      LocalDate day = day(row, dayColumn, session);
      if (day == null) {
        continue;
      }
      String exercise = row.get(exerciseColumn);
      double minutes;
      double calories;
      OffsetDateTime start;
      try {
        LocalTime time = time(row.get(timeColumn));
        start =
            time == null
                ? Timestamps.startOfDay(day, zone)
                : day.atTime(time).atZone(zone).toOffsetDateTime();
        minutes =
            Numbers.isEmpty(row.get(minutesColumn)) ? 0 : number("Minutes", row.get(minutesColumn));
        String cal = row.get(caloriesColumn);
        // Cronometer writes burned energy as a negative number (it offsets the day's intake).
        calories = Numbers.isEmpty(cal) ? 0 : Math.abs(number("Calories Burned", cal));
      } catch (IllegalArgumentException | DateTimeParseException e) {
        session.reject(row.where(), e.getMessage());
        continue;
      }
      if (minutes < 0) {
        session.reject(row.where(), "negative minutes " + minutes);
        continue;
      }
      String key = day + "/" + exercise;
      int n = occurrences.merge(key, 1, Integer::sum);
      String externalId = n == 1 ? key : key + "#" + n;
      Matcher synced = SYNCED.matcher(exercise);
      String device = synced.matches() ? synced.group(2) : null;
      Map<String, String> metadata = new TreeMap<>();
      metadata.put("exercise", exercise);
      metadata.put("group", row.get(groupColumn));
      if (minutes > 0) {
        metadata.put("energy_kcal", Double.toString(calories));
        session.add(
            new Sample(
                MetricType.WORKOUT,
                start,
                start.plusSeconds(Math.round(minutes * 60)),
                minutes,
                SOURCE,
                device,
                externalId,
                metadata));
      }
      if (calories > 0) {
        OffsetDateTime end =
            minutes > 0
                ? start.plusSeconds(Math.round(minutes * 60))
                : Timestamps.startOfDay(day.plusDays(1), zone);
        session.add(
            new Sample(
                MetricType.ACTIVE_ENERGY,
                start,
                end,
                calories,
                SOURCE,
                device,
                externalId,
                metadata));
      }
    }
  }

  private void biometrics(CsvTable table, ImportSession session) {
    int dayColumn = table.column("Day");
    int timeColumn = table.column("Time");
    int metricColumn = table.column("Metric");
    int unitColumn = table.column("Unit");
    int amountColumn = table.column("Amount");
    Map<String, Integer> occurrences = new HashMap<>();
    for (CsvTable.Row row; !session.cancelled() && (row = table.next()) != null; ) {
      session.recordRead();
      LocalDate day = day(row, dayColumn, session);
      if (day == null) {
        continue;
      }
      String metric = row.get(metricColumn);
      Matcher synced = SYNCED.matcher(metric);
      String name = (synced.matches() ? synced.group(1) : metric).toLowerCase(Locale.ROOT);
      String device = synced.matches() ? synced.group(2) : null;
      String unit = row.get(unitColumn);
      String amount = row.get(amountColumn);
      boolean pressure = name.equals("blood pressure");
      MetricType type = BIOMETRICS.get(name);
      LocalTime time;
      try {
        time = time(row.get(timeColumn));
      } catch (DateTimeParseException e) {
        session.reject(row.where(), e.getMessage());
        continue;
      }
      OffsetDateTime at =
          time == null
              ? Timestamps.startOfDay(day, zone)
              : day.atTime(time).atZone(zone).toOffsetDateTime();
      String key = day + "/" + (time == null ? "" : time.toString()) + "/" + metric;
      int n = occurrences.merge(key, 1, Integer::sum);
      String externalId = n == 1 ? key : key + "#" + n;
      Map<String, String> metadata = Map.of("group", row.get(table.column("Group")));
      if (type == null && !pressure) {
        session.other(
            new OtherSample(metric, unit, at, at, amount, SOURCE, device, externalId, metadata));
        continue;
      }
      try {
        if (pressure) {
          Matcher m = PRESSURE.matcher(amount);
          if (!m.matches()) {
            throw new IllegalArgumentException(
                "blood pressure '" + amount + "' is not like 120/80");
          }
          String u = unit.isEmpty() ? "mmHg" : unit;
          Sample sys =
              reading(
                  MetricType.BLOOD_PRESSURE_SYSTOLIC,
                  m.group(1),
                  u,
                  at,
                  device,
                  externalId,
                  metadata);
          Sample dia =
              reading(
                  MetricType.BLOOD_PRESSURE_DIASTOLIC,
                  m.group(2),
                  u,
                  at,
                  device,
                  externalId,
                  metadata);
          session.add(sys);
          session.add(dia);
        } else {
          session.add(reading(type, amount, unit, at, device, externalId, metadata));
        }
      } catch (IllegalArgumentException e) {
        session.reject(row.where(), metric + ": " + e.getMessage());
      }
    }
  }

  private static Sample reading(
      MetricType type,
      String amount,
      String unit,
      OffsetDateTime at,
      String device,
      String externalId,
      Map<String, String> metadata) {
    double value = Units.toCanonical(type, number("Amount", amount), unit);
    return new Sample(type, at, at, value, SOURCE, device, externalId, metadata);
  }

  private static LocalDate day(CsvTable.Row row, int column, ImportSession session) {
    String cell = row.get(column);
    try {
      return LocalDate.parse(cell);
    } catch (DateTimeParseException e) {
      session.reject(row.where(), Rejected.quote(cell) + " is not a date (YYYY-MM-DD)");
      return null;
    }
  }

  /** A Cronometer time ("9:51 AM", sometimes "08:15 "), or null when the cell is empty. */
  private static LocalTime time(String cell) {
    if (cell.isBlank()) {
      return null;
    }
    Timestamps.TimeOfDay time = Timestamps.parseTime(cell);
    return time.time();
  }

  private static double number(String column, String cell) {
    try {
      return NUMBERS.parse(cell);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("column '" + column + "': " + e.getMessage());
    }
  }
}
