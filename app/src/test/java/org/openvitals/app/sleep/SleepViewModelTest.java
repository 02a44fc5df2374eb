package org.openvitals.app.sleep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvitals.app.sleep.SleepFixture.EARLIER;
import static org.openvitals.app.sleep.SleepFixture.RING;
import static org.openvitals.app.sleep.SleepFixture.WAKE;
import static org.openvitals.app.sleep.SleepFixture.WATCH;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.TaskExecutor;
import org.openvitals.core.model.Category;
import org.openvitals.core.rules.SourcePreferences;
import org.openvitals.core.sleep.Night;
import org.openvitals.core.sleep.SleepDay;
import org.openvitals.core.store.StoreConfig;

class SleepViewModelTest {
  @TempDir Path dir;
  AppContext context;
  SleepViewModel model;

  @BeforeEach
  void open() {
    SleepFixture.seed(dir);
    context =
        new AppContext(
            StoreConfig.sqlite(dir), SleepFixture.twoYearsLater(), TaskExecutor.immediate());
    model = new SleepViewModel(context);
    model.reload();
  }

  @AfterEach
  void close() {
    model.dispose();
    context.close();
  }

  @Test
  void theWeeksEndOnTheLatestNightEvenWhenItIsYearsOldAndItIsSelected() {
    assertThat(model.toProperty().get()).isEqualTo(WAKE);
    assertThat(model.fromProperty().get()).isEqualTo(WAKE.minusWeeks(4).plusDays(1));
    assertThat(model.nights()).extracting(SleepDay::day).containsExactly(WAKE);
    SleepDay selected = model.selectedProperty().get();
    assertThat(selected.day()).isEqualTo(WAKE);
    // The watch ranks above the ring by default; the ring's night stands beside it.
    assertThat(selected.night().source()).isEqualTo(WATCH);
    assertThat(selected.night().asleepMinutes()).isEqualTo(430.0);
    assertThat(selected.night().inBedMinutes()).isEqualTo(465.0);
    assertThat(selected.others()).extracting(Night::source).containsExactly(RING);
    assertThat(model.atLatestProperty().get()).isTrue();
    assertThat(model.messageProperty().get()).isEmpty();
  }

  @Test
  void earlierShowsTheWeeksBeforeButNotPastTheFirstNightAndLatestComesBack() {
    assertThat(model.atEarliestProperty().get()).isFalse();
    model.earlier();
    assertThat(model.toProperty().get()).isEqualTo(WAKE.minusWeeks(4));
    assertThat(model.nights()).extracting(SleepDay::day).containsExactly(EARLIER);
    assertThat(model.selectedProperty().get().day()).isEqualTo(EARLIER);
    assertThat(model.atLatestProperty().get()).isFalse();

    // These weeks hold the first night: there are no earlier ones to step to.
    assertThat(model.atEarliestProperty().get()).isTrue();
    model.earlier();
    assertThat(model.toProperty().get()).isEqualTo(WAKE.minusWeeks(4));
    assertThat(model.nights()).extracting(SleepDay::day).containsExactly(EARLIER);

    model.latest();
    assertThat(model.toProperty().get()).isEqualTo(WAKE);
    assertThat(model.atLatestProperty().get()).isTrue();

    // Later never steps past the latest night.
    model.earlier();
    model.later();
    assertThat(model.toProperty().get()).isEqualTo(WAKE);
    assertThat(model.atLatestProperty().get()).isTrue();
    model.later();
    assertThat(model.toProperty().get()).isEqualTo(WAKE);
    assertThat(model.periodProperty().get())
        .isEqualTo(model.format().days(WAKE.minusWeeks(4).plusDays(1), WAKE));
  }

  @Test
  void aStoreWithoutSleepSaysSoAndOffersNoStep(@TempDir Path empty) {
    try (var none =
        new AppContext(
            StoreConfig.sqlite(empty), SleepFixture.twoYearsLater(), TaskExecutor.immediate())) {
      var page = new SleepViewModel(none);
      page.reload();
      assertThat(page.nights()).isEmpty();
      assertThat(page.messageProperty().get()).startsWith("No sleep recorded from ");
      assertThat(page.atEarliestProperty().get()).isTrue();
      assertThat(page.atLatestProperty().get()).isTrue();
      page.dispose();
    }
  }

  @Test
  void aChangedSourceOrderMakesTheRingsNightThePrimaryOne() {
    var prefs = context.rules().preferences();
    prefs.save(
        SourcePreferences.defaults().withCategoryOrder(Category.SLEEP, List.of(RING, WATCH)));
    context.dataChanged();

    SleepDay selected = model.selectedProperty().get();
    assertThat(selected.night().source()).isEqualTo(RING);
    assertThat(selected.night().asleepMinutes()).isEqualTo(360.0);
    assertThat(selected.others()).extracting(Night::source).containsExactly(WATCH);
  }
}
