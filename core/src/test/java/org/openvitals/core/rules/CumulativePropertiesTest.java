package org.openvitals.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvitals.core.model.MetricType.STEPS;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.time.DayBoundaries;

/**
 * The invariants of the slice merge, over random overlapping sources: the merged day total lies
 * between the largest single source's total and the sum of all sources; one source alone gives
 * exactly its own total; the order samples arrive in changes nothing. Days in Europe/Berlin around
 * the spring DST change, with samples written in Berlin time or in UTC.
 */
class CumulativePropertiesTest {
  static final LocalDate FIRST = LocalDate.of(2024, 3, 30);
  static final LocalDate LAST = LocalDate.of(2024, 4, 1);
  static final List<SourceRef> SOURCES =
      List.of(Fx.WATCH, Fx.PHONE, Fx.RING, new SourceRef("fitbit", "Charge 6"));
  static final RuleContext CTX = Fx.ctx();

  @Provide
  Arbitrary<List<Sample>> samples() {
    Arbitrary<Sample> one =
        Combinators.combine(
                Arbitraries.integers().between(0, SOURCES.size() - 1),
                Arbitraries.integers().between(-120, 4 * 24 * 60), // minute from FIRST 00:00 UTC
                Arbitraries.integers().between(0, 90), // length in minutes
                Arbitraries.integers().between(0, 59), // seconds offset
                Arbitraries.doubles().between(0, 150), // steps per minute
                Arbitraries.of(true, false)) // written in Berlin time or UTC
            .as((src, minute, length, sec, rate, berlin) -> {
              var start = Fx.utc(2024, 3, 30, 0, 0).plusMinutes(minute).plusSeconds(sec);
              if (berlin) {
                start = start.atZoneSameInstant(Fx.BERLIN).toOffsetDateTime();
              }
              double value = Math.rint(rate * Math.max(1, length));
              return Sample.of(STEPS, start, start.plusMinutes(length), value, SOURCES.get(src));
            });
    return one.list().ofMinSize(1).ofMaxSize(120);
  }

  @Property(tries = 200)
  void mergedTotalLiesBetweenTheLargestSourceAndTheSumOfAll(
      @ForAll("samples") List<Sample> samples) {
    var out = Rules.resolve(STEPS, samples, CTX, FIRST, LAST, false);
    for (DayOutcome day : out.values()) {
      double sum = day.sources().stream().mapToDouble(s -> nan0(s.ownValue())).sum();
      double largest = day.sources().stream().mapToDouble(s -> nan0(s.ownValue())).max().orElse(0);
      double value = day.resolved() == null ? 0 : day.resolved().value();
      double eps = 1e-9 * Math.max(1, sum);
      assertThat(value).isLessThanOrEqualTo(sum + eps).isGreaterThanOrEqualTo(largest - eps);
      double contributed =
          day.resolved() == null
              ? 0
              : day.resolved().contributions().values().stream().mapToDouble(d -> d).sum();
      assertThat(contributed).isCloseTo(value, org.assertj.core.api.Assertions.within(eps));
    }
  }

  @Property(tries = 200)
  void oneSourceAloneGivesExactlyItsOwnTotal(@ForAll("samples") List<Sample> samples) {
    List<Sample> one =
        samples.stream()
            .map(s ->
                new Sample(s.type(), s.start(), s.end(), s.value(), Fx.WATCH, null, null, Map.of()))
            .toList();
    var out = Rules.resolve(STEPS, one, CTX, FIRST, LAST, false);
    double total = 0;
    for (var e : out.entrySet()) {
      DayOutcome day = e.getValue();
      assertThat(day.sources()).hasSize(1);
      assertThat(day.resolved().value()).isEqualTo(day.sources().getFirst().ownValue());
      total += day.resolved().value();
    }
    // Every sample inside the range is counted once, in full.
    double inside = 0;
    long from = FIRST.atStartOfDay(Fx.BERLIN).toInstant().toEpochMilli();
    long to = LAST.plusDays(1).atStartOfDay(Fx.BERLIN).toInstant().toEpochMilli();
    for (Sample s : one) {
      long a = s.start().toInstant().toEpochMilli();
      long b = s.end().toInstant().toEpochMilli();
      if (a >= from && b <= to && (b > a || a < to)) {
        inside += s.value();
      } else if (b > a) {
        inside += s.value() * Math.max(0, Math.min(b, to) - Math.max(a, from)) / (double) (b - a);
      }
    }
    assertThat(total)
        .isCloseTo(inside, org.assertj.core.api.Assertions.within(1e-6 * Math.max(1, inside)));
  }

  @Property(tries = 200)
  void arrivalOrderChangesNothing(
      @ForAll("samples") List<Sample> samples, @ForAll @IntRange(min = 0, max = 10_000) int seed) {
    List<Sample> shuffled = new ArrayList<>(samples);
    Collections.shuffle(shuffled, new Random(seed));
    var a = Rules.resolve(STEPS, samples, CTX, FIRST, LAST, true);
    var b = Rules.resolve(STEPS, shuffled, CTX, FIRST, LAST, true);
    assertThat(b).isEqualTo(a);
  }

  @Property(tries = 100)
  void sampleLocalDaysKeepTheSameInvariants(@ForAll("samples") List<Sample> samples) {
    var ctx =
        RuleContext.of(SourcePreferences.defaults(), new DayBoundaries.SampleLocal(Fx.BERLIN));
    var out = Rules.resolve(STEPS, samples, ctx, FIRST, LAST, false);
    for (DayOutcome day : out.values()) {
      double sum = day.sources().stream().mapToDouble(s -> nan0(s.ownValue())).sum();
      double largest = day.sources().stream().mapToDouble(s -> nan0(s.ownValue())).max().orElse(0);
      double value = day.resolved() == null ? 0 : day.resolved().value();
      double eps = 1e-9 * Math.max(1, sum);
      assertThat(value).isLessThanOrEqualTo(sum + eps).isGreaterThanOrEqualTo(largest - eps);
    }
  }

  private static double nan0(double v) {
    return Double.isNaN(v) ? 0 : v;
  }
}
