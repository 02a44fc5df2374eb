package org.openvitals.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvitals.core.rules.Fx.MANUAL;
import static org.openvitals.core.rules.Fx.MFP;
import static org.openvitals.core.rules.Fx.PHONE;
import static org.openvitals.core.rules.Fx.RING;
import static org.openvitals.core.rules.Fx.SCALE;
import static org.openvitals.core.rules.Fx.WATCH;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.DeviceClass;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;

class SourcePreferencesTest {
  static final Map<SourceRef, DeviceClass> CLASSES =
      Map.of(
          MANUAL,
          DeviceClass.MANUAL,
          WATCH,
          DeviceClass.WATCH,
          RING,
          DeviceClass.RING,
          PHONE,
          DeviceClass.PHONE,
          MFP,
          DeviceClass.APP,
          SCALE,
          DeviceClass.SCALE);

  @Test
  void defaultsRankManualThenDevicesThenPhoneThenApps() {
    Priority p =
        SourcePreferences.defaults()
            .priorityFor(MetricType.STEPS, List.of(MFP, PHONE, RING, WATCH, MANUAL), CLASSES::get);
    assertThat(p.order()).containsExactly(MANUAL, WATCH, RING, PHONE, MFP);
  }

  @Test
  void aNewSourceIsPlacedByItsDeviceClassWithoutReshufflingTheUsersOrder() {
    SourcePreferences prefs =
        SourcePreferences.defaults()
            .withNewSource(PHONE, DeviceClass.PHONE)
            .withNewSource(RING, DeviceClass.RING)
            .withCategoryOrder(Category.ACTIVITY, List.of(PHONE, RING)); // user put the phone first
    SourcePreferences next =
        prefs
            .withNewSource(WATCH, DeviceClass.WATCH)
            .withNewSource(MANUAL, DeviceClass.MANUAL)
            .withNewSource(MFP, DeviceClass.APP);
    // The watch goes after the last device-or-better source (the ring), the app last, manual first.
    assertThat(next.categories().get(Category.ACTIVITY))
        .containsExactly(MANUAL, PHONE, RING, WATCH, MFP);
    assertThat(next.withNewSource(WATCH, DeviceClass.APP)).isSameAs(next);
  }

  @Test
  void unlistedSourcesWithDataArePlacedTheSameWay() {
    SourcePreferences prefs =
        SourcePreferences.defaults().withCategoryOrder(Category.ACTIVITY, List.of(RING, PHONE));
    Priority p =
        prefs.priorityFor(MetricType.STEPS, List.of(PHONE, RING, WATCH, MFP), CLASSES::get);
    assertThat(p.order()).containsExactly(RING, WATCH, PHONE, MFP);
  }

  @Test
  void aMetricOverrideReplacesItsCategoryOrder() {
    SourcePreferences prefs =
        SourcePreferences.defaults()
            .withCategoryOrder(Category.ACTIVITY, List.of(WATCH, PHONE))
            .withMetricOverride(MetricType.FLIGHTS_CLIMBED, List.of(PHONE, WATCH));
    assertThat(prefs.priorityFor(MetricType.STEPS, List.of(PHONE, WATCH), CLASSES::get).order())
        .containsExactly(WATCH, PHONE);
    assertThat(
            prefs
                .priorityFor(MetricType.FLIGHTS_CLIMBED, List.of(PHONE, WATCH), CLASSES::get)
                .order())
        .containsExactly(PHONE, WATCH);
    assertThat(prefs.withoutMetricOverride(MetricType.FLIGHTS_CLIMBED).metricOverrides()).isEmpty();
  }

  @Test
  void eachChangeKeepsTheListsItDoesNotTouch() {
    SourcePreferences prefs =
        SourcePreferences.defaults()
            .withCategoryOrder(Category.ACTIVITY, List.of(WATCH, PHONE))
            .withCategoryOrder(Category.SLEEP, List.of(RING, WATCH))
            .withMetricOverride(MetricType.STEPS, List.of(PHONE, WATCH))
            .withMetricOverride(MetricType.FLIGHTS_CLIMBED, List.of(WATCH, PHONE));
    assertThat(prefs.categories())
        .containsEntry(Category.ACTIVITY, List.of(WATCH, PHONE))
        .containsEntry(Category.SLEEP, List.of(RING, WATCH));
    assertThat(prefs.metricOverrides())
        .containsEntry(MetricType.STEPS, List.of(PHONE, WATCH))
        .containsEntry(MetricType.FLIGHTS_CLIMBED, List.of(WATCH, PHONE));

    SourcePreferences fewer = prefs.withoutMetricOverride(MetricType.STEPS);
    assertThat(fewer.metricOverrides())
        .containsOnlyKeys(MetricType.FLIGHTS_CLIMBED)
        .containsEntry(MetricType.FLIGHTS_CLIMBED, List.of(WATCH, PHONE));
    assertThat(fewer.categories()).isEqualTo(prefs.categories());
  }

  @Test
  void aNewSourceIsPlacedIntoMetricOverridesToo() {
    SourcePreferences prefs =
        SourcePreferences.defaults()
            .withNewSource(PHONE, DeviceClass.PHONE)
            .withNewSource(MFP, DeviceClass.APP)
            .withMetricOverride(MetricType.STEPS, List.of(PHONE, MFP));
    SourcePreferences next = prefs.withNewSource(WATCH, DeviceClass.WATCH);
    // A device ranks before the phone and the app, in the override as anywhere else.
    assertThat(next.metricOverrides().get(MetricType.STEPS)).containsExactly(WATCH, PHONE, MFP);
    assertThat(next.deviceClasses()).containsEntry(WATCH, DeviceClass.WATCH);
  }

  @Test
  void aPriorityRanksEachSourceOnceAndRefusesStrangers() {
    Priority p = new Priority(List.of(WATCH, PHONE));
    assertThat(p.rank(WATCH)).isZero();
    assertThat(p.rank(PHONE)).isEqualTo(1);
    assertThat(p.contains(PHONE)).isTrue();
    assertThat(p.contains(RING)).isFalse();
    assertThat(p)
        .isEqualTo(new Priority(List.of(WATCH, PHONE)))
        .hasSameHashCodeAs(new Priority(List.of(WATCH, PHONE)))
        .isNotEqualTo(new Priority(List.of(PHONE, WATCH)))
        .isNotEqualTo(List.of(WATCH, PHONE));
    assertThat(p.toString()).contains(WATCH.toString()).contains(PHONE.toString());
    assertThatThrownBy(() -> p.rank(RING)).hasMessageContaining("has no rank");
    assertThatThrownBy(() -> new Priority(List.of(WATCH, PHONE, WATCH)))
        .hasMessageContaining("listed twice");
  }

  @Test
  void jsonRoundTripKeepsEverything() {
    SourcePreferences prefs =
        SourcePreferences.defaults()
            .withNewSource(PHONE, DeviceClass.PHONE)
            .withCategoryOrder(Category.SLEEP, List.of(RING, WATCH))
            .withMetricOverride(MetricType.STEPS, List.of(PHONE))
            .asVersion(3, Instant.parse("2024-05-01T10:00:00Z"));
    String json = PreferencesJson.write(prefs);
    assertThat(json)
        .contains("\"sleep\"")
        .contains("oura/Oura Ring")
        .contains("\"steps\"")
        .contains("\"phone\"");
    assertThat(PreferencesJson.read(json)).isEqualTo(prefs);
  }

  @Test
  void badJsonIsRejectedNamingTheField() {
    assertThatThrownBy(() ->
            PreferencesJson.read(
                "{\"format\":\"openvitals-preferences/1\",\"categories\":{\"activity\":[\"nokey\"]}}"))
        .hasMessageStartingWith("$.categories.activity[0]:");
    assertThatThrownBy(() ->
            PreferencesJson.read(
                "{\"format\":\"openvitals-preferences/1\",\"categories\":{\"moods\":[]}}"))
        .hasMessageContaining("$.categories.moods")
        .hasMessageContaining("Unknown category");
    assertThatThrownBy(() ->
            PreferencesJson.read(
                "{\"format\":\"openvitals-preferences/1\",\"metrics\":{\"steps\":[\"a/b\",\"a/b\"]}}"))
        .hasMessageContaining("listed twice");
    assertThatThrownBy(() -> PreferencesJson.read("{\"categories\":{}}"))
        .hasMessageContaining("$.format");
    assertThatThrownBy(() -> PreferencesJson.read("{\"format\": ")).hasMessageContaining("line 1");
  }
}
