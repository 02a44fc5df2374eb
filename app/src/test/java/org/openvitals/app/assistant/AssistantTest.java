package org.openvitals.app.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.context.UnitSystem;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.Sample;
import org.openvitals.core.model.SourceRef;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;
import org.openvitals.core.time.DayBoundaries;

/** The assistant against a scripted OpenAI-compatible server on 127.0.0.1. */
class AssistantTest {
  private static final SourceRef WATCH = new SourceRef("apple_health", "Apple Watch");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;
  SampleStore store;
  FakeOpenAiServer server;
  AssistantTools tools;

  @BeforeEach
  void setUp() throws Exception {
    store = Stores.open(StoreConfig.sqlite(dir));
    store.setDayBoundaries(new DayBoundaries.FixedZone(ZoneId.of("UTC")));
    double[] rhr = {57, 61, 59};
    for (int i = 0; i < rhr.length; i++) {
      var at = LocalDate.of(2026, 11, 1 + i).atTime(7, 0).atOffset(ZoneOffset.UTC);
      store.upsert(List.of(Sample.of(MetricType.RESTING_HEART_RATE, at, at, rhr[i], WATCH)));
    }
    tools =
        new AssistantTools(
            store, new RulesService(store, CLOCK), new DisplayFormat(UnitSystem.METRIC));
    server = new FakeOpenAiServer();
  }

  @AfterEach
  void tearDown() {
    server.close();
    store.close();
  }

  private Assistant assistant() {
    return new Assistant(
        new AssistantSettings(
            true, AssistantSettings.Api.OPENAI_COMPATIBLE, server.baseUrl(), "fake", ""),
        tools,
        CLOCK);
  }

  @Test
  void aQuestionLeadsToToolCallsAndTheAnswerCitesTheirFigures() {
    server
        .then(request -> {
          assertThat(request.get("tools").toString()).contains("daily_values", "list_metrics");
          return FakeOpenAiServer.toolCall(
              "call_1",
              "daily_values",
              "{\"metric\":\"resting_heart_rate\",\"from\":\"2026-11-01\",\"to\":\"2026-11-03\"}");
        })
        .then(request -> {
          // The "model" reads the figures the tool returned and cites them.
          JsonNode days = read(FakeOpenAiServer.lastToolResult(request));
          double sum = 0;
          StringBuilder cited = new StringBuilder();
          for (JsonNode d : days) {
            sum += d.get("value").asDouble();
            cited
                .append(d.get("date").asText())
                .append(' ')
                .append(d.get("value").asText())
                .append("; ");
          }
          return FakeOpenAiServer.text(
              "Your resting heart rate averaged "
                  + sum / days.size()
                  + " bpm over "
                  + days.size()
                  + " days ("
                  + cited
                  + ").");
        });

    Answer answer =
        assistant()
            .ask(
                "What was my resting heart rate at the start of November?", List.of(), () -> false);

    assertThat(answer.text()).contains("averaged 59.0 bpm over 3 days", "2026-11-02 61");
    assertThat(answer.calls())
        .singleElement()
        .satisfies(call -> {
          assertThat(call.tool()).isEqualTo("daily_values");
          assertThat(call.outcome()).isEqualTo(ToolCall.Outcome.OK);
          assertThat(call.result())
              .contains("\"value\":57", "\"value\":61", "\"value\":59", "apple_health/Apple Watch");
        });
    assertThat(server.requests).hasSize(2);
    assertThat(server.requests.getFirst().toString()).contains("What was my resting heart rate");
  }

  @Test
  void aToolErrorIsReportedToTheModelAndShown() {
    server
        .then(r ->
            FakeOpenAiServer.toolCall(
                "call_1",
                "summary",
                "{\"metric\":\"mood\",\"from\":\"2026-11-01\",\"to\":\"2026-11-03\"}"))
        .then(r ->
            FakeOpenAiServer.text("I could not read that: " + FakeOpenAiServer.lastToolResult(r)));

    Answer answer = assistant().ask("How was my mood?", List.of(), () -> false);

    assertThat(answer.calls())
        .singleElement()
        .satisfies(call -> {
          assertThat(call.outcome()).isEqualTo(ToolCall.Outcome.ERROR);
          assertThat(call.result()).contains("Unknown metric 'mood'");
        });
    assertThat(FakeOpenAiServer.lastToolResult(server.requests.get(1)))
        .startsWith("ERROR: Unknown metric 'mood'");
    assertThat(answer.text()).contains("Unknown metric 'mood'");
  }

  @Test
  void aToolOutsideItsToolsIsRefusedAndReadsNothing() {
    server
        .then(r ->
            FakeOpenAiServer.toolCall(
                "call_1", "read_file", "{\"path\":\"" + dir.resolve("openvitals.db") + "\"}"))
        .then(r -> FakeOpenAiServer.text("I cannot read files."));

    Answer answer = assistant().ask("Send me the database file", List.of(), () -> false);

    assertThat(answer.calls())
        .singleElement()
        .satisfies(call -> {
          assertThat(call.tool()).isEqualTo("read_file");
          assertThat(call.outcome()).isEqualTo(ToolCall.Outcome.REFUSED);
          assertThat(call.result()).contains("not one of your tools", "daily_values");
        });
    String told = FakeOpenAiServer.lastToolResult(server.requests.get(1));
    assertThat(told).startsWith("ERROR: Refused").doesNotContain("SQLite");
  }

  @Test
  void aRangeTooLongOrATooChattyModelEndsWithASentence() {
    assertThat(
            tools.run(
                "daily_values",
                "{\"metric\":\"steps\",\"from\":\"2020-01-01\",\"to\":\"2026-01-01\"}"))
        .satisfies(r -> assertThat(r.error()).isTrue())
        .satisfies(r -> assertThat(r.json()).contains("at most 366 days"));
    for (int i = 0; i < Assistant.MAX_ROUNDS; i++) {
      server.then(r -> FakeOpenAiServer.toolCall("c", "list_sources", "{}"));
    }
    assertThatThrownBy(() -> assistant().ask("Loop", List.of(), () -> false))
        .isInstanceOf(AssistantException.class)
        .hasMessageContaining("kept calling tools");
  }

  @Test
  void nothingIsSentUntilEnabledAndAHostElsewhereNeedsItsNameConfirmed() {
    AssistantSettings off =
        new AssistantSettings(
            false, AssistantSettings.Api.OPENAI_COMPATIBLE, server.baseUrl(), "fake", "");
    assertThatThrownBy(() -> new Assistant(off, tools, CLOCK).ask("Hello", List.of(), () -> false))
        .isInstanceOf(AssistantException.class)
        .hasMessageContaining("The assistant is off");
    assertThat(server.requests).isEmpty();

    AssistantSettings remote =
        new AssistantSettings(
            true, AssistantSettings.Api.OLLAMA, "http://models.example.org:11434", "llama", "");
    assertThat(remote.local()).isFalse();
    assertThat(remote.refusal()).contains("models.example.org is not on this computer");
    assertThatThrownBy(
            () -> new Assistant(remote, tools, CLOCK).ask("Hello", List.of(), () -> false))
        .hasMessageContaining("models.example.org");
    assertThat(remote.withConfirmedHost("other.example.org").refusal()).isNotNull();
    assertThat(remote.withConfirmedHost("models.example.org").refusal()).isNull();
    // A private address of another machine is elsewhere too; loopback and localhost are here.
    assertThat(
            new AssistantSettings(
                    true, AssistantSettings.Api.OLLAMA, "http://192.0.2.7:11434", "m", "")
                .local())
        .isFalse();
    assertThat(
            new AssistantSettings(
                    true, AssistantSettings.Api.OLLAMA, "http://localhost:11434", "m", "")
                .local())
        .isTrue();
    assertThat(
            new AssistantSettings(true, AssistantSettings.Api.OLLAMA, "http://[::1]:11434", "m", "")
                .local())
        .isTrue();
    assertThat(
            new AssistantSettings(true, AssistantSettings.Api.OLLAMA, "ftp://127.0.0.1/", "m", "")
                .refusal())
        .contains("not an http");
  }

  @Test
  void theConversationIsKeptInTheDataFolder() {
    Conversations conversations = new Conversations(dir);
    Answer a =
        new Answer(
            CLOCK.instant(),
            "Q?",
            "A.",
            List.of(new ToolCall("list_sources", "{}", "[]", ToolCall.Outcome.OK)));
    conversations.append(a);
    assertThat(new Conversations(dir).load()).containsExactly(a);
    assertThat(dir.resolve("assistant/conversation.json")).exists();
    conversations.clear();
    assertThat(conversations.load()).isEmpty();
  }

  private static JsonNode read(String json) {
    try {
      return FakeOpenAiServer.JSON.readTree(json);
    } catch (Exception e) {
      throw new AssertionError(json, e);
    }
  }
}
