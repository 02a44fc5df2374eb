package org.openvitals.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.core.demo.SyntheticData;
import org.openvitals.core.store.StoreConfig;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** An empty store greets the user; demo data goes to its own database and back. */
@ExtendWith(ApplicationExtension.class)
class FirstRunTest {
  @TempDir Path dataDir;
  private AppContext context;
  private ShellViewModel model;

  @Start
  void start(Stage stage) {
    context = new AppContext(StoreConfig.sqlite(dataDir), Clock.systemUTC());
    model = new ShellViewModel(new ShellSettings(new MemoryPreferences()), "Data: " + dataDir);
    stage.setScene(new Scene(OpenVitalsApp.frame(context, model, 3), 1000, 800));
    stage.show();
  }

  @AfterEach
  void close() {
    context.close();
  }

  @Test
  void anEmptyStoreShowsTheWelcomeWhoseImportButtonOpensTheImportScreen(FxRobot robot) {
    waitFor(robot, "#welcome-title");
    assertThat(robot.lookup("#welcome-title").queryAs(Label.class).getText())
        .isEqualTo("Welcome to OpenVitals");
    assertThat(robot.lookup("#demo-banner").query().isVisible()).isFalse();

    robot.clickOn("#welcome-import");

    assertThat(model.selectedScreen()).isEqualTo(Screen.IMPORT);
  }

  @Test
  void demoDataFillsASeparateDatabaseAndTheBannerLeadsBack(FxRobot robot) throws Exception {
    waitFor(robot, "#welcome-demo");

    robot.clickOn("#welcome-demo");
    WaitForAsyncUtils.waitFor(
        30, TimeUnit.SECONDS, () -> robot.lookup("#demo-banner").query().isVisible());

    Path demo = dataDir.resolve("demo");
    assertThat(context.storeConfig().dataDir()).isEqualTo(demo);
    assertThat(context.store().sources()).hasSizeGreaterThanOrEqualTo(6);
    assertThat(context.store().state(SyntheticData.STATE_KEY)).isPresent();
    assertThat(robot.lookup("#store-description").queryAs(Label.class).getText())
        .contains(demo.toString());
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !model.welcomeProperty().get());
    // The page switches on the FX thread after the property changes: wait for it, not one pulse.
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> robot.lookup("#welcome-title").tryQuery().isEmpty());

    robot.clickOn("#demo-leave");

    assertThat(context.storeConfig().dataDir()).isEqualTo(dataDir);
    assertThat(context.store().info().liveSamples()).isZero();
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.welcomeProperty().get());
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#welcome-title").tryQuery()).isPresent();
    assertThat(robot.lookup("#demo-banner").query().isVisible()).isFalse();
  }

  private static void waitFor(FxRobot robot, String query) {
    try {
      WaitForAsyncUtils.waitFor(
          10,
          TimeUnit.SECONDS,
          () -> robot.lookup(query).tryQuery().map(Node::isVisible).orElse(false));
    } catch (TimeoutException e) {
      throw new AssertionError(query + " did not appear", e);
    }
  }
}
