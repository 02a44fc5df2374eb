package org.openvitals.app.insights;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Subscription;
import org.openvitals.app.assistant.Answer;
import org.openvitals.app.assistant.Assistant;
import org.openvitals.app.assistant.AssistantSettings;
import org.openvitals.app.assistant.AssistantTools;
import org.openvitals.app.assistant.Conversations;
import org.openvitals.app.context.AppContext;
import org.openvitals.app.context.BackgroundTask;
import org.openvitals.app.context.BackgroundWork;
import org.openvitals.app.context.Disposable;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.app.quality.QualityViewModel;
import org.openvitals.core.insights.Evidence;
import org.openvitals.core.insights.Insight;
import org.openvitals.core.insights.InsightData;
import org.openvitals.core.insights.InsightText;
import org.openvitals.core.insights.Insights;
import org.openvitals.core.report.WeeklyReport;
import org.openvitals.core.rules.ExplanationText;

/**
 * The Insights screen's state: the insights of the 90 days up to the latest data (read and worked
 * out in the background, again whenever data changes), the chosen card with its days and the
 * explanation of the chosen day, the weekly report's export, and the assistant when it is on.
 */
public final class InsightsViewModel implements Disposable {
  /** Days the screen's insights cover, ending on the latest day with data. */
  static final int DAYS = 90;

  /** One card: an insight with its title and sentence in the user's units. */
  public record Card(Insight insight, String kind, String title, String text) {}

  private final AppContext context;
  private final Supplier<AssistantSettings> assistantSettings;
  private final BackgroundWork work;
  private final BackgroundWork.Lane loads;
  private final BackgroundWork.Lane explanations;
  private final Subscription shared;

  private final ObservableList<Card> cards = FXCollections.observableArrayList();
  private final ObjectProperty<Card> selected = new SimpleObjectProperty<>(this, "selected");
  private final ObservableList<Evidence> days = FXCollections.observableArrayList();
  private final ObjectProperty<Evidence> day = new SimpleObjectProperty<>(this, "day");
  private final StringProperty explanation = new SimpleStringProperty(this, "explanation", "");
  private final StringProperty status = new SimpleStringProperty(this, "status", "");

  /** The weeks of the report, by their Mondays. */
  private final ObservableList<LocalDate> weeks = FXCollections.observableArrayList();

  private final ObjectProperty<LocalDate> week = new SimpleObjectProperty<>(this, "week");
  private final ObservableList<Answer> answers = FXCollections.observableArrayList();
  private final StringProperty assistantStatus =
      new SimpleStringProperty(this, "assistantStatus", "");

  public InsightsViewModel(AppContext context, Supplier<AssistantSettings> assistantSettings) {
    this.context = context;
    this.assistantSettings = assistantSettings;
    this.work = new BackgroundWork(context);
    this.loads = work.lane();
    this.explanations = work.lane();
    selected.addListener((p, before, now) -> showDays(now));
    day.addListener((p, before, now) -> explain(now));
    this.shared = context.dataVersionProperty().subscribe((before, now) -> reload());
  }

  /** Reads the data and works the insights out again; a load still running is cancelled. */
  public BackgroundTask<?> reload() {
    var store = context.store();
    var rules = context.rules();
    var units = context.unitSystemProperty().get();
    LocalDate today = LocalDate.now(context.clock());
    status.set("Working out your insights...");
    return loads
        .task(progress -> {
          LocalDate to = QualityViewModel.latestDay(store.sources(), store.dayBoundaries(), today);
          LocalDate from = to.minusDays(DAYS - 1L);
          var data = InsightData.load(rules, store, from, to, progress::isCancelled);
          var report = Insights.of(data, from, to);
          DisplayFormat shown = new DisplayFormat(units);
          InsightText text = new InsightText(shown::full, shown::dayWithWeekday);
          List<Card> out = new ArrayList<>();
          for (Insight i : report.found()) {
            out.add(new Card(i, i.kind().id(), text.title(i), text.sentence(i)));
          }
          String summary =
              shown.day(from)
                  + " to "
                  + shown.day(to)
                  + ": "
                  + count(report.significantTrends().size(), "change", "changes")
                  + " larger than the day-to-day noise, "
                  + count(report.anomalies().size(), "day", "days")
                  + " outside the normal range, "
                  + count(report.correlations().size(), "correlation", "correlations")
                  + " (of "
                  + report.correlationsTested()
                  + " pairs and lags tested).";
          return new Loaded(to, out, summary);
        })
        .onSuccess(this::show)
        .onFailure("Could not work out the insights", status::set)
        .start();
  }

  private static String count(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  private record Loaded(LocalDate to, List<Card> cards, String summary) {}

  private void show(Loaded loaded) {
    cards.setAll(loaded.cards());
    status.set(loaded.summary());
    List<LocalDate> recent = new ArrayList<>();
    LocalDate monday = loaded.to().with(DayOfWeek.MONDAY);
    for (int i = 0; i < 12; i++) {
      recent.add(monday.minusWeeks(i));
    }
    weeks.setAll(recent);
    if (week.get() == null || !recent.contains(week.get())) {
      week.set(recent.getFirst());
    }
    if (selected.get() != null && !cards.contains(selected.get())) {
      selected.set(null);
    }
  }

  private void showDays(Card card) {
    days.setAll(card == null ? List.of() : card.insight().evidence());
    day.set(card == null || days.isEmpty() ? null : days.getFirst());
  }

  private void explain(Evidence e) {
    if (e == null) {
      explanation.set("");
      return;
    }
    var rules = context.rules();
    var format = new DisplayFormat(context.unitSystemProperty().get());
    explanations
        .task(progress -> ExplanationText.render(rules.explain(e.metric(), e.date()), format))
        .onSuccess(explanation::set)
        .onFailure("Could not explain " + e.date(), explanation::set)
        .start();
  }

  /** The week starting {@code monday} as the screen shows it: its first and last day. */
  public String weekText(LocalDate monday) {
    DisplayFormat format = new DisplayFormat(context.unitSystemProperty().get());
    return format.days(monday, monday.plusDays(6));
  }

  /** The file name offered for the chosen week's report: its ISO week, so files sort by week. */
  public String reportFileName(String extension) {
    return "openvitals-" + WeeklyReport.weekOf(week.get()) + "." + extension;
  }

  /** Writes the chosen week's report (PDF when the name ends in .pdf, else HTML). */
  public BackgroundTask<?> exportReport(Path file) {
    LocalDate monday = week.get();
    String shownWeek = weekText(monday);
    var store = context.store();
    var rules = context.rules();
    var format = new DisplayFormat(context.unitSystemProperty().get());
    status.set("Writing the report of " + shownWeek + "...");
    return work.task(
            progress -> {
              var data =
                  InsightData.load(
                      rules,
                      store,
                      WeeklyReport.dataFrom(monday),
                      monday.plusDays(6),
                      progress::isCancelled);
              WeeklyReport.of(
                      monday,
                      data,
                      e -> ExplanationText.render(rules.explain(e.metric(), e.date()), format))
                  .write(file);
              return file;
            })
        .onSuccess(f -> status.set("Wrote the report of " + shownWeek + " to " + f + "."))
        .onFailure("Could not write the report", status::set)
        .start();
  }

  /**
   * The assistant's settings as they are now (Settings may change them while this screen lives).
   */
  public AssistantSettings assistantSettings() {
    return assistantSettings.get();
  }

  /** Whether the assistant may be asked: on, complete, and its host confirmed if elsewhere. */
  public boolean assistantReady() {
    return assistantSettings.get().refusal() == null;
  }

  /** What the assistant needs before it can answer (null when ready). */
  public String assistantNeeds() {
    AssistantSettings s = assistantSettings.get();
    if (!s.enabled()) {
      return "The assistant answers questions in plain language with a language model that runs on"
          + " this computer (Ollama, llama.cpp's server, LM Studio). It needs the server's address"
          + " and a model name; turn it on in Settings. Nothing is sent anywhere until then.";
    }
    return s.refusal();
  }

  /** Loads the conversation kept in the data folder. */
  public void loadConversation() {
    answers.setAll(new Conversations(context.storeConfig().dataDir()).load());
  }

  /** Asks the assistant; the answer, with its tool calls, joins the conversation. */
  public BackgroundTask<?> ask(String question) {
    AssistantSettings settings = assistantSettings.get();
    var tools =
        new AssistantTools(
            context.store(),
            context.rules(),
            new DisplayFormat(context.unitSystemProperty().get()));
    var before = List.copyOf(answers);
    var conversations = new Conversations(context.storeConfig().dataDir());
    assistantStatus.set("Asking " + settings.model() + "...");
    return work.task(
            progress -> {
              Answer a =
                  new Assistant(settings, tools, context.clock())
                      .ask(question, before, progress::isCancelled);
              conversations.append(a);
              return a;
            })
        .interruptible()
        .onSuccess(a -> {
          answers.add(a);
          assistantStatus.set("");
        })
        .onFailure("The assistant could not answer", assistantStatus::set)
        .start();
  }

  public ObservableList<Card> cards() {
    return cards;
  }

  public ObjectProperty<Card> selectedProperty() {
    return selected;
  }

  public ObservableList<Evidence> days() {
    return days;
  }

  public ObjectProperty<Evidence> dayProperty() {
    return day;
  }

  public StringProperty explanationProperty() {
    return explanation;
  }

  public StringProperty statusProperty() {
    return status;
  }

  public ObservableList<LocalDate> weeks() {
    return weeks;
  }

  /** The Monday of the week whose report is exported. */
  public ObjectProperty<LocalDate> weekProperty() {
    return week;
  }

  public ObservableList<Answer> answers() {
    return answers;
  }

  public StringProperty assistantStatusProperty() {
    return assistantStatus;
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return work.busyProperty();
  }

  public AppContext context() {
    return context;
  }

  @Override
  public void dispose() {
    shared.unsubscribe();
    work.dispose();
  }
}
