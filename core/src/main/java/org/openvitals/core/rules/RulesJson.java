package org.openvitals.core.rules;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import org.openvitals.core.model.Category;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.model.SourceRef;

/**
 * JSON for rule results ({@link Explanation}, {@link ResolvedDay}): metrics and categories by their
 * ids, sources as {@code provider/name}, times in ISO-8601 with their offsets, and missing numbers
 * (NaN) as null.
 */
public final class RulesJson {
  private static final ObjectMapper MAPPER = create();

  private RulesJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static String write(Object value) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Rule results always serialise: " + e.getMessage(), e);
    }
  }

  private static ObjectMapper create() {
    SimpleModule ids = new SimpleModule("openvitals-ids");
    ids.addSerializer(MetricType.class, text(MetricType::id));
    ids.addKeySerializer(MetricType.class, key(MetricType::id));
    ids.addSerializer(Category.class, text(Category::id));
    ids.addSerializer(SourceRef.class, text(SourceRef::key));
    ids.addKeySerializer(SourceRef.class, key(SourceRef::key));
    ids.addSerializer(Double.class, new NanAsNull());
    ids.addSerializer(double.class, new NanAsNull());
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .registerModule(ids)
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DATES_WITH_CONTEXT_TIME_ZONE);
  }

  private static <T> JsonSerializer<T> text(java.util.function.Function<T, String> f) {
    return new JsonSerializer<>() {
      @Override
      public void serialize(T value, JsonGenerator gen, SerializerProvider p) throws IOException {
        gen.writeString(f.apply(value));
      }
    };
  }

  private static <T> JsonSerializer<T> key(java.util.function.Function<T, String> f) {
    return new JsonSerializer<>() {
      @Override
      public void serialize(T value, JsonGenerator gen, SerializerProvider p) throws IOException {
        gen.writeFieldName(f.apply(value));
      }
    };
  }

  private static final class NanAsNull extends JsonSerializer<Double> {
    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider p)
        throws IOException {
      if (value == null || value.isNaN() || value.isInfinite()) {
        gen.writeNull();
      } else {
        gen.writeNumber(value);
      }
    }
  }
}
