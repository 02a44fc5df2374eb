package org.openvitals.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openvitals.app.Main;

/** The installation self-test, run as the packages run it. */
class SelfTestCommandTest {
  record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void importsTheBuiltInExportMergesItAndRemovesItsStore() {
    Run run = run("self-test", "--keep");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("Import: 10 records stored")
        .contains("the second import changed nothing")
        .contains("Merge: 2025-03-01 steps 2400 from Self-test Watch")
        .contains("heart rate 84/min, weight 70.0 kg")
        .containsPattern(
            "Phone pairing: a TLS certificate for CN=OpenVitals self-test made and read back \\(key"
                + " pin [A-Za-z0-9_-]{43}\\)")
        .contains("Java " + Runtime.version() + " at ")
        .endsWith("Temporary store kept in " + kept(run) + System.lineSeparator());
    assertThat(kept(run)).isDirectory();
    assertThat(kept(run).resolve("phone/identity.crt")).isNotEmptyFile();

    Run removed = run("self-test");
    assertThat(removed.code()).isZero();
    assertThat(removed.out()).contains("Self-test passed.").doesNotContain("kept");
  }

  @Test
  void showsTheDashboardOnDemoDataWithWindow() {
    Run run = run("self-test", "--window");

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).containsPattern("Window: the dashboard showed \\d+ tiles of demo data");
  }

  @Test
  void answersHelp() {
    Run run = run("self-test", "--help");

    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("Usage: openvitals self-test").contains("--window");
  }

  private static Path kept(Run run) {
    Matcher m = Pattern.compile("Temporary store kept in (.+)").matcher(run.out());
    assertThat(m.find()).isTrue();
    Path dir = Path.of(m.group(1).strip());
    assertThat(Files.exists(dir.resolve("openvitals.db")) || Files.isDirectory(dir)).isTrue();
    return dir;
  }
}
