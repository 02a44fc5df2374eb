package org.openvitals.connectors.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.connectors.oura.OuraConnector;

/** A provider's settings: its defaults, the user's file, the environment, and bad values named. */
class CloudSettingsTest {
  static final ProviderInfo OURA = new OuraConnector().info();

  @Test
  void theEnvironmentOverridesTheFileWhichOverridesTheDefaults() {
    Properties file = new Properties();
    file.setProperty("oura.api_url", "http://127.0.0.1:9000/file");
    file.setProperty("oura.history_days", "30");
    ProviderSettings settings =
        new CloudSettings(file, Map.of("OPENVITALS_OURA_API_URL", "http://127.0.0.1:9001/env"))
            .resolve(OURA);
    assertThat(settings.apiUrl()).isEqualTo(URI.create("http://127.0.0.1:9001/env"));
    assertThat(settings.historyDays()).isEqualTo(30);
    assertThat(settings.requestLimit()).isEqualTo(OURA.requestLimit());
  }

  @TempDir Path dir;

  @Test
  void aValuePutIsWrittenToTheFileKeepingTheRestAsWritten() throws Exception {
    Path file = dir.resolve(CloudSettings.FILE);
    Files.writeString(
        file,
        """
        # my Google project
        fitbit.client_id=123.apps.googleusercontent.com
        fitbit.scopes = https://www.googleapis.com/auth/googlehealth.sleep.readonly \\
          https://www.googleapis.com/auth/googlehealth.profile.readonly
        oura.history_days=30
        """);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    CloudSettings settings = CloudSettings.load(dir, Map.of());

    settings.put("fitbit", "scopes", "a:b c");
    settings.put("withings", "history_days", "10");

    assertThat(Files.readAllLines(file))
        .containsExactly(
            "# my Google project",
            "fitbit.client_id=123.apps.googleusercontent.com",
            "fitbit.scopes=a\\:b c",
            "oura.history_days=30",
            "withings.history_days=10");
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(settings.get("fitbit", "scopes")).isEqualTo("a:b c");
    assertThat(CloudSettings.load(dir, Map.of()).get("fitbit", "scopes")).isEqualTo("a:b c");
    assertThat(CloudSettings.load(dir, Map.of()).get("oura", "history_days")).isEqualTo("30");
  }

  @Test
  void aBadValueIsNamedWithItsSettingAndVariable() {
    Properties file = new Properties();
    file.setProperty("oura.api_url", "not a url");
    assertThatThrownBy(() -> new CloudSettings(file, Map.of()).resolve(OURA))
        .hasMessage("Setting oura.api_url (or $OPENVITALS_OURA_API_URL) is not a URL: 'not a url'");
    assertThatThrownBy(() ->
            new CloudSettings(new Properties(), Map.of("OPENVITALS_OURA_HISTORY_DAYS", "ten"))
                .resolve(OURA))
        .hasMessage(
            "Setting oura.history_days (or $OPENVITALS_OURA_HISTORY_DAYS) must be a whole number:"
                + " 'ten'");
  }
}
