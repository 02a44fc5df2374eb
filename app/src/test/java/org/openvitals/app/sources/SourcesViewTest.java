package org.openvitals.app.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import atlantafx.base.theme.PrimerLight;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.testing.FakeOura;
import org.openvitals.connectors.cloudtest.FakeProvider;
import org.openvitals.connectors.files.FileImporters;
import org.openvitals.connectors.files.ImportListener;
import org.openvitals.connectors.oauth.AuthorizationFlow;
import org.openvitals.connectors.oauth.QueryStrings;
import org.openvitals.core.store.SourceSummary;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.testing.Fixtures;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Sources screen in a window on JavaFX's headless platform, against a fake Oura. */
@ExtendWith(ApplicationExtension.class)
class SourcesViewTest {
  @TempDir Path dir;
  private FakeProvider fake;
  private AppContext context;

  @Start
  void start(Stage stage) throws Exception {
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    fake = FakeOura.start(dir);
    context = new AppContext(StoreConfig.sqlite(dir), Clock.systemUTC());
    Path zip = Fixtures.path("apple_health/alxdrcirilo_apple-health-parser/export.zip");
    FileImporters.detect(zip).orElseThrow().importFile(zip, context.store(), ImportListener.NONE);

    // Plays the browser for the fake's sign-ins only: Google's page is never requested.
    AuthorizationFlow.Presenter browser =
        url -> {
          if (url.getHost().equals("127.0.0.1")) {
            Thread.ofVirtual()
                .start(() -> {
                  try {
                    FakeProvider.playBrowser(url);
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
          }
        };
    SourcesViewModel model =
        new SourcesViewModel(
            context, browser, new AuthorizationFlow(new SecureRandom(), Duration.ofSeconds(20)));
    Scene scene = new Scene(new SourcesView(model, ZoneOffset.UTC), 900, 900);
    scene
        .getStylesheets()
        .add(getClass().getResource("/org/openvitals/app/theme/openvitals.css").toExternalForm());
    stage.setScene(scene);
    stage.show();
  }

  @AfterEach
  void close() {
    context.close();
    fake.close();
  }

  private static void await(Callable<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
    WaitForAsyncUtils.waitForFxEvents();
  }

  private static void press(FxRobot robot, String query) {
    robot.lookup(query).queryAs(Button.class).fire();
  }

  private static String text(FxRobot robot, String query) {
    return robot.lookup(query).queryAs(Label.class).getText();
  }

  @Test
  void theTableShowsTheImportedSourcesAndOuraConnectsSyncsAndDisconnects(FxRobot robot)
      throws Exception {
    assertThat(text(robot, "#screen-title")).isEqualTo("Sources");
    @SuppressWarnings("unchecked")
    TableView<SourceSummary> table = robot.lookup("#sources-table").queryAs(TableView.class);
    await(() -> table.getItems().size() == 2);
    assertThat(robot.lookup(".table-cell").queryAll())
        .extracting(n -> ((javafx.scene.control.TableCell<?, ?>) n).getText())
        .contains(
            "Alexandre's Apple Watch", "Apple Health", "watch", "7", "Alexandre's iPhone", "phone");
    await(() -> robot.lookup("#state-oura").tryQuery().isPresent());
    assertThat(text(robot, "#state-oura")).isEqualTo("not connected");
    assertThat(text(robot, "#last-sync-oura")).isEqualTo("Last sync: never");
    assertThat(robot.lookup("#next-sync-oura").tryQuery()).isEmpty(); // nothing to plan

    // The robot's mouse moves slowly: one real click on the main path, the rest fired.
    robot.clickOn("#connect-oura");
    robot.interact(() -> {
      robot.lookup("#client-id").queryAs(TextField.class).setText(FakeProvider.CLIENT_ID);
      robot.lookup("#client-secret").queryAs(TextField.class).setText(FakeProvider.CLIENT_SECRET);
      press(robot, "#sign-in-start");
    });
    await(() ->
        text(robot, "#cloud-message") != null
            && text(robot, "#cloud-message").startsWith("Connected oura"));
    await(() -> text(robot, "#state-oura").equals("ok"));
    // This window did not start background sync, so no sync is planned.
    assertThat(text(robot, "#next-sync-oura")).isEqualTo("Next sync: when background sync runs");

    robot.interact(() -> press(robot, "#sync-oura"));
    await(() ->
        text(robot, "#cloud-message") != null
            && text(robot, "#cloud-message").startsWith("oura: ok, 2 new or changed"));
    await(() -> table.getItems().stream().anyMatch(s -> s.source().provider().equals("oura")));
    await(() -> text(robot, "#last-sync-oura").contains("ok, 2 new or changed"));

    Platform.runLater(() -> press(robot, "#disconnect-oura")); // opens a modal confirmation
    await(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
    robot.interact(() ->
        robot.lookup(".dialog-pane .button").queryAllAs(Button.class).stream()
            .filter(b -> b.getText().equals("OK"))
            .findFirst()
            .orElseThrow()
            .fire());
    await(() -> text(robot, "#state-oura").equals("not connected"));
    assertThat(table.getItems())
        .as("disconnecting keeps the data")
        .anySatisfy(s -> assertThat(s.source().provider()).isEqualTo("oura"));
  }

  @Test
  void fitbitsConnectFormAsksOnlyForTheTickedKindsOfData(FxRobot robot) throws Exception {
    await(() -> robot.lookup("#connect-fitbit").tryQuery().isPresent());
    robot.clickOn("#connect-fitbit");
    assertThat(robot.lookup("#scopes .check-box").queryAllAs(CheckBox.class))
        .extracting(CheckBox::getId, CheckBox::isSelected)
        .containsExactly(
            tuple("scope-activity_and_fitness", true),
            tuple("scope-health_metrics_and_measurements", true),
            tuple("scope-sleep", true),
            tuple("scope-nutrition", false),
            tuple("scope-profile", false));
    robot.clickOn("#scope-activity_and_fitness");
    robot.interact(() -> {
      robot.lookup("#scope-health_metrics_and_measurements").queryAs(CheckBox.class).fire();
      robot.lookup("#client-id").queryAs(TextField.class).setText("123.apps.googleusercontent.com");
      robot.lookup("#client-secret").queryAs(TextField.class).setText("GOCSPX-x");
      press(robot, "#sign-in-start");
    });
    TextField url = robot.lookup("#authorization-url").queryAs(TextField.class);
    await(() -> url.getText() != null && !url.getText().isEmpty());

    assertThat(QueryStrings.decode(URI.create(url.getText()).getRawQuery()))
        .containsEntry("scope", "https://www.googleapis.com/auth/googlehealth.sleep.readonly");
    robot.interact(() -> press(robot, "#cancel-fitbit"));
    await(() ->
        text(robot, "#cloud-message") != null
            && text(robot, "#cloud-message").equals("Cancelled."));

    // Opened again, the form shows what was chosen.
    await(() -> robot.lookup("#connect-fitbit").tryQuery().isPresent());
    robot.interact(() -> press(robot, "#connect-fitbit"));
    assertThat(robot.lookup("#scopes .check-box").queryAllAs(CheckBox.class))
        .filteredOn(CheckBox::isSelected)
        .extracting(CheckBox::getId)
        .containsExactly("scope-sleep");
  }
}
