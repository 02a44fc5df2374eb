package org.openvitals.connectors.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
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
