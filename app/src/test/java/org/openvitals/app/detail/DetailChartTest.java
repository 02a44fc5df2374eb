package org.openvitals.app.detail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The time axis of a narrow chart leaves out labels that would run into each other. */
class DetailChartTest {
  @Test
  void labelsThatWouldOverlapTheOneBeforeAreLeftOut() {
    // Hourly labels 50 px wide: 60 px apart all fit; 20 px apart every third one does.
    double[] wide = {0, 60, 120, 180};
    double[] narrow = {0, 20, 40, 60, 80, 100, 120};
    assertThat(DetailChart.apart(wide, new double[] {50, 50, 50, 50}, 8))
        .containsExactly(true, true, true, true);
    assertThat(DetailChart.apart(narrow, new double[] {50, 50, 50, 50, 50, 50, 50}, 8))
        .containsExactly(true, false, false, true, false, false, true);
  }
}
