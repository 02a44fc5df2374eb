package org.openvitals.connectors.csv;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openvitals.core.model.OtherSample;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;

/**
 * Sums food entries into one total per day, meal and nutrient. Nutrition apps log food by food;
 * OpenVitals keeps what the rules need (per day and per meal) under an identity that stays the same
 * when the export grows: {@code day/meal}. A nutrient no entry of a meal filled stays absent, not
 * zero (Cronometer: an empty cell is "not tracked").
 */
public final class MealTotals {
  private record Key(LocalDate day, String meal) implements Comparable<Key> {
    @Override
    public int compareTo(Key o) {
      int byDay = day.compareTo(o.day);
      return byDay != 0 ? byDay : meal.compareTo(o.meal);
    }
  }

  private static final class Meal {
    final Map<NutrientColumns.Column, Double> sums = new LinkedHashMap<>();
    final Map<String, Double> otherSums = new LinkedHashMap<>();
    LocalTime first;
    int entries;
  }

  private final Map<Key, Meal> meals = new TreeMap<>();

  /** Adds one entry's nutrient (already in canonical units). */
  public void add(
      LocalDate day,
      String meal,
      LocalTime timeOrNull,
      NutrientColumns.Column column,
      double value) {
    Meal m = meal(day, meal, timeOrNull);
    m.sums.merge(column, value, Double::sum);
  }

  /** Adds one entry's value of a column whose nutrient the catalog does not know, as written. */
  public void addOther(
      LocalDate day, String meal, LocalTime timeOrNull, String header, double value) {
    meal(day, meal, timeOrNull).otherSums.merge(header, value, Double::sum);
  }

  /** Counts one food entry of a meal (even when it filled no nutrient column). */
  public void entry(LocalDate day, String meal, LocalTime timeOrNull) {
    meal(day, meal, timeOrNull).entries++;
  }

  private Meal meal(LocalDate day, String meal, LocalTime time) {
    Meal m = meals.computeIfAbsent(new Key(day, meal), k -> new Meal());
    if (time != null && (m.first == null || time.isBefore(m.first))) {
      m.first = time;
    }
    return m;
  }

  /**
   * One sample per day, meal and nutrient, spanning the day in {@code zone}; metadata keeps the
   * meal name, the number of entries and the first entry's time.
   */
  public List<Sample> samples(SourceRef source, ZoneId zone) {
    return build(source, zone).samples;
  }

  /**
   * The totals of columns the catalog does not know, as records of other types under the column's
   * header, with the same identity and metadata as {@link #samples}.
   */
  public List<OtherSample> others(SourceRef source, ZoneId zone) {
    return build(source, zone).others;
  }

  private record Built(List<Sample> samples, List<OtherSample> others) {}

  private Built build(SourceRef source, ZoneId zone) {
    List<OtherSample> others = new ArrayList<>();
    List<Sample> samples = new ArrayList<>();
    meals.forEach((key, meal) -> {
      Map<String, String> metadata = new TreeMap<>();
      metadata.put("meal", key.meal());
      metadata.put("entries", Integer.toString(meal.entries));
      if (meal.first != null) {
        metadata.put("first_entry", meal.first.toString());
      }
      var start = Timestamps.startOfDay(key.day(), zone);
      var end = Timestamps.startOfDay(key.day().plusDays(1), zone);
      meal.sums.forEach((column, value) ->
          samples.add(
              new Sample(
                  column.type(),
                  start,
                  end,
                  value,
                  source,
                  null,
                  key.day() + "/" + key.meal(),
                  metadata)));
      meal.otherSums.forEach((header, value) ->
          others.add(
              new OtherSample(
                  header,
                  HeaderName.parse(header).unit(),
                  start,
                  end,
                  BigDecimal.valueOf(value).stripTrailingZeros().toPlainString(),
                  source,
                  null,
                  key.day() + "/" + key.meal(),
                  metadata)));
    });
    return new Built(samples, others);
  }
}
