package org.openvitals.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The package holds the jars the app's manifest names, not whatever else lies in lib/. */
class ClassPathTest {
  @TempDir Path dir;

  @Test
  void takesTheManifestsJarsAndLeavesAStaleOneOut() throws IOException {
    Files.createDirectories(dir.resolve("lib"));
    for (String name : new String[] {"b-1.jar", "a-2.jar", "dropped-dependency-1.jar"}) {
      Files.writeString(dir.resolve("lib").resolve(name), "jar");
    }
    Path app = appJar("lib/b-1.jar lib/a-2.jar");

    assertThat(Packager.classPath(app))
        .containsExactly(dir.resolve("lib/a-2.jar"), dir.resolve("lib/b-1.jar"));
  }

  @Test
  void aJarTheManifestNamesMustBeThere() throws IOException {
    Path app = appJar("lib/missing-1.jar");

    assertThatThrownBy(() -> Packager.classPath(app))
        .hasMessageContaining("names lib/missing-1.jar, which is not there");
  }

  private Path appJar(String classPath) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
    Path jar = dir.resolve("openvitals.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      out.flush();
    }
    return jar;
  }
}
