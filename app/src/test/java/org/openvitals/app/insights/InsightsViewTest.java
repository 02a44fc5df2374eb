package org.openvitals.app.insights;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.PrimerLight;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.assistant.AssistantSettings;
import org.openvitals.app.assistant.FakeOpenAiServer;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.core.demo.SyntheticData;
import org.openvitals.core.insights.Anomaly;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.time.DayBoundaries;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Insights screen on JavaFX's headless platform, over generated heart data with a rise. */
@ExtendWith(ApplicationExtension.class)
class InsightsViewTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final LocalDate END = LocalDate.of(2026, 11, 29); // a Sunday
  private static final String ENGLISH_DAY =
      "(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \\d{1,2} [A-Z][a-z]{2} \\d{4}";

  @TempDir Path dir;
  private AppContext context;
  private InsightsView view;

  private final FakeOpenAiServer server = FakeOpenAiServer.started();
  private final AtomicReference<AssistantSettings> assistant =
      new AtomicReference<>(AssistantSettings.OFF);

  @Start
  void start(Stage stage) {
    var options =
        new SyntheticData.Options(120, 1, END, BERLIN, false, true)
            .withEffects(SyntheticData.Effects.NONE.withRestingHeartRateRise(END.minusDays(6), 6));
    Set<MetricType> kept = Set.of(MetricType.RESTING_HEART_RATE);
    try (SampleStore store = Stores.open(StoreConfig.sqlite(dir))) {
      store.setDayBoundaries(new DayBoundaries.FixedZone(BERLIN));
      List<Sample> samples = new ArrayList<>();
      SyntheticData.of(options)
          .days()
          .forEach(
              d -> d.samples().stream().filter(s -> kept.contains(s.type())).forEach(samples::add));
      store.upsert(samples);
    }
    context =
        new AppContext(
            StoreConfig.sqlite(dir),
            Clock.fixed(END.plusDays(1).atTime(12, 0).atZone(BERLIN).toInstant(), BERLIN));
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    view = new InsightsView(context, assistant::get);
    Scene scene = new Scene(view, 1000, 900);
    scene
        .getStylesheets()
        .add(getClass().getResource("/org/openvitals/app/theme/openvitals.css").toExternalForm());
    stage.setScene(scene);
    stage.show();
  }

  @AfterEach
  void close() {
    server.close();
    Platform.runLater(view::dispose);
    context.close();
  }

  @Test
  void cardsOpenTheirDaysAndTheExplanationAndTheReportExports(FxRobot robot) throws Exception {
    assertThat(robot.lookup("#screen-title").queryAs(Label.class).getText()).isEqualTo("Insights");
    ListView<?> cards = robot.lookup("#insight-cards").queryAs(ListView.class);
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !cards.getItems().isEmpty());
    assertThat(robot.lookup("#insights-status").queryAs(Label.class).getText())
        .contains("larger than the day-to-day noise");
    // Days on the cards and the week of the report as every other screen writes them, not as the
    // command line does ("Mon 23 Nov 2026", "2026-W48").
    DisplayFormat shown = new DisplayFormat(context.unitSystemProperty().get());
    List<InsightsViewModel.Card> anomalies =
        view.model().cards().stream().filter(c -> c.insight() instanceof Anomaly).toList();
    assertThat(anomalies).isNotEmpty();
    for (InsightsViewModel.Card card : anomalies) {
      String day = shown.dayWithWeekday(((Anomaly) card.insight()).date());
      assertThat(card.title()).endsWith(" on " + day);
      assertThat(card.text()).contains(" on " + day + ": ");
    }
    assertThat(view.model().cards())
        .allSatisfy(c -> assertThat(c.title() + c.text()).doesNotContainPattern(ENGLISH_DAY));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#report-week > .list-cell").queryAs(ListCell.class).getText())
        .isEqualTo(shown.days(END.minusDays(6), END));
    assertThat(view.model().reportFileName("pdf")).isEqualTo("openvitals-2026-W48.pdf");
    assertThat(robot.lookup("#assistant-needs").queryAs(Label.class).getText())
        .contains("needs the server's address and a model name")
        .contains("Nothing is sent anywhere until then");

    robot.interact(() -> cards.getSelectionModel().select(0));
    ListView<?> days = robot.lookup("#insight-days").queryAs(ListView.class);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !days.getItems().isEmpty());
    assertThat(robot.lookup("#insight-detail").queryAs(Label.class).getText())
        .contains("Resting heart rate");
    TextArea explanation = robot.lookup("#insight-explanation").queryAs(TextArea.class);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> explanation.getText().contains("Value:"));

    LineChart<?, ?> chart = robot.lookup("#insight-chart").queryAs(LineChart.class);
    assertThat(chart.getData().getFirst().getData()).hasSameSizeAs(days.getItems());

    Path file = dir.resolve("week.html");
    WaitForAsyncUtils.asyncFx(() -> view.model().exportReport(file)).get();
    WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Files.exists(file));
    assertThat(Files.readString(file)).contains("Your week 2026-W48");
  }

  @Test
  void assistantAnswersShowEachToolCallWithItsFigures(FxRobot robot) throws Exception {
    server
        .then(request ->
            FakeOpenAiServer.toolCall(
                "call_1",
                "summary",
                "{\"metric\":\"resting_heart_rate\",\"from\":\"2026-11-23\","
                    + "\"to\":\"2026-11-29\"}"))
        .then(request -> FakeOpenAiServer.text("Your resting heart rate rose last week."));
    assertThat(robot.lookup("#assistant-needs").tryQuery()).isPresent();
    // Turned on in Settings while the shell keeps this page; it follows when shown again.
    assistant.set(
        new AssistantSettings(
            true, AssistantSettings.Api.OPENAI_COMPATIBLE, server.baseUrl(), "fake", ""));
    robot.interact(() -> {
      Scene scene = view.getScene();
      scene.setRoot(new Label("another screen"));
      scene.setRoot(view);
    });
    assertThat(robot.lookup("#assistant-needs").tryQuery()).isEmpty();

    robot.clickOn("#assistant-question").write("How was my heart last week?");
    robot.clickOn("Ask");

    TextArea conversation = robot.lookup("#assistant-conversation").queryAs(TextArea.class);
    WaitForAsyncUtils.waitFor(
        30, TimeUnit.SECONDS, () -> conversation.getText().contains("Assistant: "));
    assertThat(conversation.getText())
        .contains("You: How was my heart last week?")
        .contains("[ok] summary {\"metric\":\"resting_heart_rate\"")
        .containsPattern(
            "-> \\{\"metric\":\"resting_heart_rate\",\"unit\":\"/min\",\"days_with_data\":7,\"mean\":[0-9.]+")
        .contains("Assistant: Your resting heart rate rose last week.");
    assertThat(dir.resolve("assistant/conversation.json")).content().contains("How was my heart");
  }
}
