package org.openvitals.app.assistant;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.openvitals.core.store.PrivateFiles;

/**
 * The assistant's conversation, kept in the data folder ({@value #FOLDER}/conversation.json) so it
 * stays with the data it is about, and is deleted with everything else (Settings' Delete all data
 * removes the folder).
 */
public final class Conversations {
  /** The folder in the data folder that holds the assistant's files. */
  public static final String FOLDER = "assistant";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final Path file;

  public Conversations(Path dataFolder) {
    this.file = dataFolder.resolve(FOLDER).resolve("conversation.json");
  }

  public List<Answer> load() {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      return JSON.readValue(file.toFile(), new TypeReference<List<Answer>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the assistant's conversation " + file + ": " + e.getMessage(), e);
    }
  }

  /** Adds an answer, written atomically. */
  public List<Answer> append(Answer answer) {
    List<Answer> all = new ArrayList<>(load());
    all.add(answer);
    try {
      PrivateFiles.createFolder(file.getParent());
      Path part = file.resolveSibling(file.getFileName() + ".part");
      JSON.writeValue(part.toFile(), all);
      Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot save the assistant's conversation in " + file + ": " + e.getMessage(), e);
    }
    return all;
  }

  public void clear() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + file + ": " + e.getMessage(), e);
    }
  }
}
