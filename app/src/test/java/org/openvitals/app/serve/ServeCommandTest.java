package org.openvitals.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.Main;

/**
 * {@code serve} in its own JVM, as a script runs it, and {@code phone-sim} against it: pairing
 * through the pairing file, an upload logged, a second phone refused a used secret but given the
 * new one, and a clean stop on SIGTERM.
 */
class ServeCommandTest {
  static final Path EXPORT = Path.of("../connectors/src/test/resources/applehealth/v14_export.xml");

  @TempDir Path tmp;
  private Process serve;

  @AfterEach
  void stop() {
    if (serve != null) {
      serve.destroyForcibly();
    }
  }

  private record Run(int code, String out, String err) {}

  private Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void phoneSimPairsWithServeSendsAnExportAndServeStopsOnSigterm() throws Exception {
    Path desk = tmp.resolve("desk");
    Path pairing = tmp.resolve("pairing.txt");
    String java = ProcessHandle.current().info().command().orElse("java");
    ProcessBuilder b =
        new ProcessBuilder(
            java,
            "--enable-native-access=ALL-UNNAMED",
            "-Djava.util.prefs.userRoot=" + tmp.resolve("prefs"),
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "--data-dir",
            desk.toString(),
            "serve",
            "--port",
            "0",
            "--accept",
            "--no-mdns",
            "--bind",
            "127.0.0.1",
            "--pairing-file",
            pairing.toString());
    b.environment().put("OPENVITALS_KEY_STORAGE", "file");
    b.redirectOutput(tmp.resolve("serve.out").toFile())
        .redirectError(tmp.resolve("serve.err").toFile());
    serve = b.start();
    String first = waitFor(pairing);

    Run phone =
        cli(
            "--data-dir",
            tmp.resolve("phone").toString(),
            "phone-sim",
            "--pairing",
            pairing.toString(),
            "--export",
            EXPORT.toString(),
            "--batch-size",
            "3",
            "--delete",
            "1",
            "--device-name",
            "Anna",
            "--json");

    assertThat(phone.code()).as(phone.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(phone.out());
    assertThat(report.get("acknowledged").asLong())
        .isEqualTo(report.get("sent").asLong())
        .isPositive();
    assertThat(report.get("rejected").asLong()).isZero();
    assertThat(report.get("deleted").asLong()).isEqualTo(1);
    assertThat(phone.err()).contains("Comparison code: ");

    // The used secret is gone from the file; a second phone with the old code is refused.
    String second = waitForChange(pairing, first);
    Run late =
        cli(
            "--data-dir",
            tmp.resolve("late").toString(),
            "phone-sim",
            "--pairing",
            first,
            "--export",
            EXPORT.toString());
    assertThat(late.code()).isEqualTo(1);
    assertThat(late.err()).contains("pairing_secret_used");
    assertThat(second).startsWith("openvitals-pair:v1?");

    serve.destroy(); // SIGTERM
    assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String log = Files.readString(tmp.resolve("serve.err"));
    assertThat(log).contains("upload from Anna: HKQuantityTypeIdentifier").contains("Stopped.");
    assertThat(Files.readString(tmp.resolve("serve.out"))).contains(first).contains(second);
    assertThat(pairing).doesNotExist();
  }

  private static String waitFor(Path file) throws Exception {
    for (int i = 0; i < 1200; i++) {
      if (Files.exists(file) && Files.size(file) > 0) {
        return Files.readString(file).strip();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("serve wrote no pairing file");
  }

  private static String waitForChange(Path file, String old) throws Exception {
    for (int i = 0; i < 300; i++) {
      String now = waitFor(file);
      if (!now.equals(old)) {
        return now;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("serve did not issue a new pairing code");
  }
}
