package org.openvitals.connectors.myfitnesspal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.openvitals.connectors.csv.ArchiveReader;
import org.openvitals.connectors.csv.CsvTable;
import org.openvitals.connectors.csv.ImportSession;
import org.openvitals.connectors.csv.MealTotals;
import org.openvitals.connectors.csv.Numbers;
import org.openvitals.connectors.csv.NutrientColumns;
import org.openvitals.connectors.csv.Timestamps;
import org.openvitals.connectors.files.FileImporter;
import org.openvitals.connectors.files.ImportException;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.files.ImportReport;
import org.openvitals.connectors.files.ImportReport.Rejected;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.units.UnitException;
import org.openvitals.core.units.Units;

/**
 * MyFitnessPal's data export (Premium; emailed as {@code File-Export-<from>-to-<to>.zip}), as the
 * zip, the folder it unpacks to, or one of its three files:
 *
 * <ul>
 *   <li>{@code Nutrition-Summary*.csv}: {@code Date,Meal,[Time,]Calories,Fat (g),Saturated Fat,...}
 *       one row per meal per day (or per food entry when there is a Time column); summed per day
 *       and meal. Vitamin A, Vitamin C, Calcium and Iron are percent of daily value, not masses,
 *       and are not stored.
 *   <li>{@code Exercise-Summary*.csv}: {@code Date,Exercise,Type,Exercise Calories,Exercise
 *       Minutes,Sets,Reps Per Set,Kilograms|Pounds,Steps,Note}: workouts, active energy and steps.
 *   <li>{@code Measurement-Summary*.csv}: {@code Date,Weight[,Body Fat %,...]}. The file does not
 *       say its unit: the Exercise summary's {@code Kilograms}/{@code Pounds} column does, so a
 *       lone Measurement file is read with the Exercise file beside it, or a unit given to the
 *       importer.
 * </ul>
 *
 * Everything is stored under one source, MyFitnessPal, by local day in the zone given.
 */
public final class MyFitnessPalImporter implements FileImporter {
  public static final String ID = "myfitnesspal";
  public static final SourceRef SOURCE = new SourceRef("myfitnesspal", "MyFitnessPal");

  /** A Measurement file held back in a zip until the Exercise file has told the unit. */
  private static final int MAX_DEFERRED_BYTES = 32 << 20;

  private static final Numbers NUMBERS = new Numbers(false);

  enum Kind {
    NUTRITION,
    EXERCISE,
    MEASUREMENT
  }

  private final ZoneId zone;
  private final String weightUnit;

  public MyFitnessPalImporter() {
    this(ZoneId.systemDefault(), null);
  }

  /**
   * @param zone the zone of the export's local days
   * @param weightUnit {@code kg} or {@code lb} for Measurement files read without an Exercise file;
   *     null to require one
   */
  public MyFitnessPalImporter(ZoneId zone, String weightUnit) {
    this.zone = zone;
    this.weightUnit = weightUnit;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String displayName() {
    return "MyFitnessPal export (nutrition, exercise, measurement summaries)";
  }

  @Override
  public boolean canRead(Path file) throws IOException {
    if (Files.isDirectory(file) || ArchiveReader.isZip(file)) {
      return ArchiveReader.anyName(file, n -> kindOfName(n) != null);
    }
    String name = file.getFileName().toString();
    return Files.isRegularFile(file)
        && name.toLowerCase(Locale.ROOT).endsWith(".csv")
        && kindOf(name, CsvTable.peekHeader(file)) != null;
  }

  static Kind kindOfName(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    if (!name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
      return null;
    }
    if (name.startsWith("Nutrition-Summary")) {
      return Kind.NUTRITION;
    }
    if (name.startsWith("Exercise-Summary")) {
      return Kind.EXERCISE;
    }
    if (name.startsWith("Measurement-Summary")) {
      return Kind.MEASUREMENT;
    }
    return null;
  }

  /** By header; "Date,Weight" alone is too common to claim without the file's MFP name. */
  static Kind kindOf(String fileName, List<String> headers) {
    if (has(headers, "Date") && has(headers, "Meal") && has(headers, "Calories")) {
      return Kind.NUTRITION;
    }
    if (has(headers, "Date")
        && has(headers, "Exercise")
        && has(headers, "Exercise Calories")
        && has(headers, "Exercise Minutes")) {
      return Kind.EXERCISE;
    }
    if (kindOfName(fileName) == Kind.MEASUREMENT && has(headers, "Date")) {
      return Kind.MEASUREMENT;
    }
    return null;
  }

  private static boolean has(List<String> headers, String name) {
    return headers.stream().anyMatch(name::equalsIgnoreCase);
  }

  @Override
  public ImportReport importFile(Path file, SampleStore store, ImportListener listener)
      throws ImportException {
    ArchiveReader archive = new ArchiveReader(ArchiveReader.Limits.DEFAULT);
    ImportSession session = ImportSession.overArchive(file, ID, store, listener, archive);
    State state = new State();
    try {
      if (Files.isDirectory(file) || ArchiveReader.isZip(file)) {
        archive.forEach(
            file,
            (name, in) -> {
              Kind kind = kindOfName(name);
              if (kind == null || session.cancelled()) {
                return;
              }
              if (kind == Kind.MEASUREMENT && state.unit == null) {
                state.deferred.put(name, readCapped(name, in));
              } else {
                readFile(name, kind, in, session, state);
              }
            });
        for (var deferred : state.deferred.entrySet()) {
          readFile(
              deferred.getKey(),
              Kind.MEASUREMENT,
              new ByteArrayInputStream(deferred.getValue()),
              session,
              state);
        }
      } else {
        Kind kind = kindOf(file.getFileName().toString(), CsvTable.peekHeader(file));
        if (kind == null) {
          throw session.fail("header", "not a MyFitnessPal export file", null);
        }
        if (kind == Kind.MEASUREMENT && weightUnit == null) {
          state.unit = unitFromSibling(file);
        }
        Kind single = kind;
        archive.forEach(file, (name, in) -> readFile(name, single, in, session, state));
      }
    } catch (FileFailure e) {
      throw session.fail(e.where, e.getMessage(), e.getCause());
    } catch (IOException e) {
      throw session.fail("reading", e.getMessage(), e);
    }
    return session.finish();
  }

  /** Per-import state: the account's mass unit once known, and files waiting for it. */
  private final class State {
    AccountUnits unit = weightUnit == null ? null : AccountUnits.of(weightUnit);
    final Map<String, byte[]> deferred = new LinkedHashMap<>();
  }

  /** MyFitnessPal writes masses and lengths in the account's units. */
  private record AccountUnits(String mass, String length) {
    static AccountUnits of(String massUnit) {
      String u = massUnit.toLowerCase(Locale.ROOT);
      return u.startsWith("k") ? new AccountUnits("kg", "cm") : new AccountUnits("lb", "in");
    }
  }

  private static final class FileFailure extends IOException {
    final String where;

    FileFailure(String where, String message, Throwable cause) {
      super(message, cause);
      this.where = where;
    }
  }

  private static byte[] readCapped(String name, InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_DEFERRED_BYTES + 1);
    if (bytes.length > MAX_DEFERRED_BYTES) {
      throw new FileFailure(name, "is larger than a measurement summary can be", null);
    }
    return bytes;
  }

  private AccountUnits unitFromSibling(Path measurement) throws IOException {
    Path folder = measurement.toAbsolutePath().getParent();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path sibling : files.sorted().toList()) {
        if (kindOfName(sibling.getFileName().toString()) == Kind.EXERCISE) {
          AccountUnits units = unitsOf(CsvTable.peekHeader(sibling));
          if (units != null) {
            return units;
          }
        }
      }
    }
    return null;
  }

  private static AccountUnits unitsOf(List<String> exerciseHeaders) {
    if (has(exerciseHeaders, "Kilograms")) {
      return AccountUnits.of("kg");
    }
    if (has(exerciseHeaders, "Pounds")) {
      return AccountUnits.of("lb");
    }
    return null;
  }

  private void readFile(String name, Kind kind, InputStream in, ImportSession session, State state)
      throws IOException {
    try (CsvTable table = CsvTable.open(in, null, null)) {
      switch (kind) {
        case NUTRITION -> nutrition(name, table, session);
        case EXERCISE -> {
          if (state.unit == null) {
            state.unit = unitsOf(table.headers());
          }
          exercise(name, table, session);
        }
        case MEASUREMENT -> measurement(name, table, session, state.unit);
      }
    } catch (CsvTable.CsvSyntaxException e) {
      throw new FileFailure(name + ", " + e.where(), e.reason(), e);
    } catch (UnitException e) {
      throw new FileFailure(name + ", header", e.getMessage(), e);
    }
  }

  private void nutrition(String name, CsvTable table, ImportSession session) {
    List<String> headers = table.headers();
    NutrientColumns nutrients =
        NutrientColumns.find(
            headers,
            List.of("Date", "Meal", "Time", "Note"),
            type ->
                switch (type) {
                  // Percent of daily value in MyFitnessPal, not an amount.
                  case CALCIUM, IRON, VITAMIN_A, VITAMIN_C -> null;
                  case DIETARY_ENERGY -> "kcal";
                  case SODIUM, POTASSIUM, CHOLESTEROL -> "mg";
                  default -> "g";
                });
    int date = table.column("Date");
    int meal = table.column("Meal");
    int time = table.column("Time");
    MealTotals meals = new MealTotals();
    for (CsvTable.Row row; !session.cancelled() && (row = table.next()) != null; ) {
      session.recordRead();
      LocalDate day = day(name, row, date, session);
      if (day == null) {
        continue;
      }
      String mealName = row.get(meal).isEmpty() ? "Uncategorized" : row.get(meal);
      LocalTime at;
      Map<NutrientColumns.Column, Double> values = new HashMap<>();
      try {
        at = row.get(time).isEmpty() ? null : Timestamps.parseTime(row.get(time)).time();
        for (NutrientColumns.Column c : nutrients.columns()) {
          String cell = row.get(c.index());
          if (!Numbers.isEmpty(cell)) {
            values.put(c, c.canonical(number(c.header(), cell)));
          }
        }
      } catch (IllegalArgumentException | DateTimeParseException e) {
        session.reject(name + " " + row.where(), e.getMessage());
        continue;
      }
      meals.entry(day, mealName, at);
      values.forEach((c, v) -> meals.add(day, mealName, at, c, v));
      for (String header : nutrients.unmapped()) {
        if (!Numbers.isEmpty(row.get(headers.indexOf(header)))) {
          session.unmapped("MyFitnessPal column '" + header + "'");
        }
      }
    }
    if (!session.cancelled()) {
      meals.samples(SOURCE, zone).forEach(session::add);
    }
  }

  private void exercise(String name, CsvTable table, ImportSession session) {
    int date = table.column("Date");
    int exercise = table.column("Exercise");
    int type = table.column("Type");
    int calories = table.column("Exercise Calories");
    int minutes = table.column("Exercise Minutes");
    int steps = table.column("Steps");
    Map<String, Integer> occurrences = new HashMap<>();
    for (CsvTable.Row row; !session.cancelled() && (row = table.next()) != null; ) {
      session.recordRead();
      LocalDate day = day(name, row, date, session);
      if (day == null) {
        continue;
      }
      String what = unquote(row.get(exercise));
      double mins;
      double kcal;
      double count;
      try {
        mins = optional("Exercise Minutes", row.get(minutes));
        kcal = optional("Exercise Calories", row.get(calories));
        count = optional("Steps", row.get(steps));
      } catch (IllegalArgumentException e) {
        session.reject(name + " " + row.where(), e.getMessage());
        continue;
      }
      String key = day + "/" + what;
      int n = occurrences.merge(key, 1, Integer::sum);
      String externalId = n == 1 ? key : key + "#" + n;
      OffsetDateTime start = Timestamps.startOfDay(day, zone);
      OffsetDateTime endOfDay = Timestamps.startOfDay(day.plusDays(1), zone);
      Map<String, String> metadata = new TreeMap<>();
      metadata.put("exercise", what);
      metadata.put("type", row.get(type));
      // "... calorie adjustment" rows carry a tracker's burn and steps, not a workout.
      boolean workout = mins > 0 && !what.toLowerCase(Locale.ROOT).contains("calorie adjustment");
      OffsetDateTime end = workout ? start.plusSeconds(Math.round(mins * 60)) : endOfDay;
      boolean stored = false;
      if (workout) {
        Map<String, String> withEnergy = new TreeMap<>(metadata);
        withEnergy.put("energy_kcal", Double.toString(kcal));
        session.add(
            new Sample(MetricType.WORKOUT, start, end, mins, SOURCE, null, externalId, withEnergy));
        stored = true;
      }
      if (kcal > 0) {
        session.add(
            new Sample(
                MetricType.ACTIVE_ENERGY, start, end, kcal, SOURCE, null, externalId, metadata));
        stored = true;
      }
      if (count > 0) {
        session.add(
            new Sample(
                MetricType.STEPS, start, endOfDay, count, SOURCE, null, externalId, metadata));
        stored = true;
      }
      if (!stored) {
        session.unmapped(
            "MyFitnessPal "
                + row.get(type).toLowerCase(Locale.ROOT)
                + " entries without minutes, calories or steps");
      }
    }
  }

  private void measurement(String name, CsvTable table, ImportSession session, AccountUnits units)
      throws FileFailure {
    int date = table.column("Date");
    Map<Integer, MetricType> columns = new LinkedHashMap<>();
    Map<Integer, String> unitOf = new HashMap<>();
    List<String> headers = table.headers();
    for (int i = 0; i < headers.size(); i++) {
      String h = headers.get(i).toLowerCase(Locale.ROOT);
      switch (h) {
        case "weight" -> {
          columns.put(i, MetricType.BODY_MASS);
          unitOf.put(i, units == null ? null : units.mass());
        }
        case "body fat %", "body fat" -> {
          columns.put(i, MetricType.BODY_FAT_PERCENTAGE);
          unitOf.put(i, "%");
        }
        case "waist" -> {
          columns.put(i, MetricType.WAIST_CIRCUMFERENCE);
          unitOf.put(i, units == null ? null : units.length());
        }
        default -> {}
      }
    }
    if (units == null && unitOf.containsValue(null)) {
      throw new FileFailure(
          name + ", header",
          "MyFitnessPal does not write the unit of weights: import the whole export (the zip or its"
              + " folder, whose Exercise-Summary names Kilograms or Pounds), put the Exercise-Summary"
              + " file beside this one, or import it as plain CSV with a mapping that gives the unit",
          null);
    }
    for (CsvTable.Row row; !session.cancelled() && (row = table.next()) != null; ) {
      session.recordRead();
      LocalDate day = day(name, row, date, session);
      if (day == null) {
        continue;
      }
      List<Sample> samples = new ArrayList<>();
      try {
        for (var column : columns.entrySet()) {
          String cell = row.get(column.getKey());
          if (Numbers.isEmpty(cell)) {
            continue;
          }
          double value =
              Units.toCanonical(
                  column.getValue(),
                  number(headers.get(column.getKey()), cell),
                  unitOf.get(column.getKey()));
          OffsetDateTime at = Timestamps.startOfDay(day, zone);
          samples.add(
              new Sample(column.getValue(), at, at, value, SOURCE, null, day.toString(), Map.of()));
        }
      } catch (IllegalArgumentException e) {
        session.reject(name + " " + row.where(), e.getMessage());
        continue;
      }
      for (int i = 0; i < headers.size(); i++) {
        if (i != date && !columns.containsKey(i) && !Numbers.isEmpty(row.get(i))) {
          session.unmapped("MyFitnessPal measurement '" + headers.get(i) + "'");
        }
      }
      samples.forEach(session::add);
    }
  }

  /** The 2026 export wraps some names in literal quotes ({@code """Walking, brisk"""}). */
  static String unquote(String name) {
    String s = name.strip();
    return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")
        ? s.substring(1, s.length() - 1)
        : s;
  }

  private static LocalDate day(String name, CsvTable.Row row, int column, ImportSession session) {
    String cell = row.get(column);
    try {
      return LocalDate.parse(cell);
    } catch (DateTimeParseException e) {
      session.reject(
          name + " " + row.where(), Rejected.quote(cell) + " is not a date (YYYY-MM-DD)");
      return null;
    }
  }

  private static double optional(String column, String cell) {
    return Numbers.isEmpty(cell) ? 0 : number(column, cell);
  }

  private static double number(String column, String cell) {
    try {
      return NUMBERS.parse(cell);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("column '" + column + "': " + e.getMessage());
    }
  }
}
