package org.openvitals.connectors.csv;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Header words, in English and German, that name a metric. Each entry says whether a header without
 * a unit can be trusted (steps are counts, a pulse is per minute) or needs one written in the
 * header (weight could be kg or lb, glucose mg/dL or mmol/L).
 */
public final class MetricVocabulary {

  /**
   * What a header names.
   *
   * @param metric a metric id or {@link CsvMapping#BLOOD_PRESSURE}
   * @param defaultUnit the unit to assume when the header gives none, or null when it must give one
   * @param alternatives for an ambiguous word ("Kalorien": eaten or burned?), the metrics it might
   *     be; empty otherwise
   */
  public record Meaning(String metric, String defaultUnit, List<String> alternatives) {
    public boolean ambiguous() {
      return !alternatives.isEmpty();
    }
  }

  private static final Map<String, Meaning> WORDS = new HashMap<>();

  /** Qualifiers that do not change what a column measures ("Average weight" is a weight). */
  private static final List<String> NEUTRAL_PREFIXES =
      List.of(
          "average ",
          "avg ",
          "mean ",
          "daily ",
          "total ",
          "durchschnittlicher ",
          "durchschnittliche ",
          "durchschnittliches ",
          "durchschnitt ",
          "mittlerer ",
          "mittlere ",
          "gesamt ");

  private static final Set<String> DATE_WORDS =
      Set.of(
          "date",
          "datum",
          "day",
          "tag",
          "timestamp",
          "zeitstempel",
          "date time",
          "datetime",
          "date and time",
          "datum uhrzeit",
          "datum und uhrzeit",
          "datum zeit",
          "start",
          "start time",
          "startzeit",
          "beginn",
          "measured at",
          "recorded at",
          "messzeitpunkt",
          "zeitpunkt");

  private static final Set<String> TIME_WORDS = Set.of("time", "zeit", "uhrzeit", "time of day");

  static {
    word(
        "steps",
        "{count}",
        "steps",
        "step count",
        "step",
        "schritte",
        "schrittzahl",
        "anzahl schritte");
    word("distance", null, "distance", "strecke", "distanz", "entfernung", "wegstrecke");
    word(
        "heart_rate",
        "/min",
        "heart rate",
        "pulse",
        "puls",
        "herzfrequenz",
        "hr",
        "bpm",
        "pulse rate",
        "pulsfrequenz");
    word(
        "resting_heart_rate",
        "/min",
        "resting heart rate",
        "resting hr",
        "resting pulse",
        "ruhepuls",
        "ruheherzfrequenz");
    word("hrv_sdnn", "ms", "hrv", "heart rate variability", "herzfrequenzvariabilitat");
    word("body_mass", null, "weight", "body weight", "gewicht", "korpergewicht", "body mass");
    word(
        "body_fat_percentage",
        "%",
        "body fat",
        "body fat percentage",
        "fat percentage",
        "bodyfat",
        "korperfett",
        "korperfettanteil",
        "fettanteil");
    word("body_mass_index", "kg/m2", "bmi", "body mass index");
    word("muscle_mass", null, "muscle mass", "muskelmasse");
    word("height", null, "height", "grosse", "korpergrosse");
    word(
        "waist_circumference",
        null,
        "waist",
        "waist circumference",
        "taille",
        "taillenumfang",
        "bauchumfang");
    word(CsvMapping.BLOOD_PRESSURE, "mm[Hg]", "blood pressure", "blutdruck", "bp", "rr");
    word(
        "blood_pressure_systolic",
        "mm[Hg]",
        "systolic",
        "systolisch",
        "sys",
        "systole",
        "systolic blood pressure",
        "blood pressure systolic",
        "systolischer blutdruck",
        "blutdruck systolisch");
    word(
        "blood_pressure_diastolic",
        "mm[Hg]",
        "diastolic",
        "diastolisch",
        "dia",
        "diastole",
        "diastolic blood pressure",
        "blood pressure diastolic",
        "diastolischer blutdruck",
        "blutdruck diastolisch");
    word(
        "blood_glucose",
        null,
        "blood glucose",
        "glucose",
        "blood sugar",
        "blutzucker",
        "glukose",
        "blutglukose");
    word(
        "oxygen_saturation",
        "%",
        "spo2",
        "oxygen saturation",
        "blood oxygen",
        "sauerstoffsattigung",
        "sauerstoff");
    word("respiratory_rate", "/min", "respiratory rate", "breathing rate", "atemfrequenz");
    word(
        "body_temperature",
        null,
        "body temperature",
        "temperature",
        "temperatur",
        "korpertemperatur");
    word(
        "flights_climbed",
        "{count}",
        "flights climbed",
        "floors",
        "floors climbed",
        "stockwerke",
        "etagen");
    word(
        "exercise_time",
        "min",
        "exercise minutes",
        "active minutes",
        "aktive minuten",
        "trainingsminuten");
    word(
        "dietary_energy",
        "kcal",
        "calories consumed",
        "calories eaten",
        "food calories",
        "calories in",
        "kalorienaufnahme",
        "aufgenommene kalorien");
    word(
        "dietary_energy",
        null,
        "energy",
        "energie",
        "dietary energy",
        "energy consumed",
        "brennwert");
    word(
        "active_energy",
        "kcal",
        "active calories",
        "calories burned",
        "calories out",
        "aktive kalorien",
        "verbrannte kalorien",
        "kalorienverbrauch",
        "aktivkalorien");
    word("active_energy", null, "active energy", "aktive energie");
    word("protein", "g", "protein", "proteins", "eiweiss", "proteine");
    word("carbohydrates", "g", "carbohydrates", "carbohydrate", "carbs", "kohlenhydrate");
    word("fat_total", "g", "fat", "total fat", "fett");
    word("fat_saturated", "g", "saturated fat", "saturated", "gesattigte fettsauren");
    word("fiber", "g", "fiber", "fibre", "dietary fiber", "ballaststoffe");
    word("sugar", "g", "sugar", "sugars", "zucker");
    word("sodium", "mg", "sodium", "natrium");
    word("potassium", "mg", "potassium", "kalium");
    word("cholesterol", "mg", "cholesterol", "cholesterin");
    word("caffeine", "mg", "caffeine", "koffein");
    word("alcohol", "g", "alcohol", "alkohol");
    word("water", null, "water", "wasser", "water intake", "trinkmenge");
    for (String calories : List.of("calories", "kalorien", "kcal", "energy kcal")) {
      WORDS.put(calories, new Meaning(null, "kcal", List.of("dietary_energy", "active_energy")));
    }
  }

  private MetricVocabulary() {}

  private static void word(String metric, String defaultUnit, String... names) {
    for (String name : names) {
      WORDS.put(name, new Meaning(metric, defaultUnit, List.of()));
    }
  }

  /** What a header's name (its unit removed) means, if anything. */
  public static Optional<Meaning> meaning(HeaderName header) {
    String key = header.key();
    Meaning direct = WORDS.get(key);
    if (direct != null) {
      return Optional.of(direct);
    }
    for (String prefix : NEUTRAL_PREFIXES) {
      if (key.startsWith(prefix)) {
        return Optional.ofNullable(WORDS.get(key.substring(prefix.length())));
      }
    }
    return Optional.empty();
  }

  public static boolean isDateWord(HeaderName header) {
    return DATE_WORDS.contains(header.key());
  }

  public static boolean isTimeWord(HeaderName header) {
    return TIME_WORDS.contains(header.key());
  }
}
