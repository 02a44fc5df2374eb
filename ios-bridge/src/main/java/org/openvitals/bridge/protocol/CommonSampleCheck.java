package org.openvitals.bridge.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A quick yes for the two sample forms that make up nearly every batch, QuantitySample and
 * CategorySample, so that the JSON Schema library need not walk thousands of samples one keyword at
 * a time. It only ever says "valid" or "cannot tell": a sample it cannot vouch for goes to the
 * schema, which stays the one judge of what is wrong and how the answer says so. Its patterns,
 * field names and limits are read from the schema itself; what it hard-codes is which of them apply
 * where, and {@code CommonSampleCheckTest} checks, over the vectors and mutations of them, that it
 * never accepts what the schema refuses.
 */
final class CommonSampleCheck {
  /** The schema's Uuid and DateTime patterns as this check was written for them. */
  static final String UUID_PATTERN =
      "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$";

  static final String DATE_TIME_PATTERN =
      "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?(Z|[+-]\\d{2}:\\d{2})$";

  private final Predicate<String> uuid;
  private final Predicate<String> dateTime;
  private final Form quantity;
  private final Form category;
  private final Length unit;
  private final Set<String> sourceFields;
  private final Length sourceName;
  private final Set<String> deviceFields;
  private final Length shortText;
  private final int metadataMaxProperties;
  private final Length metadataValue;

  /** A string's minLength and maxLength (0 and unbounded when the schema gives none). */
  private record Length(int min, int max) {
    static Length of(JsonNode def) {
      return new Length(
          def.path("minLength").asInt(0), def.path("maxLength").asInt(Integer.MAX_VALUE));
    }

    /** The schema counts code points, never more than Java's chars: short enough in chars is. */
    boolean holds(JsonNode v) {
      return v.isTextual() && v.textValue().length() >= min && v.textValue().length() <= max;
    }
  }

  /** What differs between the two forms: the type's pattern, the fields, the value's kind. */
  private record Form(
      Pattern type, int typeMax, Set<String> required, Set<String> allowed, boolean integer) {}

  CommonSampleCheck(JsonNode defs) {
    // Every sample has three of these; matched by hand they cost a tenth of the regular
    // expression. By hand only while the schema's pattern is the one the hand check was written
    // for (and CommonSampleCheckTest checks it never accepts what the pattern refuses).
    uuid = text(defs.at("/Uuid/pattern"), UUID_PATTERN, CommonSampleCheck::isUuid);
    dateTime = text(defs.at("/DateTime/pattern"), DATE_TIME_PATTERN, CommonSampleCheck::isDateTime);
    quantity = form(defs.get("QuantitySample"), false);
    category = form(defs.get("CategorySample"), true);
    unit = Length.of(defs.at("/QuantitySample/properties/unit"));
    sourceFields = names(defs.at("/Source/properties"));
    sourceName = Length.of(defs.at("/Source/properties/name"));
    deviceFields = names(defs.at("/Device/properties"));
    shortText = Length.of(defs.get("ShortText"));
    metadataMaxProperties = defs.at("/Metadata/maxProperties").intValue();
    metadataValue = Length.of(defs.at("/Metadata/additionalProperties"));
    if (!"integer".equals(defs.at("/CategorySample/properties/value/type").asText())
        || !"number".equals(defs.at("/QuantitySample/properties/value/type").asText())) {
      throw new IllegalStateException("The schema's sample values changed; update this check");
    }
  }

  private static Form form(JsonNode def, boolean integer) {
    Set<String> required = new HashSet<>();
    def.get("required").forEach(r -> required.add(r.asText()));
    return new Form(
        pattern(def.at("/properties/type/pattern")),
        def.at("/properties/type/maxLength").intValue(),
        Set.copyOf(required),
        names(def.get("properties")),
        integer);
  }

  private static Predicate<String> text(JsonNode p, String known, Predicate<String> byHand) {
    if (p.isTextual() && p.asText().equals(known)) {
      return byHand;
    }
    Pattern pattern = pattern(p);
    return t -> pattern.matcher(t).find();
  }

  /** 8-4-4-4-12 hexadecimal digits, as {@link #UUID_PATTERN}. */
  static boolean isUuid(String t) {
    if (t.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = t.charAt(i);
      boolean ok =
          i == 8 || i == 13 || i == 18 || i == 23
              ? c == '-'
              : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** {@code yyyy-MM-ddTHH:mm:ss}, up to nine decimals, then Z or ±hh:mm, as the pattern. */
  static boolean isDateTime(String t) {
    int n = t.length();
    if (n < 20
        || !digits(t, 0, 4)
        || t.charAt(4) != '-'
        || !digits(t, 5, 2)
        || t.charAt(7) != '-'
        || !digits(t, 8, 2)
        || t.charAt(10) != 'T'
        || !digits(t, 11, 2)
        || t.charAt(13) != ':'
        || !digits(t, 14, 2)
        || t.charAt(16) != ':'
        || !digits(t, 17, 2)) {
      return false;
    }
    int i = 19;
    if (t.charAt(i) == '.') {
      int decimals = 0;
      while (i + 1 + decimals < n && isDigit(t.charAt(i + 1 + decimals))) {
        decimals++;
      }
      if (decimals < 1 || decimals > 9) {
        return false;
      }
      i += 1 + decimals;
    }
    if (i == n - 1) {
      return t.charAt(i) == 'Z';
    }
    return i == n - 6
        && (t.charAt(i) == '+' || t.charAt(i) == '-')
        && digits(t, i + 1, 2)
        && t.charAt(i + 3) == ':'
        && digits(t, i + 4, 2);
  }

  private static boolean digits(String t, int from, int count) {
    for (int i = from; i < from + count; i++) {
      if (!isDigit(t.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static Pattern pattern(JsonNode p) {
    if (!p.isTextual()) {
      throw new IllegalStateException("The schema has no pattern where this check expects one");
    }
    return Pattern.compile(p.asText());
  }

  private static Set<String> names(JsonNode properties) {
    Set<String> names = new HashSet<>();
    properties.fieldNames().forEachRemaining(names::add);
    return Set.copyOf(names);
  }

  /** True only when the schema's Sample definition accepts {@code s}; false: ask the schema. */
  boolean surelyValid(JsonNode s) {
    if (!s.isObject()) {
      return false;
    }
    JsonNode type = s.get("type");
    if (type == null || !type.isTextual()) {
      return false;
    }
    String t = type.textValue();
    Form form =
        t.startsWith("HKQuantityTypeIdentifier")
            ? quantity
            : t.startsWith("HKCategoryTypeIdentifier") ? category : null;
    if (form == null || t.length() > form.typeMax() || !form.type().matcher(t).find()) {
      return false;
    }
    int present = 0;
    for (Map.Entry<String, JsonNode> field : s.properties()) {
      if (!form.allowed().contains(field.getKey())) {
        return false;
      }
      if (form.required().contains(field.getKey())) {
        present++;
      }
    }
    if (present != form.required().size()) {
      return false;
    }
    JsonNode value = s.get("value");
    JsonNode unitText = s.get("unit");
    return matches(uuid, s.get("uuid"))
        && matches(dateTime, s.get("start"))
        && matches(dateTime, s.get("end"))
        && (form.integer() ? value.isIntegralNumber() : value.isNumber())
        && (unitText == null || unit.holds(unitText))
        && source(s.get("source"))
        && device(s.get("device"))
        && metadata(s.get("metadata"));
  }

  private boolean source(JsonNode source) {
    if (!source.isObject()) {
      return false;
    }
    JsonNode name = source.get("name");
    if (name == null || !sourceName.holds(name)) {
      return false;
    }
    for (Map.Entry<String, JsonNode> field : source.properties()) {
      if (!sourceFields.contains(field.getKey())
          || (!field.getKey().equals("name") && !shortText.holds(field.getValue()))) {
        return false;
      }
    }
    return true;
  }

  private boolean device(JsonNode device) {
    if (device == null) {
      return true;
    }
    if (!device.isObject()) {
      return false;
    }
    for (Map.Entry<String, JsonNode> field : device.properties()) {
      if (!deviceFields.contains(field.getKey()) || !shortText.holds(field.getValue())) {
        return false;
      }
    }
    return true;
  }

  private boolean metadata(JsonNode metadata) {
    if (metadata == null) {
      return true;
    }
    if (!metadata.isObject() || metadata.size() > metadataMaxProperties) {
      return false;
    }
    for (JsonNode v : metadata) {
      if (!metadataValue.holds(v)) {
        return false;
      }
    }
    return true;
  }

  private static boolean matches(Predicate<String> p, JsonNode v) {
    return v.isTextual() && p.test(v.textValue());
  }
}
