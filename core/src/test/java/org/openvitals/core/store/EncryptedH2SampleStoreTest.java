package org.openvitals.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.openvitals.core.model.MetricType;

class EncryptedH2SampleStoreTest extends PhoneSyncStoreContract {

  private static final String PASSWORD = "correct horse battery staple";

  @Override
  protected StoreConfig config(Path dataDir) {
    return new StoreConfig(dataDir, Engine.H2, PASSWORD.toCharArray());
  }

  @Override
  protected Connection rawConnection(Path dataDir) throws SQLException {
    String key = HexFormat.of().formatHex(PASSWORD.getBytes(StandardCharsets.UTF_8));
    return DriverManager.getConnection(
        "jdbc:h2:file:" + dataDir.resolve("openvitals") + ";CIPHER=AES",
        "openvitals",
        key + " " + key);
  }

  @Override
  protected FluentConfiguration migrations(Path dataDir) {
    String key = HexFormat.of().formatHex(PASSWORD.getBytes(StandardCharsets.UTF_8));
    return Flyway.configure()
        .loggers("slf4j")
        .dataSource(
            "jdbc:h2:file:" + dataDir.resolve("openvitals") + ";CIPHER=AES",
            "openvitals",
            key + " " + key)
        .locations("classpath:db/migration/h2");
  }

  @Test
  void aWrongPasswordIsOneClearSentence() {
    store.upsert(List.of(steps(PHONE, "2024-05-01T08:00Z", 1, 5)));
    store.close();

    assertThatThrownBy(() -> Stores.open(new StoreConfig(dir, Engine.H2, "wrong".toCharArray())))
        .isInstanceOf(StoreException.class)
        .hasMessage(
            "Cannot open the encrypted store in " + dir.toAbsolutePath() + ": wrong password");
    // A password that only shares the first word must not open it either.
    assertThatThrownBy(
            () -> Stores.open(new StoreConfig(dir, Engine.H2, "correct horse".toCharArray())))
        .hasMessageEndingWith("wrong password");
    assertThatThrownBy(() -> Stores.open(new StoreConfig(dir, Engine.H2, null)))
        .isInstanceOf(StoreException.class)
        .hasMessage(
            "Cannot open the store in "
                + dir.toAbsolutePath()
                + ": it is encrypted and needs a password");

    Path plain = dir.resolve("plain");
    Stores.open(new StoreConfig(plain, Engine.H2, null)).close();
    assertThatThrownBy(() -> Stores.open(new StoreConfig(plain, Engine.H2, "pw".toCharArray())))
        .hasMessage(
            "Cannot open the store in "
                + plain.toAbsolutePath()
                + ": it is not encrypted, so it cannot be opened with a password");

    store = Stores.open(config(dir));
    assertThat(store.samples(MetricType.STEPS, Instant.EPOCH, Instant.now())).hasSize(1);
  }

  @Test
  void theFileHoldsNoReadableText() throws IOException {
    store.upsert(List.of(steps(PHONE, "2024-05-01T08:00Z", 1, 5)));
    store.putState("secret.marker", "PLAINTEXT-MARKER-4711");
    store.close();

    byte[] file = Files.readAllBytes(dir.resolve("openvitals.mv.db"));
    String asText = new String(file, StandardCharsets.ISO_8859_1);
    assertThat(asText).doesNotContain("PLAINTEXT-MARKER-4711").doesNotContain("iPhone");
    store = Stores.open(config(dir));
  }
}
