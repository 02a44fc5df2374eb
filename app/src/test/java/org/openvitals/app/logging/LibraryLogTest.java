package org.openvitals.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvitals.app.Main;
import org.openvitals.core.store.StoreConfig;
import org.openvitals.core.store.Stores;

/** The terminal gets one sentence; what the libraries log goes to the data folder's log file. */
class LibraryLogTest {

  @TempDir Path dir;

  @Test
  void aFailedStoreCreationPrintsOneLineAndTheLibrariesWriteTheLogFile() throws Exception {
    // A store whose last migration must run again and fails half-way, as on a full disk: Flyway
    // logs the failure as an error, which used to reach the terminal.
    Stores.open(StoreConfig.sqlite(dir)).close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("openvitals.db"));
        Statement st = c.createStatement()) {
      // The last migrations forgotten: Flyway runs V6 again and fails on its existing table.
      st.executeUpdate("DELETE FROM flyway_schema_history WHERE \"version\" IN ('6', '7', '8')");
    }

    Process cli =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "--data-dir",
                dir.toString(),
                "sources")
            .start();
    cli.getOutputStream().close();
    assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err = new String(cli.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(cli.exitValue()).isEqualTo(1);
    assertThat(err.lines().toList())
        .singleElement()
        .asString()
        .startsWith("openvitals: Cannot open the SQLite store ")
        .contains("other_samples already exists");
    Path log = dir.resolve("logs/openvitals-0.log");
    assertThat(Files.readString(log))
        .contains("SEVERE org.flywaydb")
        .contains("Migration of schema \"main\" to version \"6 - other samples\" failed");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(log)))
        .isEqualTo("rw-------");
  }

  @Test
  void messagesBeforeTheDataFolderExistsAreWrittenOnceItDoes() throws IOException {
    LibraryLog.install();
    Path later = dir.resolve("later");
    LibraryLog.useFolder(later);
    java.util.logging.Logger.getLogger("org.example.early").warning("before the folder");
    assertThat(later).doesNotExist(); // nothing is created for a folder that does not exist

    Files.createDirectories(later);
    java.util.logging.Logger.getLogger("org.example.late").warning("after it");

    // Only this test's loggers: libraries used by earlier tests in this JVM may log here too.
    List<String> lines =
        Files.readAllLines(LibraryLog.fileIn(later)).stream()
            .filter(l -> l.contains(" org.example."))
            .toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).endsWith("WARNING org.example.early: before the folder");
    assertThat(lines.get(1)).endsWith("WARNING org.example.late: after it");
  }
}
