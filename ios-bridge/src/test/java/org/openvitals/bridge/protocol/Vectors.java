package org.openvitals.bridge.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shared test vectors in ios-bridge/spec/vectors, which the Swift package runs too. */
public final class Vectors {
  public static final Path DIR = Path.of("spec", "vectors");
  private static final ObjectMapper JSON = new ObjectMapper();

  private Vectors() {}

  public static JsonNode read(String name) {
    try {
      return JSON.readTree(DIR.resolve(name).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every file under exchanges/, by name. */
  public static List<Path> exchanges() {
    try (Stream<Path> files = Files.list(DIR.resolve("exchanges"))) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
