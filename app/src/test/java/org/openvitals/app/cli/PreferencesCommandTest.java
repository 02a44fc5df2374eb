package org.openvitals.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.Main;

class PreferencesCommandTest {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  Run run(Path dataDir, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 2];
    all[0] = "--data-dir";
    all[1] = dataDir.toString();
    System.arraycopy(args, 0, all, 2, args.length);
    int exit = Main.run(new PrintWriter(out), new PrintWriter(err), all);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void setShowExportImportAndHistory() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    assertThat(run(a, "preferences").out())
        .contains("defaults by device class")
        .contains("activity (defaults):");
    Run set =
        run(
            a,
            "preferences",
            "set",
            "--category",
            "sleep",
            "oura/Oura Ring",
            "apple_health/Apple Watch");
    assertThat(set.exit()).as(set.err()).isZero();
    assertThat(set.out()).contains("version 1");
    assertThat(run(a, "preferences", "set", "--metric", "steps", "apple_health/iPhone").out())
        .contains("version 2");
    Run show = run(a, "preferences");
    assertThat(show.out())
        .contains("version 2")
        .contains("  sleep:\n    1. oura/Oura Ring\n    2. apple_health/Apple Watch")
        .contains("steps (own order): apple_health/iPhone");

    Path file = dir.resolve("prefs.json");
    assertThat(run(a, "preferences", "export", "--file", file.toString()).exit()).isZero();
    assertThat(Files.readString(file)).contains("\"format\" : \"openvitals-preferences/1\"");
    Run imported = run(b, "preferences", "import", file.toString());
    assertThat(imported.exit()).as(imported.err()).isZero();
    assertThat(run(b, "preferences").out()).contains("steps (own order): apple_health/iPhone");
    assertThat(run(a, "preferences", "history").out()).contains("v1").contains("v2");
  }

  @Test
  void badInputIsOneClearError() throws Exception {
    Run badSource = run(dir, "preferences", "set", "--category", "activity", "iphone");
    assertThat(badSource.exit()).isNotZero();
    assertThat(badSource.err()).contains("provider/name");
    Run badCategory = run(dir, "preferences", "set", "--category", "moods", "a/b");
    assertThat(badCategory.err()).contains("Unknown category 'moods'");
    Path file = dir.resolve("bad.json");
    Files.writeString(
        file, "{\"format\":\"openvitals-preferences/1\",\"categories\":{\"sleep\":[\"x\"]}}");
    Run badFile = run(dir, "preferences", "import", file.toString());
    assertThat(badFile.exit()).isNotZero();
    assertThat(badFile.err()).contains("bad.json").contains("$.categories.sleep[0]");
  }
}
