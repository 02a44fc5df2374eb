package org.openvitals.connectors.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvitals.core.workouts.Polyline;

class RouteSummaryTest {
  private static final OffsetDateTime START = OffsetDateTime.parse("2026-03-10T07:00:00+01:00");

  @Test
  void aLongRecordingIsKeptThinnedFromItsStartToItsFinish() {
    RouteSummary.Builder b = new RouteSummary.Builder();
    // Three hours at one fix a second, heading north-east about 3 m a second.
    int fixes = 3 * 3600;
    for (int i = 0; i < fixes; i++) {
      b.add(48.0 + i * 2e-5, 11.0 + i * 2e-5, 500, START.plusSeconds(i));
    }
    RouteSummary route = b.build();

    assertThat(route.points()).isEqualTo(fixes);
    assertThat(route.track().size()).isBetween(100, RouteSummary.MAX_TRACK_POINTS + 1);
    List<Polyline.Point> drawn = Polyline.decode(route.toMetadata().get("route_polyline"));
    assertThat(drawn).hasSameSizeAs(route.track());
    assertThat(drawn.getFirst().latitude()).isCloseTo(48.0, within(1e-5));
    assertThat(drawn.getLast().latitude()).isCloseTo(48.0 + (fixes - 1) * 2e-5, within(1e-5));
    assertThat(drawn.getLast().longitude()).isCloseTo(11.0 + (fixes - 1) * 2e-5, within(1e-5));
    for (int i = 1; i < drawn.size(); i++) {
      assertThat(drawn.get(i).latitude()).isGreaterThan(drawn.get(i - 1).latitude());
    }
    assertThat(route.toMetadata().get("route_polyline").length()).isLessThan(16_384);
  }

  @Test
  void pointsCloserThanAFewMetresAreNotKeptTwice() {
    RouteSummary.Builder b = new RouteSummary.Builder();
    for (int i = 0; i < 50; i++) {
      b.add(48.0, 11.0, Double.NaN, START.plusSeconds(i)); // standing at the start
    }
    b.add(48.001, 11.0, Double.NaN, START.plusSeconds(60));
    assertThat(b.build().track())
        .containsExactly(new Polyline.Point(48.0, 11.0), new Polyline.Point(48.001, 11.0));
  }

  @Test
  void aSingleFixHasNoLineToDraw() {
    RouteSummary.Builder b = new RouteSummary.Builder();
    b.add(48.0, 11.0, Double.NaN, START);
    assertThat(b.build().toMetadata()).doesNotContainKey("route_polyline");
  }
}
