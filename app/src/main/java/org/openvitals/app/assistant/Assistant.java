package org.openvitals.app.assistant;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Answers a question with a language model the person runs or chooses, through {@link
 * AssistantTools} only: the model asks for figures by calling tools, we run them and hand back
 * their JSON, and every call is kept with the answer. LangChain4j speaks the server's API (OpenAI
 * compatible or Ollama); the loop of tool calls is ours so that an unknown tool is refused and
 * recorded rather than dropped.
 *
 * <p>Privacy: {@link #ask} sends nothing while {@link AssistantSettings#refusal()} says why not
 * (off, incomplete, or a server elsewhere whose host was not confirmed by name).
 */
public final class Assistant {
  /** Rounds of tool calls before the model must answer. */
  static final int MAX_ROUNDS = 8;

  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  private final AssistantSettings settings;
  private final AssistantTools tools;
  private final Clock clock;

  public Assistant(AssistantSettings settings, AssistantTools tools, Clock clock) {
    this.settings = settings;
    this.tools = tools;
    this.clock = clock;
  }

  /**
   * The answer to {@code question}, after the conversation so far.
   *
   * @throws AssistantException when nothing may be sent, the server fails, or it keeps calling
   *     tools
   */
  public Answer ask(String question, List<Answer> before, BooleanSupplier cancelled) {
    String refusal = settings.refusal();
    if (refusal != null) {
      throw new AssistantException(refusal);
    }
    ChatModel model = model(settings);
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(SystemMessage.from(instructions(LocalDate.now(clock))));
    for (Answer a : before) {
      messages.add(UserMessage.from(a.question()));
      messages.add(AiMessage.from(a.text()));
    }
    messages.add(UserMessage.from(question));
    List<ToolCall> calls = new ArrayList<>();
    for (int round = 0; round < MAX_ROUNDS; round++) {
      if (cancelled.getAsBoolean()) {
        throw new AssistantException("Cancelled.");
      }
      AiMessage reply;
      try {
        reply =
            model
                .chat(
                    ChatRequest.builder()
                        .messages(messages)
                        .toolSpecifications(AssistantTools.specifications())
                        .build())
                .aiMessage();
      } catch (RuntimeException e) {
        throw new AssistantException(
            "The model server at " + settings.url() + " did not answer: " + e.getMessage(), e);
      }
      messages.add(reply);
      if (!reply.hasToolExecutionRequests()) {
        return new Answer(
            clock.instant(), question, reply.text() == null ? "" : reply.text(), calls);
      }
      for (ToolExecutionRequest request : reply.toolExecutionRequests()) {
        ToolCall call = run(request);
        calls.add(call);
        messages.add(
            ToolExecutionResultMessage.from(
                request,
                call.outcome() == ToolCall.Outcome.OK ? call.result() : "ERROR: " + call.result()));
      }
    }
    throw new AssistantException(
        "The model kept calling tools (" + calls.size() + " calls) without answering.");
  }

  private ToolCall run(ToolExecutionRequest request) {
    if (!AssistantTools.known(request.name())) {
      return new ToolCall(
          request.name(),
          request.arguments(),
          "Refused: '"
              + request.name()
              + "' is not one of your tools. You can only use: "
              + String.join(
                  ", ", AssistantTools.specifications().stream().map(s -> s.name()).toList()),
          ToolCall.Outcome.REFUSED);
    }
    AssistantTools.Result r = tools.run(request.name(), request.arguments());
    return new ToolCall(
        request.name(),
        request.arguments(),
        r.json(),
        r.error() ? ToolCall.Outcome.ERROR : ToolCall.Outcome.OK);
  }

  static String instructions(LocalDate today) {
    return "You answer questions about one person's health data, kept on their own computer by"
        + " OpenVitals. Today is "
        + today
        + ". Get every figure from your tools; never guess or"
        + " invent one. Say which days and figures your answer rests on, with units, and how many"
        + " days. Describe associations carefully: a correlation is not a cause. You are not a"
        + " doctor: for anything worrying, suggest seeing one.";
  }

  static ChatModel model(AssistantSettings s) {
    return switch (s.api()) {
      case OPENAI_COMPATIBLE ->
          OpenAiChatModel.builder()
              .baseUrl(s.url())
              .apiKey("not-needed")
              .modelName(s.model())
              .timeout(TIMEOUT)
              .maxRetries(0)
              .build();
      case OLLAMA ->
          OllamaChatModel.builder()
              .baseUrl(s.url())
              .modelName(s.model())
              .timeout(TIMEOUT)
              .maxRetries(0)
              .build();
    };
  }
}
