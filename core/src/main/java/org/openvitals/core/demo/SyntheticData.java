package org.openvitals.core.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.openvitals.core.model.DeviceClass;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;

/**
 * A seeded, deterministic generator of one person's health data as several overlapping sources
 * record it: an Apple Watch and an iPhone (through Apple Health), an Oura ring, a Withings scale,
 * two nutrition apps, a Strava-like workout app and occasional manual entries. Used for demo data,
 * benchmarks and for checking that the merge rules reproduce what really happened.
 *
 * <p>The person's life is simulated first (the {@link Truth}: steps taken each minute, weight each
 * morning, food eaten, sleep), then each source records its part of it with its own habits: the
 * watch minute by minute while worn (it charges for about an hour every morning), the phone in 5-10
 * minute chunks while carried (always carried while the watch charges), the ring and the watch both
 * at night, the scale most mornings. Both step counters count the true steps in their intervals, so
 * a correct merge of watch and phone gives exactly {@link Truth#steps()} while a naive sum counts
 * most steps twice.
 *
 * <p>Every day is generated from the seed and its date alone, so {@link #day(LocalDate)} and {@link
 * #days()} agree, and years of minute-level data stream one day at a time.
 */
public final class SyntheticData {

  public static final SourceRef APPLE_WATCH = new SourceRef("apple_health", "Apple Watch");
  public static final SourceRef IPHONE = new SourceRef("apple_health", "iPhone");
  public static final SourceRef OURA = new SourceRef("oura", "Oura Ring");
  public static final SourceRef WITHINGS = new SourceRef("withings", "Withings Body+");
  public static final SourceRef CRONOMETER = new SourceRef("cronometer", "Cronometer");
  public static final SourceRef MY_FITNESS_PAL = new SourceRef("myfitnesspal", "MyFitnessPal");
  public static final SourceRef STRAVA = new SourceRef("strava", "Strava");
  public static final SourceRef MANUAL = new SourceRef("manual", "Manual entry");

  /**
   * The store state entry that marks a store as holding demo data (written with the first batch),
   * so demo data is never mixed into a store that holds a person's real data.
   */
  public static final String STATE_KEY = "demo.synthetic_data";

  /** Every source the generator writes, with the device class the rules should see it as. */
  public static final Map<SourceRef, DeviceClass> SOURCES =
      Map.of(
          APPLE_WATCH, DeviceClass.WATCH,
          IPHONE, DeviceClass.PHONE,
          OURA, DeviceClass.RING,
          WITHINGS, DeviceClass.SCALE,
          CRONOMETER, DeviceClass.APP,
          MY_FITNESS_PAL, DeviceClass.APP,
          STRAVA, DeviceClass.APP,
          MANUAL, DeviceClass.MANUAL);

  /**
   * What to generate.
   *
   * @param days how many days, ending with {@code endDate}
   * @param seed the same seed gives the same data, sample for sample
   * @param endDate the last day generated
   * @param zone where the person lives: days, wake times and meals follow its clock and DST
   * @param heartRateEverySecond the watch records heart rate at 1 Hz instead of once a minute (for
   *     benchmarks: 86,400 samples a day)
   * @param watchCharges whether the watch comes off to charge every morning (off for benchmarks
   *     that want a full day of 1 Hz heart rate)
   * @param effects changes planted in the person's life or in what the sources record, for tests of
   *     what insights find ({@link Effects#NONE} leaves every seed's data as it always was)
   */
  public record Options(
      int days,
      long seed,
      LocalDate endDate,
      ZoneId zone,
      boolean heartRateEverySecond,
      boolean watchCharges,
      Effects effects) {

    public Options {
      if (days < 1) {
        throw new IllegalArgumentException("The number of days must be at least 1, got " + days);
      }
      Objects.requireNonNull(endDate, "endDate");
      Objects.requireNonNull(zone, "zone");
      Objects.requireNonNull(effects, "effects");
    }

    /** Options without planted effects. */
    public Options(
        int days,
        long seed,
        LocalDate endDate,
        ZoneId zone,
        boolean heartRateEverySecond,
        boolean watchCharges) {
      this(days, seed, endDate, zone, heartRateEverySecond, watchCharges, Effects.NONE);
    }

    /** 90 days up to yesterday in the system zone, seed 1, minute-level heart rate. */
    public static Options defaults() {
      return defaults(Clock.systemDefaultZone());
    }

    static Options defaults(Clock clock) {
      return new Options(90, 1, LocalDate.now(clock).minusDays(1), clock.getZone(), false, true);
    }

    public Options withDays(int value) {
      return new Options(value, seed, endDate, zone, heartRateEverySecond, watchCharges, effects);
    }

    public Options withSeed(long value) {
      return new Options(days, value, endDate, zone, heartRateEverySecond, watchCharges, effects);
    }

    public Options withEndDate(LocalDate value) {
      return new Options(days, seed, value, zone, heartRateEverySecond, watchCharges, effects);
    }

    public Options withZone(ZoneId value) {
      return new Options(days, seed, endDate, value, heartRateEverySecond, watchCharges, effects);
    }

    public Options withHeartRateEverySecond(boolean value) {
      return new Options(days, seed, endDate, zone, value, watchCharges, effects);
    }

    public Options withWatchCharges(boolean value) {
      return new Options(days, seed, endDate, zone, heartRateEverySecond, value, effects);
    }

    public Options withEffects(Effects value) {
      return new Options(days, seed, endDate, zone, heartRateEverySecond, watchCharges, value);
    }

    public LocalDate startDate() {
      return endDate.minusDays(days - 1L);
    }
  }

  /**
   * Effects planted in the generated data, each with a known size, so tests can check that insights
   * find them (and find nothing without them). Every effect is off in {@link #NONE}.
   *
   * @param restingHeartRateRiseFrom from this day on the person's resting heart rate is higher
   *     (null: never)
   * @param restingHeartRateRise by how much, in beats per minute
   * @param sdnnPerSleepHour each hour asleep in a night above {@link #SLEEP_HOURS_CENTRE} raises
   *     the HRV (SDNN) the watch measures on the day after the day that night ended, in ms (lag 1
   *     in days as the rules file them: a night counts on the day you wake up)
   * @param stopsRecording sources that stop recording a metric from a day on (the ring replaces the
   *     watch at night, say); the other sources go on as before
   * @param lateDinnerChance the chance that a day's dinner is late, 21:00 to 22:15 instead of 18:45
   *     to 20:00 (0: never, as without effects)
   * @param sleepLostAfterLateDinner minutes the person falls asleep later (so sleeps less) in the
   *     night after a late dinner; that night counts on the next day, so late eating and sleep are
   *     related at lag 1
   */
  public record Effects(
      LocalDate restingHeartRateRiseFrom,
      double restingHeartRateRise,
      double sdnnPerSleepHour,
      List<Stop> stopsRecording,
      double lateDinnerChance,
      double sleepLostAfterLateDinner) {

    /** The hours of sleep at which the planted sleep effect on HRV is zero. */
    public static final double SLEEP_HOURS_CENTRE = 7.0;

    public static final Effects NONE = new Effects(null, 0, 0, List.of(), 0, 0);

    public Effects {
      stopsRecording = List.copyOf(stopsRecording);
    }

    /** {@code source} records no {@code metric} from {@code from} on. */
    public record Stop(SourceRef source, MetricType metric, LocalDate from) {
      public Stop {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(from, "from");
      }
    }

    public Effects withRestingHeartRateRise(LocalDate from, double bpm) {
      return new Effects(
          from, bpm, sdnnPerSleepHour, stopsRecording, lateDinnerChance, sleepLostAfterLateDinner);
    }

    public Effects withSdnnPerSleepHour(double ms) {
      return new Effects(
          restingHeartRateRiseFrom,
          restingHeartRateRise,
          ms,
          stopsRecording,
          lateDinnerChance,
          sleepLostAfterLateDinner);
    }

    public Effects withStop(SourceRef source, MetricType metric, LocalDate from) {
      List<Stop> stops = new java.util.ArrayList<>(stopsRecording);
      stops.add(new Stop(source, metric, from));
      return new Effects(
          restingHeartRateRiseFrom,
          restingHeartRateRise,
          sdnnPerSleepHour,
          stops,
          lateDinnerChance,
          sleepLostAfterLateDinner);
    }

    /**
     * Dinner is late on a share {@code chance} of days, and the night after a late dinner has
     * {@code minutesLost} minutes less sleep (0: late dinners without an effect on sleep).
     */
    public Effects withLateDinners(double chance, double minutesLost) {
      return new Effects(
          restingHeartRateRiseFrom,
          restingHeartRateRise,
          sdnnPerSleepHour,
          stopsRecording,
          chance,
          minutesLost);
    }
  }

  /** One generated day: what every source recorded, and what really happened. */
  public record Day(LocalDate date, List<Sample> samples, Truth truth) {
    public Day {
      samples = List.copyOf(samples);
    }
  }

  /** A span of time, {@code [start, end)}. */
  public record Interval(Instant start, Instant end) {
    public boolean contains(Instant t) {
      return !t.isBefore(start) && t.isBefore(end);
    }
  }

  /** A workout as it happened (both the watch and Strava record it, each a little differently). */
  public record Workout(String activity, Instant start, Instant end) {}

  /**
   * What really happened on one day (local midnight to midnight in the generator's zone).
   *
   * @param stepsPerMinute steps taken in each minute of the day, index 0 at local midnight (1380 or
   *     1500 minutes on DST change days)
   * @param distanceMeters walking + running distance of those steps
   * @param watchCharging when the watch was off the wrist, charging (null if it was not)
   * @param bodyMassKg the morning weight when someone weighed (scale or manual entry), else empty;
   *     the scale shows it to 0.05 kg, manual entries to 0.1 kg
   * @param bodyFatPercent body fat when the scale measured it, else empty
   * @param nutrition what was eaten, per nutrient in canonical units, when it was logged (empty on
   *     days with no log). Cronometer logs exactly this; MyFitnessPal, on the days it is used too,
   *     logs it with its own food database's errors.
   * @param inBed the night that ended this morning: from going to bed to getting up
   * @param asleepMinutes minutes asleep that night (core + deep + REM as the watch recorded them;
   *     the ring scores the same night a little differently)
   * @param restingHeartRate the person's resting heart rate that day (the watch reports it within
   *     ±1, the ring's night-time lowest runs about 3 lower)
   * @param workouts the workouts done that day
   */
  public record Truth(
      LocalDate date,
      int[] stepsPerMinute,
      double distanceMeters,
      Interval watchCharging,
      OptionalDouble bodyMassKg,
      OptionalDouble bodyFatPercent,
      Map<MetricType, Double> nutrition,
      Interval inBed,
      double asleepMinutes,
      double restingHeartRate,
      List<Workout> workouts) {

    public Truth {
      stepsPerMinute = stepsPerMinute.clone();
      nutrition = Map.copyOf(nutrition);
      workouts = List.copyOf(workouts);
    }

    @Override
    public int[] stepsPerMinute() {
      return stepsPerMinute.clone();
    }

    /** Steps taken that day: what a correct merge of watch and phone must show. */
    public long steps() {
      return Arrays.stream(stepsPerMinute).asLongStream().sum();
    }

    public boolean nutritionLogged() {
      return !nutrition.isEmpty();
    }
  }

  private final Options options;

  private SyntheticData(Options options) {
    this.options = options;
  }

  public static SyntheticData of(Options options) {
    return new SyntheticData(Objects.requireNonNull(options, "options"));
  }

  public Options options() {
    return options;
  }

  /**
   * The days in order, generated lazily: only the day being consumed is in memory. The stream can
   * be consumed once; call again for a fresh one.
   */
  public Stream<Day> days() {
    LocalDate first = options.startDate();
    return Stream.iterate(first, d -> d.plusDays(1)).limit(options.days()).map(this::day);
  }

  /** One day; the same date always gives the same day, whether or not it is in the range. */
  public Day day(LocalDate date) {
    return new DayGenerator(options, date).generate();
  }
}
