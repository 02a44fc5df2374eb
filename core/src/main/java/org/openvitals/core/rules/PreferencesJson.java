package org.openvitals.core.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.DeviceClass;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;

/**
 * The JSON form of {@link SourcePreferences}, for export, import and storage. Ids are the stable
 * ones used everywhere else (category and metric ids, {@code provider/name} source keys), so a file
 * stays readable and editable by hand:
 *
 * <pre>{@code
 * {"format": "openvitals-preferences/1", "version": 3, "savedAt": "2024-05-01T10:00:00Z",
 *  "categories": {"activity": ["apple_health/Anna's Apple Watch", "apple_health/iPhone"]},
 *  "metrics": {"steps": ["apple_health/iPhone"]},
 *  "deviceClasses": {"apple_health/iPhone": "phone"}}
 * }</pre>
 */
public final class PreferencesJson {
  public static final String FORMAT = "openvitals-preferences/1";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private PreferencesJson() {}

  public static String write(SourcePreferences prefs) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", prefs.version());
    if (prefs.savedAt() != null) {
      root.put("savedAt", prefs.savedAt().toString());
    }
    ObjectNode cats = root.putObject("categories");
    prefs.categories().forEach((c, list) -> sources(cats.putArray(c.id()), list));
    ObjectNode metrics = root.putObject("metrics");
    prefs.metricOverrides().forEach((m, list) -> sources(metrics.putArray(m.id()), list));
    ObjectNode classes = root.putObject("deviceClasses");
    prefs.deviceClasses().forEach((s, c) -> classes.put(s.key(), c.id()));
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A tree of strings always serialises", e);
    }
  }

  /**
   * Reads preferences; every problem is reported with the JSON path it was found at.
   *
   * @throws IllegalArgumentException naming the offending field
   */
  public static SourcePreferences read(String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "Preferences are not valid JSON (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + "): "
              + e.getOriginalMessage(),
          e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("Preferences must be a JSON object");
    }
    String format = root.path("format").asText(null);
    if (!FORMAT.equals(format)) {
      throw new IllegalArgumentException(
          "$.format: expected '" + FORMAT + "', got " + root.path("format"));
    }
    int version = root.path("version").asInt(0);
    Instant savedAt = savedAt(root);
    Map<Category, List<SourceRef>> cats = new EnumMap<>(Category.class);
    for (var e : fields(root, "categories")) {
      Category c = parse("$.categories." + e.getKey(), () -> Category.fromId(e.getKey()));
      cats.put(c, sourceList("$.categories." + e.getKey(), e.getValue()));
    }
    Map<MetricType, List<SourceRef>> metrics = new EnumMap<>(MetricType.class);
    for (var e : fields(root, "metrics")) {
      MetricType m = parse("$.metrics." + e.getKey(), () -> MetricType.fromId(e.getKey()));
      metrics.put(m, sourceList("$.metrics." + e.getKey(), e.getValue()));
    }
    Map<SourceRef, DeviceClass> classes = new HashMap<>();
    for (var e : fields(root, "deviceClasses")) {
      String path = "$.deviceClasses['" + e.getKey() + "']";
      SourceRef s = parse(path, () -> SourceRef.parseKey(e.getKey()));
      classes.put(s, parse(path, () -> DeviceClass.fromId(e.getValue().asText())));
    }
    return parse("$", () -> new SourcePreferences(version, savedAt, cats, metrics, classes));
  }

  private static Instant savedAt(JsonNode root) {
    if (!root.hasNonNull("savedAt")) {
      return null;
    }
    try {
      return Instant.parse(root.get("savedAt").asText());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("$.savedAt: not an instant: " + root.get("savedAt"), e);
    }
  }

  private static void sources(ArrayNode array, List<SourceRef> list) {
    list.forEach(s -> array.add(s.key()));
  }

  private static List<Map.Entry<String, JsonNode>> fields(JsonNode root, String name) {
    JsonNode node = root.path(name);
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (!node.isObject()) {
      throw new IllegalArgumentException("$." + name + ": expected an object");
    }
    List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  private static List<SourceRef> sourceList(String path, JsonNode array) {
    if (!array.isArray()) {
      throw new IllegalArgumentException(path + ": expected an array of provider/name sources");
    }
    List<SourceRef> out = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String at = path + "[" + i + "]";
      JsonNode item = array.get(i);
      if (!item.isTextual()) {
        throw new IllegalArgumentException(at + ": expected a provider/name string");
      }
      out.add(parse(at, () -> SourceRef.parseKey(item.asText())));
    }
    return out;
  }

  private static <T> T parse(String path, java.util.function.Supplier<T> parser) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
    }
  }
}
