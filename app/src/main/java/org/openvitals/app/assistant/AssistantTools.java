package org.openvitals.app.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvitals.app.format.DisplayFormat;
import org.openvitals.core.insights.InsightData;
import org.openvitals.core.insights.Insights;
import org.openvitals.core.insights.InsightsJson;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.rules.ExplanationText;
import org.openvitals.core.rules.ResolvedDay;
import org.openvitals.core.rules.RulesService;
import org.openvitals.core.store.SampleStore;
import org.openvitals.core.store.SourceSummary;

/**
 * The only ways the model sees data: small tools over the store, each returning JSON with the
 * figures it read. No tool reads files, runs commands or reaches the network; anything else the
 * model asks for is refused.
 */
public final class AssistantTools {
  /** Longest range one call may read, in days. */
  static final int MAX_DAYS = 366;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A tool's answer: JSON figures, or an error sentence the model is shown. */
  public record Result(String json, boolean error) {}

  private final SampleStore store;
  private final RulesService rules;

  /** Words explanations and names sources as the person's screens do. */
  private final DisplayFormat format;

  public AssistantTools(SampleStore store, RulesService rules, DisplayFormat format) {
    this.store = store;
    this.rules = rules;
    this.format = format;
  }

  public static List<ToolSpecification> specifications() {
    JsonObjectSchema none = JsonObjectSchema.builder().build();
    JsonObjectSchema range =
        JsonObjectSchema.builder()
            .addStringProperty("metric", "metric id from list_metrics, e.g. resting_heart_rate")
            .addStringProperty("from", "first day, YYYY-MM-DD")
            .addStringProperty("to", "last day, YYYY-MM-DD, at most 366 days after from")
            .required("metric", "from", "to")
            .build();
    return List.of(
        ToolSpecification.builder()
            .name("list_metrics")
            .description("The metric catalog: id, name, canonical unit, category.")
            .parameters(none)
            .build(),
        ToolSpecification.builder()
            .name("list_sources")
            .description(
                "The person's sources: key, name as the person knows it, kind of device, samples, first and last.")
            .parameters(none)
            .build(),
        ToolSpecification.builder()
            .name("daily_values")
            .description(
                "One merged value per day with data for a metric and range, with its unit and"
                    + " the source it came from.")
            .parameters(range)
            .build(),
        ToolSpecification.builder()
            .name("summary")
            .description(
                "Days with data, mean, minimum, maximum and total of a metric's daily values"
                    + " over a range.")
            .parameters(range)
            .build(),
        ToolSpecification.builder()
            .name("insights")
            .description(
                "Trends, days outside the normal range and correlations found from one day to"
                    + " another (JSON as 'openvitals insights --json').")
            .parameters(
                JsonObjectSchema.builder()
                    .addStringProperty("from", "first day, YYYY-MM-DD")
                    .addStringProperty("to", "last day, YYYY-MM-DD")
                    .required("from", "to")
                    .build())
            .build(),
        ToolSpecification.builder()
            .name("explain")
            .description("How one day's value of a metric was merged from the sources.")
            .parameters(
                JsonObjectSchema.builder()
                    .addStringProperty("metric", "metric id")
                    .addStringProperty("date", "YYYY-MM-DD")
                    .required("metric", "date")
                    .build())
            .build());
  }

  /** Whether {@code name} is one of the tools. */
  public static boolean known(String name) {
    return specifications().stream().anyMatch(s -> s.name().equals(name));
  }

  /** Runs a tool; a bad argument gives an error result, never an exception. */
  public Result run(String name, String arguments) {
    try {
      JsonNode args =
          arguments == null || arguments.isBlank()
              ? JSON.createObjectNode()
              : JSON.readTree(arguments);
      Object out =
          switch (name) {
            case "list_metrics" -> metrics();
            case "list_sources" -> sources();
            case "daily_values" -> daily(args);
            case "summary" -> summary(args);
            case "insights" -> insights(args);
            case "explain" ->
                Map.of(
                    "explanation",
                    ExplanationText.render(
                        rules.explain(metric(args), date(args, "date")), format));
            default -> throw new IllegalArgumentException("There is no tool named '" + name + "'");
          };
      return new Result(JSON.writeValueAsString(out), false);
    } catch (IllegalArgumentException | IOException e) {
      return new Result(e.getMessage(), true);
    }
  }

  private static List<Map<String, Object>> metrics() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (MetricType m : MetricType.values()) {
      out.add(
          Map.of(
              "id",
              m.id(),
              "name",
              m.displayName(),
              "unit",
              m.unit(),
              "category",
              m.category().name().toLowerCase()));
    }
    return out;
  }

  private List<Map<String, Object>> sources() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (SourceSummary s : store.sources()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("source", s.source().key());
      row.put("source_name", format.source(s.source()));
      row.put("device_class", s.deviceClass().name().toLowerCase());
      row.put("samples", s.sampleCount());
      row.put("first", s.first() == null ? null : s.first().toString());
      row.put("last", s.last() == null ? null : s.last().toString());
      out.add(row);
    }
    return out;
  }

  private List<Map<String, Object>> daily(JsonNode args) {
    MetricType metric = metric(args);
    List<Map<String, Object>> out = new ArrayList<>();
    for (ResolvedDay d : days(args, metric)) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("date", d.day().toString());
      row.put("value", round(d.value()));
      row.put("unit", metric.unit());
      row.put("source", d.primary().key());
      row.put("source_name", format.source(d.primary()));
      out.add(row);
    }
    return out;
  }

  private Map<String, Object> summary(JsonNode args) {
    MetricType metric = metric(args);
    var stats = days(args, metric).stream().mapToDouble(ResolvedDay::value).summaryStatistics();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("metric", metric.id());
    out.put("unit", metric.unit());
    out.put("days_with_data", stats.getCount());
    if (stats.getCount() > 0) {
      out.put("mean", round(stats.getAverage()));
      out.put("min", round(stats.getMin()));
      out.put("max", round(stats.getMax()));
      out.put("total", round(stats.getSum()));
    }
    return out;
  }

  private Map<String, Object> insights(JsonNode args) {
    LocalDate from = date(args, "from");
    LocalDate to = date(args, "to");
    checkRange(from, to);
    var report = Insights.of(InsightData.load(rules, store, from, to, () -> false), from, to);
    return InsightsJson.tree(report, false, false);
  }

  private List<ResolvedDay> days(JsonNode args, MetricType metric) {
    LocalDate from = date(args, "from");
    LocalDate to = date(args, "to");
    checkRange(from, to);
    return rules.daily(metric, from, to);
  }

  private static void checkRange(LocalDate from, LocalDate to) {
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("from " + from + " is after to " + to);
    }
    if (to.toEpochDay() - from.toEpochDay() + 1 > MAX_DAYS) {
      throw new IllegalArgumentException(
          "A range may span at most "
              + MAX_DAYS
              + " days; ask for "
              + from
              + " to "
              + from.plusDays(MAX_DAYS - 1L)
              + " and continue from there");
    }
  }

  private static MetricType metric(JsonNode args) {
    String id = text(args, "metric");
    return MetricType.byId(id)
        .orElseThrow(() ->
            new IllegalArgumentException(
                "Unknown metric '" + id + "'; list_metrics gives the ids"));
  }

  private static LocalDate date(JsonNode args, String field) {
    String value = text(args, field);
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + value + "' in " + field + " is not a date (YYYY-MM-DD)");
    }
  }

  private static String text(JsonNode args, String field) {
    JsonNode n = args.get(field);
    if (n == null || !n.isTextual()) {
      throw new IllegalArgumentException("Missing argument '" + field + "'");
    }
    return n.asText();
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
