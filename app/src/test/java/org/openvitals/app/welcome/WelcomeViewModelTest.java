package org.openvitals.app.welcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.TaskExecutor;
import org.openvitals.core.demo.SyntheticData;
import org.openvitals.core.store.StoreConfig;

/** The welcome page's view model and the first-run check, without a window. */
class WelcomeViewModelTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-11T12:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dataDir;
  private AppContext context;
  private DemoSession demo;
  private FirstRun firstRun;
  private int importsOpened;

  @BeforeEach
  void open() {
    context = new AppContext(StoreConfig.sqlite(dataDir), CLOCK, TaskExecutor.immediate());
    demo = new DemoSession(context);
    firstRun = new FirstRun(context);
  }

  @AfterEach
  void close() {
    context.close();
  }

  @Test
  void importFileOpensTheImportScreen() {
    new WelcomeViewModel(context, demo, () -> importsOpened++, 2).importFile();

    assertThat(importsOpened).isEqualTo(1);
  }

  @Test
  void demoDataGoesToItsOwnFolderAndEndsYesterdayThenTheWayBackIsEmptyAgain() {
    assertThat(firstRun.emptyProperty().get()).isTrue();
    WelcomeViewModel model = new WelcomeViewModel(context, demo, () -> {}, 2);

    model.exploreDemo();

    assertThat(demo.isActive()).isTrue();
    assertThat(context.storeConfig().dataDir()).isEqualTo(dataDir.resolve("demo"));
    assertThat(context.store().state(SyntheticData.STATE_KEY))
        .contains("seed=1;end=2026-03-10;days=2");
    assertThat(model.busyProperty().get()).isFalse();
    assertThat(model.messageProperty().get()).isEmpty();
    assertThat(firstRun.emptyProperty().get()).isFalse();

    demo.leave();

    assertThat(demo.isActive()).isFalse();
    assertThat(context.storeConfig().dataDir()).isEqualTo(dataDir);
    assertThat(firstRun.emptyProperty().get()).isTrue();
  }
}
