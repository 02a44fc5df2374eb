package org.openvitals.core.demo;

import static org.openvitals.core.demo.SyntheticData.APPLE_WATCH;
import static org.openvitals.core.demo.SyntheticData.CRONOMETER;
import static org.openvitals.core.demo.SyntheticData.IPHONE;
import static org.openvitals.core.demo.SyntheticData.MANUAL;
import static org.openvitals.core.demo.SyntheticData.MY_FITNESS_PAL;
import static org.openvitals.core.demo.SyntheticData.OURA;
import static org.openvitals.core.demo.SyntheticData.STRAVA;
import static org.openvitals.core.demo.SyntheticData.WITHINGS;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.UUID;
import org.openvitals.core.demo.SyntheticData.Day;
import org.openvitals.core.demo.SyntheticData.Interval;
import org.openvitals.core.demo.SyntheticData.Options;
import org.openvitals.core.demo.SyntheticData.Truth;
import org.openvitals.core.demo.SyntheticData.Workout;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;

/**
 * Generates one day of {@link SyntheticData}. Each aspect of the day draws from its own random
 * stream derived from (seed, date, aspect), so a day never depends on the days generated before it,
 * and the night that ends on a date is the same whether it is seen from that morning or from the
 * evening before.
 */
final class DayGenerator {
  private static final String WATCH_DEVICE = "Apple Watch Series 9";

  /** The share of a workout's raised heart rate left a minute later. */
  private static final double RECOVERY_KEPT = 0.6;

  private static final String PHONE_DEVICE = "iPhone 15";
  private static final String RING_DEVICE = "Oura Ring Gen3";
  private static final String SCALE_DEVICE = "Body+";

  /** Independent random streams per aspect of a day. */
  private enum Aspect {
    PERSON,
    NIGHT,
    RING,
    CHARGING,
    MOVEMENT,
    POTTERING,
    STEPS,
    PHONE,
    RESTING_HEART,
    HEART,
    DAILY_HEART,
    WORKOUT,
    STRAVA,
    WEIGHT,
    SCALE,
    BLOOD_PRESSURE,
    FOOD,
    IDS,
    LATE_DINNER
  }

  private enum Kind {
    WALK,
    RUN,
    RIDE
  }

  /** A stretch of movement: a walk, a run, a ride. */
  private record Bout(int start, int end, int stepsPerMinute, Kind kind, double phoneCarried) {}

  /** One sleep stage interval. */
  private record Stage(MetricType type, Instant start, Instant end) {
    double minutes() {
      return Duration.between(start, end).toSeconds() / 60.0;
    }
  }

  /** The night that ends on a date: bed time the evening before, stages, getting up. */
  private record Night(
      ZonedDateTime bedtime, ZonedDateTime wake, ZonedDateTime getUp, List<Stage> stages) {}

  private final Options options;
  private final ZoneId zone;
  private final LocalDate date;
  private final ZonedDateTime midnight;
  private final int minutes;
  private final SplittableRandom ids;
  private final List<Sample> samples = new ArrayList<>(4096);

  DayGenerator(Options options, LocalDate date) {
    this.options = options;
    this.zone = options.zone();
    this.date = date;
    this.midnight = date.atStartOfDay(zone);
    this.minutes =
        (int) Duration.between(midnight, date.plusDays(1).atStartOfDay(zone)).toMinutes();
    this.ids = random(date, Aspect.IDS);
  }

  Day generate() {
    Night lastNight = night(date);
    Night tonight = night(date.plusDays(1));
    int awakeFrom = minuteOf(lastNight.getUp());
    int awakeUntil = minuteOf(tonight.bedtime());

    Interval charging = chargingGap(lastNight);
    int chargeStart = charging == null ? -1 : minuteOf(charging.start());
    int chargeEnd = charging == null ? -1 : minuteOf(charging.end());

    List<Bout> bouts = new ArrayList<>();
    List<Workout> workouts = new ArrayList<>();
    planMovement(awakeFrom, awakeUntil, bouts, workouts);

    int[] steps = new int[minutes];
    Kind[] kind = new Kind[minutes];
    boolean[] phoneCarried = new boolean[minutes];
    SplittableRandom activity = random(date, Aspect.STEPS);
    for (Bout bout : bouts) {
      boolean carried = activity.nextDouble() < bout.phoneCarried();
      for (int m = Math.max(bout.start(), awakeFrom); m < Math.min(bout.end(), awakeUntil); m++) {
        int value =
            bout.stepsPerMinute() == 0
                ? 0
                : (int) Math.round(bout.stepsPerMinute() + activity.nextGaussian() * 4);
        steps[m] = Math.max(steps[m], Math.max(0, value));
        if (kind[m] == null || bout.kind() != Kind.WALK) {
          kind[m] = bout.kind(); // a workout wins over the walking bursts it overlaps
        }
      }
      if (carried) {
        for (int m = Math.max(bout.start() - 3, awakeFrom);
            m < Math.min(bout.end() + 3, awakeUntil);
            m++) {
          phoneCarried[m] = true;
        }
      }
    }
    // Whoever takes the watch off to charge it keeps the phone in their pocket meanwhile.
    for (int m = Math.max(chargeStart, 0); m < chargeEnd; m++) {
      phoneCarried[m] = true;
    }
    double[] distance = new double[minutes];
    double totalDistance = 0;
    for (int m = 0; m < minutes; m++) {
      double stride = kind[m] == Kind.RUN ? 1.05 : 0.74;
      distance[m] = round(steps[m] * stride, 0.1);
      totalDistance += distance[m];
    }

    double restingHr = restingHeartRate(date);
    watchActivity(steps, distance, kind, chargeStart, chargeEnd, awakeFrom, awakeUntil, restingHr);
    phoneActivity(steps, distance, phoneCarried, chargeStart, chargeEnd);
    recordWorkouts(workouts);
    double asleep = recordNight(lastNight, restingHr);
    recordDailyHeart(lastNight, restingHr);
    double[] body = recordBody(lastNight);
    Map<MetricType, Double> nutrition = recordFood(lastNight);
    recordBloodPressure();

    Truth truth =
        new Truth(
            date,
            steps,
            round(totalDistance, 0.1),
            charging,
            Double.isNaN(body[0]) ? OptionalDouble.empty() : OptionalDouble.of(body[0]),
            Double.isNaN(body[1]) ? OptionalDouble.empty() : OptionalDouble.of(body[1]),
            nutrition,
            new Interval(lastNight.bedtime().toInstant(), lastNight.getUp().toInstant()),
            asleep,
            restingHr,
            workouts);
    return new Day(date, samples, truth);
  }

  // ---- the person's day ----

  private Night night(LocalDate morning) {
    SplittableRandom r = random(morning, Aspect.NIGHT);
    DayOfWeek evening = morning.minusDays(1).getDayOfWeek();
    boolean lateNight = evening == DayOfWeek.FRIDAY || evening == DayOfWeek.SATURDAY;
    double bedMinutes =
        lateNight ? 23 * 60 + 15 + r.nextGaussian() * 25 : 22 * 60 + 40 + r.nextGaussian() * 20;
    bedMinutes = Math.clamp(bedMinutes, 21 * 60 + 45, 23 * 60 + 55);
    if (lateDinner(morning.minusDays(1))) {
      bedMinutes += options.effects().sleepLostAfterLateDinner(); // asleep later, up as usual
    }
    boolean weekendMorning =
        morning.getDayOfWeek() == DayOfWeek.SATURDAY || morning.getDayOfWeek() == DayOfWeek.SUNDAY;
    double wakeMinutes =
        weekendMorning ? 8 * 60 + 15 + r.nextGaussian() * 30 : 6 * 60 + 45 + r.nextGaussian() * 15;
    wakeMinutes = Math.clamp(wakeMinutes, 5 * 60 + 30, 10 * 60);

    ZonedDateTime bedtime = at(morning.minusDays(1), bedMinutes);
    ZonedDateTime wake = at(morning, wakeMinutes);
    ZonedDateTime getUp = wake.plusMinutes(2 + r.nextInt(11));

    List<Stage> stages = new ArrayList<>();
    Instant t = bedtime.toInstant().plus(8 + r.nextInt(18), ChronoUnit.MINUTES);
    Instant end = wake.toInstant();
    for (int cycle = 0; t.isBefore(end); cycle++) {
      t = stage(stages, MetricType.SLEEP_CORE, t, 15 + r.nextInt(16), end);
      int deep = cycle < 2 ? 20 + r.nextInt(16) : cycle < 4 ? 5 + r.nextInt(11) : 0;
      t = stage(stages, MetricType.SLEEP_DEEP, t, deep, end);
      t = stage(stages, MetricType.SLEEP_CORE, t, 10 + r.nextInt(16), end);
      int rem = cycle < 2 ? 8 + r.nextInt(8) : 20 + r.nextInt(16);
      t = stage(stages, MetricType.SLEEP_REM, t, rem, end);
      if (r.nextDouble() < 0.3) {
        t = stage(stages, MetricType.SLEEP_AWAKE, t, 2 + r.nextInt(5), end);
      }
    }
    return new Night(bedtime, wake, getUp, stages);
  }

  /** Appends a stage (merging with an equal one before it) and returns where it ends. */
  private static Instant stage(
      List<Stage> stages, MetricType type, Instant from, int length, Instant limit) {
    if (length <= 0 || !from.isBefore(limit)) {
      return from;
    }
    Instant to = from.plus(length, ChronoUnit.MINUTES);
    if (to.isAfter(limit)) {
      to = limit;
    }
    if (!stages.isEmpty() && stages.getLast().type() == type) {
      stages.set(stages.size() - 1, new Stage(type, stages.getLast().start(), to));
    } else {
      stages.add(new Stage(type, from, to));
    }
    return to;
  }

  private Interval chargingGap(Night lastNight) {
    if (!options.watchCharges()) {
      return null;
    }
    SplittableRandom r = random(date, Aspect.CHARGING);
    ZonedDateTime start = lastNight.getUp().plusMinutes(5 + r.nextInt(21));
    ZonedDateTime end = start.plusMinutes(40 + r.nextInt(36));
    return new Interval(start.toInstant(), end.toInstant());
  }

  private void planMovement(
      int awakeFrom, int awakeUntil, List<Bout> bouts, List<Workout> workouts) {
    SplittableRandom r = random(date, Aspect.MOVEMENT);
    DayOfWeek dow = date.getDayOfWeek();
    boolean weekend = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
    if (!weekend) {
      int commute = awakeFrom + 55 + r.nextInt(21);
      bouts.add(
          new Bout(commute, commute + 12 + r.nextInt(9), 100 + r.nextInt(16), Kind.WALK, 0.95));
      if (r.nextDouble() < 0.6) {
        int lunch = clock(12, 10) + r.nextInt(31);
        bouts.add(new Bout(lunch, lunch + 10 + r.nextInt(16), 95 + r.nextInt(16), Kind.WALK, 0.8));
      }
      int home = clock(17, 10) + r.nextInt(41);
      bouts.add(new Bout(home, home + 12 + r.nextInt(9), 100 + r.nextInt(16), Kind.WALK, 0.95));
    } else {
      if (r.nextDouble() < 0.7) {
        int walk = clock(10, 30) + r.nextInt(271);
        bouts.add(new Bout(walk, walk + 40 + r.nextInt(51), 90 + r.nextInt(21), Kind.WALK, 0.9));
      }
      for (int i = 0; i < 2; i++) {
        int errand = clock(9, 30) + r.nextInt(480);
        bouts.add(
            new Bout(errand, errand + 15 + r.nextInt(16), 70 + r.nextInt(26), Kind.WALK, 0.9));
      }
    }
    // Workouts: weekday evening runs, a Saturday ride, sometimes a Sunday long run.
    if ((dow == DayOfWeek.TUESDAY || dow == DayOfWeek.THURSDAY) && r.nextDouble() < 0.7) {
      addWorkout(
          bouts,
          workouts,
          "running",
          clock(18, 10) + r.nextInt(31),
          30 + r.nextInt(21),
          155 + r.nextInt(18),
          0.25);
    } else if (dow == DayOfWeek.SATURDAY && r.nextDouble() < 0.5) {
      addWorkout(
          bouts, workouts, "cycling", clock(9, 30) + r.nextInt(61), 60 + r.nextInt(61), 0, 1.0);
    } else if (dow == DayOfWeek.SUNDAY && r.nextDouble() < 0.3) {
      addWorkout(
          bouts,
          workouts,
          "running",
          clock(9, 0) + r.nextInt(31),
          45 + r.nextInt(26),
          150 + r.nextInt(16),
          0.25);
    }
    // Pottering about: short bursts all day.
    SplittableRandom p = random(date, Aspect.POTTERING);
    int count = 30 + p.nextInt(21);
    for (int i = 0; i < count && awakeUntil > awakeFrom + 10; i++) {
      int start = awakeFrom + p.nextInt(awakeUntil - awakeFrom - 5);
      bouts.add(new Bout(start, start + 1 + p.nextInt(4), 15 + p.nextInt(56), Kind.WALK, 0.5));
    }
  }

  private void addWorkout(
      List<Bout> bouts,
      List<Workout> workouts,
      String activity,
      int start,
      int length,
      int stepsPerMinute,
      double phoneCarried) {
    Kind kind = activity.equals("cycling") ? Kind.RIDE : Kind.RUN;
    bouts.add(new Bout(start, start + length, stepsPerMinute, kind, phoneCarried));
    workouts.add(new Workout(activity, instantOf(start), instantOf(start + length)));
  }

  private double restingHeartRate(LocalDate day) {
    SplittableRandom person = random(LocalDate.EPOCH, Aspect.PERSON);
    double phase = person.nextDouble() * 2 * Math.PI;
    double seasonal = 2.5 * Math.sin(2 * Math.PI * day.toEpochDay() / 365.25 + phase);
    LocalDate riseFrom = options.effects().restingHeartRateRiseFrom();
    double planted =
        riseFrom != null && !day.isBefore(riseFrom) ? options.effects().restingHeartRateRise() : 0;
    return round(
        57 + seasonal + planted + random(day, Aspect.RESTING_HEART).nextGaussian() * 1.2, 0.1);
  }

  private double trueWeight(LocalDate day) {
    SplittableRandom person = random(LocalDate.EPOCH, Aspect.PERSON);
    person.nextDouble();
    double base = 72 + person.nextDouble() * 14;
    double p1 = person.nextDouble() * 2 * Math.PI;
    double p2 = person.nextDouble() * 2 * Math.PI;
    long e = day.toEpochDay();
    double trend =
        2.0 * Math.sin(2 * Math.PI * e / 365.25 + p1) + 0.8 * Math.sin(2 * Math.PI * e / 61 + p2);
    return round(base + trend + random(day, Aspect.WEIGHT).nextGaussian() * 0.3, 0.01);
  }

  // ---- what the sources record ----

  private void watchActivity(
      int[] steps,
      double[] distance,
      Kind[] kind,
      int chargeStart,
      int chargeEnd,
      int awakeFrom,
      int awakeUntil,
      double restingHr) {
    SplittableRandom r = random(date, Aspect.HEART);
    double[] heart = new double[minutes];
    boolean recovering = false;
    for (int m = 0; m < minutes; m++) {
      boolean asleep = m < awakeFrom || m >= awakeUntil;
      double hr;
      if (kind[m] == Kind.RUN) {
        hr = 145 + (steps[m] - 150) * 0.6 + r.nextGaussian() * 4;
      } else if (kind[m] == Kind.RIDE) {
        hr = 132 + r.nextGaussian() * 6;
      } else if (asleep) {
        hr = restingHr - 4 + r.nextGaussian() * 2;
      } else {
        double circadian =
            4 * Math.sin(Math.PI * (m - awakeFrom) / Math.max(1, awakeUntil - awakeFrom));
        hr = restingHr + 8 + circadian + steps[m] * 0.3 + r.nextGaussian() * 3;
      }
      if (kind[m] == Kind.RUN || kind[m] == Kind.RIDE) {
        recovering = true;
      } else if (recovering) {
        // A minute's reading is taken at its start, so the one at a workout's end still shows the
        // workout's rate; after it the heart slows over minutes, not at once, each minute keeping
        // RECOVERY_KEPT of what it was above the rate it returns to.
        boolean justEnded = kind[m - 1] == Kind.RUN || kind[m - 1] == Kind.RIDE;
        double above = (heart[m - 1] - hr) * (justEnded ? 1 : RECOVERY_KEPT);
        recovering = above > 1;
        hr += Math.max(0, above);
      }
      heart[m] = hr;
    }
    for (int m = 0; m < minutes; m++) {
      if (m >= chargeStart && m < chargeEnd) {
        continue;
      }
      Instant start = instantOf(m);
      if (options.heartRateEverySecond()) {
        for (int s = 0; s < 60; s++) {
          OffsetDateTime t = at(start.plusSeconds(s));
          add(
              MetricType.HEART_RATE,
              t,
              t,
              Math.round(heart[m] + r.nextGaussian() * 1.5),
              APPLE_WATCH,
              WATCH_DEVICE,
              uuid());
        }
      } else {
        OffsetDateTime t = at(start);
        add(MetricType.HEART_RATE, t, t, Math.round(heart[m]), APPLE_WATCH, WATCH_DEVICE, uuid());
      }
      if (steps[m] > 0) {
        OffsetDateTime from = at(start);
        OffsetDateTime to = at(start.plusSeconds(60));
        add(MetricType.STEPS, from, to, steps[m], APPLE_WATCH, WATCH_DEVICE, uuid());
        add(MetricType.DISTANCE, from, to, distance[m], APPLE_WATCH, WATCH_DEVICE, uuid());
      }
    }
    // Active energy in five-minute blocks of wear time.
    for (int block = 0; block < minutes; block += 5) {
      int first = -1;
      int last = -1;
      double kcal = 0;
      for (int m = block; m < Math.min(block + 5, minutes); m++) {
        if (m >= chargeStart && m < chargeEnd) {
          continue;
        }
        first = first < 0 ? m : first;
        last = m;
        boolean awake = m >= awakeFrom && m < awakeUntil;
        kcal += steps[m] * 0.045 + (kind[m] == Kind.RIDE ? 8.5 : 0) + (awake ? 0.25 : 0.05);
      }
      if (first >= 0) {
        add(
            MetricType.ACTIVE_ENERGY,
            at(instantOf(first)),
            at(instantOf(last + 1)),
            round(kcal, 0.01),
            APPLE_WATCH,
            WATCH_DEVICE,
            uuid());
      }
    }
  }

  /**
   * The phone writes steps in chunks of 5-10 minutes while carried. Chunks end where carrying stops
   * and at the edges of the watch's charging gap, so a merge can tell exactly which phone steps the
   * watch did not see.
   */
  private void phoneActivity(
      int[] steps, double[] distance, boolean[] carried, int chargeStart, int chargeEnd) {
    SplittableRandom r = random(date, Aspect.PHONE);
    int m = 0;
    while (m < minutes) {
      if (!carried[m]) {
        m++;
        continue;
      }
      int end = Math.min(m + 5 + r.nextInt(6), minutes);
      for (int k = m + 1; k < end; k++) {
        if (!carried[k] || k == chargeStart || k == chargeEnd) {
          end = k;
          break;
        }
      }
      long chunkSteps = 0;
      double chunkDistance = 0;
      for (int k = m; k < end; k++) {
        chunkSteps += steps[k];
        chunkDistance += distance[k];
      }
      if (chunkSteps > 0) {
        OffsetDateTime from = at(instantOf(m));
        OffsetDateTime to = at(instantOf(end));
        add(MetricType.STEPS, from, to, chunkSteps, IPHONE, PHONE_DEVICE, uuid());
        add(MetricType.DISTANCE, from, to, round(chunkDistance, 0.1), IPHONE, PHONE_DEVICE, uuid());
      }
      m = end;
    }
  }

  private void recordWorkouts(List<Workout> workouts) {
    SplittableRandom r = random(date, Aspect.STRAVA);
    for (Workout w : workouts) {
      double minutesLong = Duration.between(w.start(), w.end()).toSeconds() / 60.0;
      double kcal = round(minutesLong * (w.activity().equals("running") ? 11.5 : 9.0), 1);
      double meters = round(minutesLong * (w.activity().equals("running") ? 170 : 420), 1);
      add(
          new Sample(
              MetricType.WORKOUT,
              at(w.start()),
              at(w.end()),
              round(minutesLong, 0.01),
              APPLE_WATCH,
              WATCH_DEVICE,
              uuid(),
              Map.of(
                  "activity", w.activity(), "energy_kcal", fmt(kcal), "distance_m", fmt(meters))));
      // Strava starts and stops on its own button press: a few seconds apart from the watch.
      Instant start = w.start().plusSeconds(Math.round(r.nextGaussian() * 20));
      Instant end = w.end().plusSeconds(Math.round(r.nextGaussian() * 40));
      double stravaMinutes = Duration.between(start, end).toSeconds() / 60.0;
      add(
          new Sample(
              MetricType.WORKOUT,
              at(start),
              at(end),
              round(stravaMinutes, 0.01),
              STRAVA,
              null,
              Long.toString(9_000_000_000L + Math.floorMod(ids.nextLong(), 1_000_000_000L)),
              Map.of(
                  "activity",
                  w.activity(),
                  "distance_m",
                  fmt(round(meters * (1 + r.nextGaussian() * 0.02), 1)))));
    }
  }

  /**
   * Records last night from the watch, the phone's bedtime and the ring; returns minutes asleep.
   */
  private double recordNight(Night night, double restingHr) {
    double asleep = 0;
    for (Stage s : night.stages()) {
      add(
          s.type(),
          at(s.start()),
          at(s.end()),
          round(s.minutes(), 0.01),
          APPLE_WATCH,
          WATCH_DEVICE,
          uuid());
      if (s.type() != MetricType.SLEEP_AWAKE) {
        asleep += s.minutes();
      }
    }
    OffsetDateTime bed = at(night.bedtime().toInstant());
    OffsetDateTime up = at(night.getUp().toInstant());
    add(MetricType.SLEEP_IN_BED, bed, up, minutesBetween(bed, up), IPHONE, PHONE_DEVICE, uuid());

    // The ring scores the same night in 5-minute epochs and disagrees a little on stages.
    SplittableRandom r = random(date, Aspect.RING);
    Instant onset = night.stages().getFirst().start().truncatedTo(ChronoUnit.MINUTES);
    Instant wake = night.wake().toInstant();
    List<Stage> ring = new ArrayList<>();
    for (Instant t = onset; t.isBefore(wake); t = t.plus(5, ChronoUnit.MINUTES)) {
      Instant epochEnd =
          t.plus(5, ChronoUnit.MINUTES).isAfter(wake) ? wake : t.plus(5, ChronoUnit.MINUTES);
      MetricType type = stageAt(night.stages(), t.plus(150, ChronoUnit.SECONDS));
      double flip = r.nextDouble();
      if (type == MetricType.SLEEP_CORE && flip < 0.08) {
        type = MetricType.SLEEP_DEEP;
      } else if (type == MetricType.SLEEP_CORE && flip < 0.14) {
        type = MetricType.SLEEP_REM;
      } else if (type == MetricType.SLEEP_DEEP && flip < 0.1) {
        type = MetricType.SLEEP_CORE;
      }
      stage(ring, type, t, 5, epochEnd);
    }
    for (Stage s : ring) {
      add(
          s.type(),
          at(s.start()),
          at(s.end()),
          round(s.minutes(), 0.01),
          OURA,
          RING_DEVICE,
          "oura-" + uuid().toLowerCase());
    }
    OffsetDateTime ringBed = at(night.bedtime().toInstant().plusSeconds(60 + r.nextInt(240)));
    OffsetDateTime ringUp = at(night.wake().toInstant().plusSeconds(r.nextInt(300)));
    add(
        MetricType.SLEEP_IN_BED,
        ringBed,
        ringUp,
        minutesBetween(ringBed, ringUp),
        OURA,
        RING_DEVICE,
        "oura-" + uuid().toLowerCase());
    for (Instant t = onset; t.isBefore(wake); t = t.plus(5, ChronoUnit.MINUTES)) {
      OffsetDateTime at = at(t);
      add(
          MetricType.HEART_RATE,
          at,
          at,
          Math.round(restingHr - 5 + r.nextGaussian() * 2),
          OURA,
          RING_DEVICE,
          "oura-" + uuid().toLowerCase());
    }
    OffsetDateTime sleepStart = at(onset);
    OffsetDateTime sleepEnd = at(wake);
    add(
        MetricType.HRV_RMSSD,
        sleepStart,
        sleepEnd,
        round(42 + r.nextGaussian() * 8, 1),
        OURA,
        RING_DEVICE,
        "oura-" + uuid().toLowerCase());
    add(
        MetricType.RESPIRATORY_RATE,
        sleepStart,
        sleepEnd,
        round(14.5 + r.nextGaussian() * 0.6, 0.1),
        OURA,
        RING_DEVICE,
        "oura-" + uuid().toLowerCase());
    add(
        MetricType.SKIN_TEMPERATURE_DEVIATION,
        sleepStart,
        sleepEnd,
        round(r.nextGaussian() * 0.2, 0.01),
        OURA,
        RING_DEVICE,
        "oura-" + uuid().toLowerCase());

    // Blood oxygen: the watch takes a few background readings while its wearer sleeps.
    long span = Duration.between(onset, wake).toSeconds();
    for (int i = 0; i < 4; i++) {
      OffsetDateTime at = at(onset.plusSeconds((span * (2L * i + 1)) / 8 + r.nextInt(600)));
      add(
          MetricType.OXYGEN_SATURATION,
          at,
          at,
          Math.clamp(Math.round(96.5 + r.nextGaussian() * 1.2), 92, 100),
          APPLE_WATCH,
          WATCH_DEVICE,
          uuid());
    }
    return round(asleep, 0.01);
  }

  private void recordDailyHeart(Night lastNight, double restingHr) {
    SplittableRandom r = random(date, Aspect.DAILY_HEART);
    OffsetDateTime morning = at(lastNight.getUp().toInstant());
    add(
        MetricType.RESTING_HEART_RATE,
        morning,
        morning,
        Math.round(restingHr + (r.nextDouble() * 2 - 1)),
        APPLE_WATCH,
        WATCH_DEVICE,
        uuid());
    add(
        MetricType.RESTING_HEART_RATE,
        morning,
        morning,
        Math.round(restingHr - 3 + r.nextGaussian()),
        OURA,
        RING_DEVICE,
        "oura-" + uuid().toLowerCase());
    double planted = plantedSdnnShift();
    for (int hour : new int[] {2, 5, 10, 15, 20}) {
      OffsetDateTime at = at(instantOf(Math.min(clock(hour, r.nextInt(60)), minutes - 1)));
      add(
          MetricType.HRV_SDNN,
          at,
          at,
          round(48 + planted + r.nextGaussian() * 12, 0.1),
          APPLE_WATCH,
          WATCH_DEVICE,
          uuid());
    }
  }

  /**
   * The planted effect of sleep on the next day's HRV: the night that ended yesterday morning, its
   * hours asleep against the centre, times the effect's size (0 without it, drawing no numbers).
   */
  private double plantedSdnnShift() {
    double perHour = options.effects().sdnnPerSleepHour();
    if (perHour == 0) {
      return 0;
    }
    double asleepMinutes =
        night(date.minusDays(1)).stages().stream()
            .filter(s -> s.type() != MetricType.SLEEP_AWAKE)
            .mapToDouble(Stage::minutes)
            .sum();
    return perHour * (asleepMinutes / 60 - SyntheticData.Effects.SLEEP_HOURS_CENTRE);
  }

  /** Scale most mornings, now and then a manual weight; returns {true weight, true body fat}. */
  private double[] recordBody(Night lastNight) {
    SplittableRandom r = random(date, Aspect.SCALE);
    double weight = trueWeight(date);
    double fat = round(19 + (weight - 78) * 0.5 + r.nextGaussian() * 0.3, 0.1);
    boolean scale = r.nextDouble() < 0.85;
    boolean manual = r.nextDouble() < 1 / 12.0;
    if (scale) {
      OffsetDateTime at = at(lastNight.getUp().toInstant().plusSeconds(300 + r.nextInt(600)));
      String group = Long.toString(1_000_000 + Math.floorMod(ids.nextLong(), 9_000_000L));
      double shown = round(weight, 0.05);
      add(MetricType.BODY_MASS, at, at, shown, WITHINGS, SCALE_DEVICE, group + "-1");
      add(MetricType.BODY_FAT_PERCENTAGE, at, at, fat, WITHINGS, SCALE_DEVICE, group + "-6");
      add(
          MetricType.LEAN_BODY_MASS,
          at,
          at,
          round(shown * (1 - fat / 100), 0.05),
          WITHINGS,
          SCALE_DEVICE,
          group + "-5");
    }
    if (manual) {
      OffsetDateTime at = at(lastNight.getUp().toInstant().plusSeconds(900 + r.nextInt(900)));
      add(MetricType.BODY_MASS, at, at, round(weight, 0.1), MANUAL, null, null);
    }
    return new double[] {scale || manual ? weight : Double.NaN, scale ? fat : Double.NaN};
  }

  private void recordBloodPressure() {
    SplittableRandom r = random(date, Aspect.BLOOD_PRESSURE);
    if (r.nextDouble() < 1 / 7.0) {
      OffsetDateTime at = at(instantOf(clock(20, r.nextInt(90))));
      add(
          MetricType.BLOOD_PRESSURE_SYSTOLIC,
          at,
          at,
          Math.round(118 + r.nextGaussian() * 6),
          MANUAL,
          null,
          null);
      add(
          MetricType.BLOOD_PRESSURE_DIASTOLIC,
          at,
          at,
          Math.round(77 + r.nextGaussian() * 4),
          MANUAL,
          null,
          null);
    }
  }

  /**
   * Whether dinner on {@code day} is late (21:00 to 22:15), by the planted chance; never without it
   * (drawing no numbers, so the data stays as it always was).
   */
  private boolean lateDinner(LocalDate day) {
    double chance = options.effects().lateDinnerChance();
    return chance > 0 && random(day, Aspect.LATE_DINNER).nextDouble() < chance;
  }

  /**
   * Meals logged in Cronometer (and on some days also in MyFitnessPal); returns the true totals.
   */
  private Map<MetricType, Double> recordFood(Night lastNight) {
    SplittableRandom r = random(date, Aspect.FOOD);
    if (r.nextDouble() >= 0.88) {
      return Map.of();
    }
    boolean weekend =
        date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
    double dayEnergy = 2300 + (weekend ? 200 : 0) + r.nextGaussian() * 250;
    List<int[]> meals = new ArrayList<>(); // {minute, share in per mille}
    meals.add(new int[] {minuteOf(lastNight.getUp()) + 30 + r.nextInt(31), 220});
    meals.add(new int[] {clock(12, 15) + r.nextInt(61), 330});
    if (r.nextDouble() < 0.5) {
      meals.add(new int[] {clock(15, 0) + r.nextInt(91), 70});
    }
    int dinner = r.nextInt(76);
    meals.add(new int[] {(lateDinner(date) ? clock(21, 0) : clock(18, 45)) + dinner, 380});
    double shares = meals.stream().mapToInt(m -> m[1]).sum();
    Map<MetricType, Double> totals = new EnumMap<>(MetricType.class);
    for (int i = 0; i < meals.size(); i++) {
      int[] meal = meals.get(i);
      double kcal = dayEnergy * meal[1] / shares * (1 + r.nextGaussian() * 0.1);
      double carbs = kcal * (0.45 + r.nextGaussian() * 0.04) / 4;
      Map<MetricType, Double> values = new EnumMap<>(MetricType.class);
      values.put(MetricType.DIETARY_ENERGY, round(kcal, 0.1));
      values.put(MetricType.PROTEIN, round(kcal * 0.2 / 4, 0.1));
      values.put(MetricType.CARBOHYDRATES, round(carbs, 0.1));
      values.put(MetricType.FAT_TOTAL, round(kcal * 0.33 / 9, 0.1));
      values.put(MetricType.FIBER, round(carbs * 0.11, 0.1));
      values.put(MetricType.SUGAR, round(carbs * 0.3, 0.1));
      values.put(MetricType.SODIUM, round(kcal * 1.4, 1));
      values.put(MetricType.WATER, round(350 + r.nextDouble() * 450, 1));
      if (i == 0) {
        values.put(MetricType.CAFFEINE, round(95 + r.nextDouble() * 95, 1));
      }
      OffsetDateTime at = at(instantOf(Math.min(meal[0], minutes - 1)));
      values.forEach((type, value) -> {
        add(type, at, at, value, CRONOMETER, null, null);
        totals.merge(type, value, Double::sum);
      });
    }
    totals.replaceAll((type, value) -> round(value, 0.1));
    if (r.nextDouble() < 0.35) {
      // MyFitnessPal's food database differs a little; it has no water or caffeine log.
      OffsetDateTime from = at(instantOf(0));
      OffsetDateTime to = at(instantOf(minutes));
      totals.forEach((type, value) -> {
        if (type != MetricType.WATER && type != MetricType.CAFFEINE) {
          add(
              type,
              from,
              to,
              round(value * (1 + r.nextGaussian() * 0.06), 0.1),
              MY_FITNESS_PAL,
              null,
              null);
        }
      });
    }
    return totals;
  }

  // ---- helpers ----

  private void add(
      MetricType type,
      OffsetDateTime start,
      OffsetDateTime end,
      double value,
      SourceRef source,
      String device,
      String externalId) {
    add(new Sample(type, start, end, value, source, device, externalId, Map.of()));
  }

  private void add(Sample sample) {
    for (SyntheticData.Effects.Stop stop : options.effects().stopsRecording()) {
      if (stop.source().equals(sample.source())
          && stop.metric() == sample.type()
          && !date.isBefore(stop.from())) {
        return;
      }
    }
    samples.add(sample);
  }

  private static MetricType stageAt(List<Stage> stages, Instant t) {
    for (Stage s : stages) {
      if (!t.isBefore(s.start()) && t.isBefore(s.end())) {
        return s.type();
      }
    }
    return MetricType.SLEEP_AWAKE;
  }

  private SplittableRandom random(LocalDate day, Aspect aspect) {
    long x =
        options.seed() * 0x9E3779B97F4A7C15L
            + day.toEpochDay() * 0xBF58476D1CE4E5B9L
            + aspect.ordinal() * 0x94D049BB133111EBL;
    return new SplittableRandom(mix(x));
  }

  /** SplitMix64's finaliser: neighbouring inputs give unrelated seeds. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * A HealthKit-style UUID; deterministic, so generating the same day twice writes the same keys.
   */
  private String uuid() {
    return new UUID(ids.nextLong(), ids.nextLong()).toString().toUpperCase();
  }

  /**
   * A local clock time on a day, to the minute (minutes after midnight as the wall clock shows).
   */
  private ZonedDateTime at(LocalDate day, double minuteOfDay) {
    return day.atStartOfDay().plusMinutes(Math.round(minuteOfDay)).atZone(zone);
  }

  /** Minute index of a local clock time today (after a DST change the index shifts by an hour). */
  private int clock(int hour, int minute) {
    ZonedDateTime t = ZonedDateTime.of(date, LocalTime.of(hour, 0), zone).plusMinutes(minute);
    return minuteOf(t);
  }

  private int minuteOf(ZonedDateTime t) {
    return minuteOf(t.toInstant());
  }

  private int minuteOf(Instant t) {
    long m = Duration.between(midnight.toInstant(), t).toMinutes();
    return Math.clamp(m, 0, minutes);
  }

  private Instant instantOf(int minute) {
    return midnight.toInstant().plusSeconds(60L * minute);
  }

  private OffsetDateTime at(Instant t) {
    return OffsetDateTime.ofInstant(t, zone);
  }

  private static double minutesBetween(OffsetDateTime a, OffsetDateTime b) {
    return round(Duration.between(a, b).toSeconds() / 60.0, 0.01);
  }

  /** Rounds to a device's resolution, then to 4 decimals so 71.15 stays 71.15 in exports. */
  private static double round(double value, double step) {
    return Math.round(Math.round(value / step) * step * 10_000) / 10_000.0;
  }

  private static String fmt(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
