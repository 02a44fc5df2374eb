package org.openvitals.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataFolderTest {

  @Test
  void theCommandLineWinsOverTheEnvironment() {
    Path resolved =
        DataFolder.resolve(
            Path.of("cli-dir"), Map.of(DataFolder.ENV, "/env/dir"), "Linux", "/home/anna");
    assertThat(resolved).isEqualTo(Path.of("cli-dir").toAbsolutePath());
  }

  @Test
  void theEnvironmentWinsOverTheOsFolder() {
    assertThat(DataFolder.resolve(null, Map.of(DataFolder.ENV, "/env/dir"), "Linux", "/home/a"))
        .isEqualTo(Path.of("/env/dir"));
    assertThat(DataFolder.resolve(null, Map.of(DataFolder.ENV, "  "), "Linux", "/home/a"))
        .isEqualTo(Path.of("/home/a/.local/share/OpenVitals"));
  }

  @Test
  void eachOsHasItsOwnPerUserFolder() {
    assertThat(DataFolder.resolve(null, Map.of(), "Linux", "/home/anna"))
        .isEqualTo(Path.of("/home/anna/.local/share/OpenVitals"));
    assertThat(DataFolder.resolve(null, Map.of("XDG_DATA_HOME", "/data"), "Linux", "/home/anna"))
        .isEqualTo(Path.of("/data/OpenVitals"));
    assertThat(DataFolder.resolve(null, Map.of(), "Mac OS X", "/Users/anna"))
        .isEqualTo(Path.of("/Users/anna/Library/Application Support/OpenVitals"));
    assertThat(
            DataFolder.resolve(
                null, Map.of("APPDATA", "C:\\Users\\anna\\AppData\\Roaming"), "Windows 11", "x"))
        .isEqualTo(Path.of("C:\\Users\\anna\\AppData\\Roaming", "OpenVitals"));
  }
}
