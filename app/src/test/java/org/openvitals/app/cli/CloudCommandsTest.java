package org.openvitals.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.Main;
import org.openvitals.app.testing.FakeOura;
import org.openvitals.connectors.cloudtest.FakeProvider;

/** connect --no-browser, sync and status through the real command line, against a fake Oura. */
class CloudCommandsTest {
  @TempDir Path dir;
  private FakeProvider fake;
  private final PrintStream realOut = System.out;
  private final PrintStream realErr = System.err;
  private final InputStream realIn = System.in;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() throws Exception {
    fake = FakeOura.start(dir);
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    System.setIn(new ByteArrayInputStream(new byte[0]));
  }

  @AfterEach
  void tearDown() {
    System.setOut(realOut);
    System.setErr(realErr);
    System.setIn(realIn);
    fake.close();
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aScriptPlaysTheBrowserThenSyncsAndReadsTheStatus() throws Exception {
    CompletableFuture<Integer> connect =
        CompletableFuture.supplyAsync(() ->
            Main.run(
                "--data-dir",
                dir.toString(),
                "connect",
                "oura",
                "--client-id",
                FakeProvider.CLIENT_ID,
                "--client-secret",
                FakeProvider.CLIENT_SECRET,
                "--no-browser"));
    String url = null;
    for (int i = 0; i < 1000 && url == null; i++) {
      url = stdout().lines().filter(l -> l.startsWith("http://")).findFirst().orElse(null);
      Thread.sleep(10);
    }
    assertThat(url).as("authorization URL on stdout; stderr: %s", err).isNotNull();
    assertThat(FakeProvider.playBrowser(URI.create(url)).body()).contains("You can close this tab");
    assertThat(connect.get(30, TimeUnit.SECONDS)).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Connected oura");
    assertThat(Files.readString(dir.resolve("vault/oura.vault"), StandardCharsets.ISO_8859_1))
        .doesNotContain(FakeProvider.CLIENT_SECRET);

    out.reset();
    assertThat(Main.run("--data-dir", dir.toString(), "sync")).isZero();
    assertThat(stdout()).contains("oura: ok, 2 new or changed");

    out.reset();
    assertThat(Main.run("--data-dir", dir.toString(), "status", "--history")).isZero();
    assertThat(stdout())
        .containsPattern("oura +ok +last sync: \\d{4}-\\d\\d-\\d\\d")
        .contains("next sync: when background sync runs")
        .containsPattern("withings +not connected");

    // The app (another process) syncing oura now: the command leaves it alone and says so.
    Process app =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                org.openvitals.connectors.sync.LockHolder.class.getName(),
                dir.resolve("sync").resolve("oura.lock").toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try {
      assertThat(app.inputReader().readLine()).isEqualTo("locked");
      out.reset();
      assertThat(Main.run("--data-dir", dir.toString(), "sync", "oura")).isZero();
      assertThat(stdout())
          .contains("oura: another OpenVitals process (the app?) is syncing it now");
    } finally {
      app.getOutputStream().close();
      app.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void connectFitbitAsksOnlyForTheScopesGivenAndKeepsThemForLaterSignIns() throws Exception {
    CompletableFuture<Integer> connect =
        CompletableFuture.supplyAsync(() ->
            Main.run(
                "--data-dir",
                dir.toString(),
                "connect",
                "fitbit",
                "--client-id",
                "123.apps.googleusercontent.com",
                "--client-secret",
                "GOCSPX-x",
                "--scopes",
                "sleep,profile",
                "--no-browser"));
    String url = null;
    for (int i = 0; i < 1000 && url == null; i++) {
      url = stdout().lines().filter(l -> l.startsWith("https://")).findFirst().orElse(null);
      Thread.sleep(10);
    }
    assertThat(url).as("authorization URL on stdout; stderr: %s", err).isNotNull();
    var query = org.openvitals.connectors.oauth.QueryStrings.decode(URI.create(url).getRawQuery());
    assertThat(query.get("scope"))
        .isEqualTo(
            "https://www.googleapis.com/auth/googlehealth.sleep.readonly"
                + " https://www.googleapis.com/auth/googlehealth.profile.readonly");
    // The person declines at Google: the browser comes back with an error.
    java.net.http.HttpClient.newHttpClient()
        .send(
            java.net.http.HttpRequest.newBuilder(
                    URI.create(
                        query.get("redirect_uri")
                            + "?error=access_denied&state="
                            + query.get("state")))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.discarding());
    assertThat(connect.get(30, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(Files.readString(dir.resolve("cloud.properties")))
        .contains("fitbit.scopes=https\\://www.googleapis.com/auth/googlehealth.sleep.readonly");

    assertThat(
            Main.run(
                "--data-dir",
                dir.toString(),
                "connect",
                "fitbit",
                "--scopes",
                "steps",
                "--no-browser"))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown scope 'steps' for fitbit");
  }

  @Test
  void syncWithNothingConnectedSaysHowToConnect() {
    assertThat(Main.run("--data-dir", dir.toString(), "sync")).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("openvitals connect oura");
  }

  @Test
  void anUnknownSourceIsNamed() {
    assertThat(Main.run("--data-dir", dir.toString(), "sync", "garmin")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown cloud source 'garmin'");
  }
}
