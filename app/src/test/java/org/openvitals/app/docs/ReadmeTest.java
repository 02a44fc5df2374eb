package org.openvitals.app.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openvitals.core.model.MetricType;

/** The README documents the command-line contract; its metric table must match the catalog. */
class ReadmeTest {

  @Test
  void theMetricTableListsExactlyTheCatalog() throws IOException {
    String readme = Files.readString(readme());
    String table =
        readme.substring(
            readme.indexOf("<!-- metric-table:start"), readme.indexOf("<!-- metric-table:end"));
    List<String> documented =
        table.lines().filter(l -> l.startsWith("| `")).map(String::strip).toList();

    List<String> expected = Arrays.stream(MetricType.values()).map(ReadmeTest::row).toList();

    assertThat(documented)
        .as(
            "README metric table; replace it with:%n%s",
            expected.stream().collect(Collectors.joining(System.lineSeparator())))
        .containsExactlyElementsOf(expected);
  }

  @Test
  void quickStartHasExactlyTheTwoCommands() throws IOException {
    String readme = Files.readString(readme());
    String quickStart =
        readme.substring(readme.indexOf("## Quick start"), readme.indexOf("## Command line"));
    String block =
        quickStart.substring(
            quickStart.indexOf("```sh") + 5,
            quickStart.indexOf("```", quickStart.indexOf("```sh") + 5));

    assertThat(block.lines().filter(l -> !l.isBlank()).map(l -> l.split("#")[0].strip()))
        .containsExactly("./openvitals", "./mvnw verify");
  }

  private static String row(MetricType m) {
    return "| `%s` | `%s` | %s | %s | %s |"
        .formatted(
            m.id(),
            m.unit(),
            m.category().id(),
            m.aggregation().name().toLowerCase(Locale.ROOT),
            m.displayName());
  }

  private static Path readme() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("app"))) {
        return dir.resolve("README.md");
      }
    }
    throw new IllegalStateException("README.md not found above " + Path.of("").toAbsolutePath());
  }
}
