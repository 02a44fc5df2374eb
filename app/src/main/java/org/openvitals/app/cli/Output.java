package org.openvitals.app.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Shared output helpers: aligned text tables for people, JSON for scripts. */
final class Output {
  /** Made at the first {@link #json}, so that {@link #jsonLine} alone loads no databind. */
  private static final class Pretty {
    static final ObjectMapper MAPPER =
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  private Output() {}

  static void json(PrintWriter out, Object value) {
    try {
      out.println(Pretty.MAPPER.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write JSON output", e);
    }
  }

  /**
   * Maps, collections, strings, numbers, booleans and nulls as one line of JSON, as Jackson's
   * object mapper writes them, with its streaming API alone: an import's report is printed after
   * the import, where making an object mapper (some 350 classes) would be most of the wait that
   * follows it (docs/architecture.md, "Start-up of the command line").
   */
  static String jsonLine(Object value) {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = LINE.createGenerator(text)) {
      write(json, value);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write JSON output", e);
    }
    return text.toString();
  }

  private static final JsonFactory LINE = new JsonFactory();

  /**
   * An if-chain rather than a pattern switch: the JDK makes a pattern switch's class at its first
   * run (with its class-file API, some 20 classes not in the start-up cache), which an import's
   * report would pay after the import.
   */
  private static void write(JsonGenerator json, Object value) throws IOException {
    if (value == null) {
      json.writeNull();
    } else if (value instanceof String s) {
      json.writeString(s);
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b);
    } else if (value instanceof Integer i) {
      json.writeNumber(i);
    } else if (value instanceof Long l) {
      json.writeNumber(l);
    } else if (value instanceof Double d) {
      json.writeNumber(d);
    } else if (value instanceof Map<?, ?> map) {
      json.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        json.writeFieldName(String.valueOf(e.getKey()));
        write(json, e.getValue());
      }
      json.writeEndObject();
    } else if (value instanceof Collection<?> items) {
      json.writeStartArray();
      for (Object item : items) {
        write(json, item);
      }
      json.writeEndArray();
    } else {
      throw new IllegalArgumentException(
          "No JSON form for " + value.getClass().getName() + ": " + value);
    }
  }

  /** Columns padded to their widest cell; the last column is not padded. */
  static void table(PrintWriter out, List<String> header, List<List<String>> rows) {
    int[] widths = new int[header.size()];
    for (List<String> row : concat(header, rows)) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    for (List<String> row : concat(header, rows)) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        String cell = row.get(i);
        line.append(i == row.size() - 1 ? cell : pad(cell, widths[i] + 2));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  private static List<List<String>> concat(List<String> header, List<List<String>> rows) {
    return java.util.stream.Stream.concat(java.util.stream.Stream.of(header), rows.stream())
        .toList();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }
}
