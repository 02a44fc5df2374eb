package org.openvitals.app.assistant;

import dev.langchain4j.model.catalog.ModelDescription;
import dev.langchain4j.model.ollama.OllamaModel;
import dev.langchain4j.model.ollama.OllamaModels;
import dev.langchain4j.model.openai.OpenAiModelCatalog;
import java.time.Duration;
import java.util.List;

/**
 * Settings' connection test: asks the model server which models it has (Ollama's {@code /api/tags},
 * the OpenAI-compatible {@code /models}) and whether the chosen one is among them. It sends no
 * question and no health data, and nothing at all while {@link AssistantSettings#refusal()} says
 * why not.
 */
public final class ModelServer {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private ModelServer() {}

  /**
   * One sentence saying the server answered and has the model.
   *
   * @throws AssistantException with a sentence when nothing may be sent, the server does not
   *     answer, or it does not have the model
   */
  public static String check(AssistantSettings settings) {
    String refusal = settings.refusal();
    if (refusal != null) {
      throw new AssistantException(refusal);
    }
    List<String> models;
    try {
      models = models(settings);
    } catch (RuntimeException e) {
      throw new AssistantException(
          "No answer from "
              + settings.url()
              + " ("
              + settings.api().label()
              + "): "
              + e.getMessage(),
          e);
    }
    if (!has(models, settings.model())) {
      throw new AssistantException(
          settings.url()
              + " answered, but has no model '"
              + settings.model()
              + "'"
              + (models.isEmpty() ? "." : "; it has: " + String.join(", ", models) + "."));
    }
    return "Connected: " + settings.url() + " has the model '" + settings.model() + "'.";
  }

  /** Ollama names carry a tag ({@code llama3.1:latest}); a name without one means latest. */
  static boolean has(List<String> models, String model) {
    return models.contains(model) || (!model.contains(":") && models.contains(model + ":latest"));
  }

  private static List<String> models(AssistantSettings s) {
    return switch (s.api()) {
      case OLLAMA ->
          OllamaModels.builder()
              .baseUrl(s.url())
              .timeout(TIMEOUT)
              .maxRetries(0)
              .build()
              .availableModels()
              .content()
              .stream()
              .map(OllamaModel::getName)
              .toList();
      case OPENAI_COMPATIBLE ->
          OpenAiModelCatalog.builder()
              .baseUrl(s.url())
              .apiKey("not-needed")
              .connectTimeout(TIMEOUT)
              .readTimeout(TIMEOUT)
              .build()
              .listModels()
              .stream()
              .map(ModelDescription::name)
              .toList();
    };
  }
}
