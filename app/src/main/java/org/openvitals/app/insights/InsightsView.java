package org.openvitals.app.insights;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import java.io.File;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.openvitals.app.assistant.Answer;
import org.openvitals.app.assistant.AssistantSettings;
import org.openvitals.app.assistant.ToolCall;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.Disposable;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.app.settings.UserSettings;
import org.openvitals.core.insights.Evidence;

/**
 * The Insights screen: cards for the trends, anomalies and correlations found (each opens its days,
 * their chart and the explanation of the chosen day), the weekly report's export, and the assistant
 * when it is on (else what it would need).
 */
public final class InsightsView extends BorderPane implements Disposable {
  /** Axis days as the dashboard's time axis writes them ("Nov 6" in English). */
  private static final DateTimeFormatter SHORT_DATE =
      DateTimeFormatter.ofLocalizedPattern("MMMd")
          .withLocale(Locale.getDefault(Locale.Category.FORMAT));

  private final InsightsViewModel model;
  private final AppContext context;
  private final SplitPane cardsAndDetails;
  private AssistantSettings assistantShownFor;
  private final XYChart.Series<Number, Number> chartSeries = new XYChart.Series<>();

  public InsightsView(AppContext context) {
    this(context, () -> UserSettings.forUser().assistant());
  }

  InsightsView(AppContext context, Supplier<AssistantSettings> assistant) {
    this.context = context;
    this.model = new InsightsViewModel(context, assistant);
    getStyleClass().add("screen");
    // The frame pads the content area; the page keeps clear of the scroll bar only, so its title
    // stands where every screen's does.
    setPadding(new Insets(0, 16, 16, 0));

    Label title = new Label("Insights");
    title.setId("screen-title");
    title.getStyleClass().add("title-1");
    Label status = new Label();
    status.setId("insights-status");
    status.setWrapText(true);
    status.textProperty().bind(model.statusProperty());
    ComboBox<LocalDate> week = new ComboBox<>(model.weeks());
    week.setId("report-week");
    week.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(LocalDate monday) {
            return monday == null ? "" : model.weekText(monday);
          }

          @Override
          public LocalDate fromString(String text) {
            return null; // not editable
          }
        });
    week.valueProperty().bindBidirectional(model.weekProperty());
    Button html = new Button("Export _HTML...");
    html.setId("export-html");
    html.setOnAction(e -> export("html"));
    Button pdf = new Button("Export _PDF...");
    pdf.setId("export-pdf");
    pdf.setOnAction(e -> export("pdf"));
    Button refresh = new Button("_Refresh");
    refresh.setOnAction(e -> model.reload());
    Label reportLabel = new Label("Weekly report");
    // Flows onto two lines in a narrow window rather than cutting the buttons' words.
    FlowPane report = new FlowPane(8, 6, reportLabel, week, html, pdf, refresh);
    for (Region r : List.of(reportLabel, html, pdf, refresh)) {
      r.setMinWidth(Region.USE_PREF_SIZE);
    }
    report.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
    VBox top = new VBox(6, title, status, report);
    top.setPadding(new Insets(0, 0, 10, 0));
    setTop(top);

    ListView<InsightsViewModel.Card> cards = new ListView<>(model.cards());
    cards.setId("insight-cards");
    cards.setPlaceholder(new Label("Nothing stands out in these days."));
    cards.setCellFactory(list -> new CardCell());
    cards.getSelectionModel().selectedItemProperty().subscribe(model.selectedProperty()::set);

    Label detail = new Label("Choose a card to see the days behind it.");
    detail.setId("insight-detail");
    detail.setWrapText(true);
    detail.setMinHeight(Region.USE_PREF_SIZE);
    model
        .selectedProperty()
        .subscribe(c ->
            detail.setText(
                c == null
                    ? "Choose a card to see the days behind it."
                    : c.title()
                        + ": the "
                        + c.insight().evidence().size()
                        + " days behind it. Choose a day to see how its value was worked out."));
    // Days on a number axis (epoch days) with short date labels: a category per day crowds the
    // axis with rotated labels once there are more than a few weeks.
    NumberAxis x = new NumberAxis();
    x.setForceZeroInRange(false);
    x.setMinorTickVisible(false);
    x.setTickLabelFormatter(
        new StringConverter<>() {
          @Override
          public String toString(Number epochDay) {
            return SHORT_DATE.format(LocalDate.ofEpochDay(Math.round(epochDay.doubleValue())));
          }

          @Override
          public Number fromString(String text) {
            return null;
          }
        });
    NumberAxis y = new NumberAxis();
    y.setForceZeroInRange(false);
    LineChart<Number, Number> chart = new LineChart<>(x, y);
    chart.setId("insight-chart");
    chart.setLegendVisible(false);
    chart.setAnimated(false);
    chart.setPrefHeight(200);
    chart.setMinHeight(140);
    chart.getData().add(chartSeries);
    model.days().subscribe(this::redrawChart);
    ListView<Evidence> days = new ListView<>(model.days());
    days.setId("insight-days");
    days.getStyleClass().add(Styles.DENSE);
    days.setPrefHeight(130);
    days.setMinHeight(80);
    days.setCellFactory(list ->
        new ListCell<>() {
          @Override
          protected void updateItem(Evidence e, boolean empty) {
            super.updateItem(e, empty);
            setText(
                empty || e == null
                    ? null
                    : shown().day(e.date())
                        + "  "
                        + e.metric().displayName()
                        + "  "
                        + shown().full(e.metric(), e.value())
                        + (e.source() == null
                            ? "  (none: counted as 0)"
                            : "  " + shown().source(e.source())));
          }
        });
    days.getSelectionModel()
        .selectedItemProperty()
        .subscribe(d -> {
          if (d != null) {
            model.dayProperty().set(d);
          }
        });
    TextArea explanation = new TextArea();
    explanation.setId("insight-explanation");
    explanation.setEditable(false);
    explanation.getStyleClass().add("explanation-text");
    explanation.setMinHeight(90);
    explanation.textProperty().bind(model.explanationProperty());
    VBox chosen = new VBox(8, chart, days, explanation);
    VBox.setVgrow(chosen, Priority.ALWAYS);
    chosen.visibleProperty().bind(model.selectedProperty().isNotNull());
    chosen.managedProperty().bind(chosen.visibleProperty());
    VBox details = new VBox(8, detail, chosen);
    VBox.setVgrow(explanation, Priority.ALWAYS);
    details.setPadding(new Insets(0, 4, 0, 10));
    // In a small window the chart, days and explanation keep their least height and scroll.
    ScrollPane detailsScroll = new ScrollPane(details);
    detailsScroll.setFitToWidth(true);
    detailsScroll.setFitToHeight(true);
    detailsScroll.getStyleClass().add(Tweaks.EDGE_TO_EDGE);
    SplitPane split = new SplitPane(cards, detailsScroll);
    split.setDividerPositions(0.45);
    this.cardsAndDetails = split;
    // The shell keeps this page while other screens show: the assistant follows Settings each time
    // the page is shown again.
    sceneProperty()
        .subscribe(scene -> {
          if (scene != null) {
            showAssistant();
          }
        });
    showAssistant();
    model.reload();
  }

  /** The assistant's panel as its settings are now: beside the cards when ready, else a note. */
  private void showAssistant() {
    AssistantSettings now = model.assistantSettings();
    if (now.equals(assistantShownFor)) {
      return;
    }
    assistantShownFor = now;
    if (model.assistantReady()) {
      // The conversation shares the height with the cards; the divider moves either way.
      SplitPane withAssistant = new SplitPane(cardsAndDetails, assistantPane());
      withAssistant.setOrientation(Orientation.VERTICAL);
      withAssistant.setDividerPositions(0.6);
      setBottom(null);
      setCenter(withAssistant);
    } else {
      setCenter(cardsAndDetails);
      setBottom(assistantPane());
    }
  }

  private VBox assistantPane() {
    Label heading = new Label("Assistant");
    heading.getStyleClass().add("title-4");
    VBox pane = new VBox(6, heading);
    pane.setId("assistant-pane");
    pane.setPadding(new Insets(10, 0, 0, 0));
    if (!model.assistantReady()) {
      Label needs = new Label(model.assistantNeeds());
      needs.setId("assistant-needs");
      needs.setWrapText(true);
      pane.getChildren().add(needs);
      return pane;
    }
    model.loadConversation();
    TextArea conversation = new TextArea();
    conversation.setId("assistant-conversation");
    conversation.setEditable(false);
    conversation.setWrapText(true);
    conversation.setPrefRowCount(8);
    conversation.setPromptText(
        "Answers appear here, each with the tool calls the model made and the figures they"
            + " returned.");
    model.answers().subscribe(() -> conversation.setText(render(model.answers())));
    conversation.setText(render(model.answers()));
    TextField question = new TextField();
    question.setId("assistant-question");
    question.setPromptText("Ask about your data, e.g. how did I sleep in the weeks I ran most?");
    Button ask = new Button("_Ask");
    ask.setDefaultButton(false);
    ask.setOnAction(e -> {
      if (!question.getText().isBlank()) {
        model.ask(question.getText().strip());
        question.clear();
      }
    });
    question.setOnAction(ask.getOnAction());
    HBox.setHgrow(question, Priority.ALWAYS);
    Label status = new Label();
    status.textProperty().bind(model.assistantStatusProperty());
    pane.getChildren().addAll(conversation, new HBox(8, question, ask), status);
    return pane;
  }

  /** Each answer with every tool call it made and the figures the call returned. */
  static String render(List<Answer> answers) {
    StringBuilder b = new StringBuilder();
    for (Answer a : answers) {
      b.append("You: ").append(a.question()).append('\n');
      for (ToolCall c : a.calls()) {
        b.append("  [")
            .append(c.outcome().name().toLowerCase())
            .append("] ")
            .append(c.tool())
            .append(' ')
            .append(c.arguments())
            .append(" -> ")
            .append(c.result())
            .append('\n');
      }
      b.append("Assistant: ").append(a.text()).append("\n\n");
    }
    return b.toString();
  }

  private void redrawChart() {
    chartSeries.getData().clear();
    var card = model.selectedProperty().get();
    if (card == null) {
      return;
    }
    var metric = card.insight().metrics().getLast();
    for (Evidence e : model.days()) {
      if (e.metric() == metric) {
        chartSeries.getData().add(new XYChart.Data<>(e.date().toEpochDay(), e.value()));
      }
    }
  }

  private void export(String kind) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Export the weekly report");
    chooser.setInitialFileName(model.reportFileName(kind));
    chooser
        .getExtensionFilters()
        .add(new FileChooser.ExtensionFilter(kind.toUpperCase(), "*." + kind));
    File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
    if (file != null) {
      model.exportReport(file.toPath());
    }
  }

  InsightsViewModel model() {
    return model;
  }

  @Override
  public void dispose() {
    model.dispose();
  }

  /** A card: its kind, title and sentence, wrapped to the list's width. */
  private static final class CardCell extends ListCell<InsightsViewModel.Card> {
    private final Label kind = new Label();
    private final Label title = new Label();
    private final Label text = new Label();
    private final VBox box = new VBox(2, kind, title, text);

    CardCell() {
      kind.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
      title.getStyleClass().add(Styles.TEXT_BOLD);
      title.setWrapText(true);
      text.setWrapText(true);
      box.setPadding(new Insets(4, 0, 4, 0));
      // Never wider than the list: the sentence wraps instead of needing a horizontal scroll.
      setPrefWidth(0);
      listViewProperty()
          .subscribe(list -> {
            if (list != null) {
              var width = list.widthProperty().subtract(36);
              for (Label l : List.of(title, text)) {
                l.prefWidthProperty().bind(width);
                l.maxWidthProperty().bind(width);
                l.setMinHeight(Region.USE_PREF_SIZE);
              }
            }
          });
    }

    @Override
    protected void updateItem(InsightsViewModel.Card card, boolean empty) {
      super.updateItem(card, empty);
      setText(null);
      if (empty || card == null) {
        setGraphic(null);
        return;
      }
      kind.setText(card.kind().toUpperCase(Locale.ROOT));
      title.setText(card.title());
      text.setText(card.text());
      setGraphic(box);
    }
  }

  private DisplayFormat shown() {
    return new DisplayFormat(context.unitSystemProperty().get(), context.current().colours());
  }
}
