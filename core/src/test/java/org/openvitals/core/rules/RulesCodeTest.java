package org.openvitals.core.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesCodeTest {

  @TempDir Path dir;

  @Test
  void theRunningCodeIsRead() throws Exception {
    assertThat(RulesCode.fingerprint())
        .hasSize(32)
        .isEqualTo(RulesCode.of(classFiles()))
        .isEqualTo(RulesCode.fingerprint());
  }

  /** The app runs from jars; the tests from class folders. */
  @Test
  void aJarOfTheSameClassesHasTheSameFingerprint() throws Exception {
    Path jar = dir.resolve("core.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (Class<?> anchor : RulesCode.PACKAGES) {
        String folder = anchor.getPackageName().replace('.', '/') + "/";
        for (Path f : classFilesBeside(anchor)) {
          out.putNextEntry(new JarEntry(folder + f.getFileName()));
          Files.copy(f, out);
          out.closeEntry();
        }
      }
    }
    List<URL> inJar = new ArrayList<>();
    for (Class<?> anchor : RulesCode.PACKAGES) {
      String entry = anchor.getName().replace('.', '/') + ".class";
      inJar.add(URI.create("jar:" + jar.toUri() + "!/" + entry).toURL());
    }

    assertThat(RulesCode.of(inJar)).isEqualTo(RulesCode.of(classFiles()));
  }

  @Test
  void anyChangeToTheClassesChangesIt() throws Exception {
    List<URL> copy = new ArrayList<>();
    for (Class<?> anchor : RulesCode.PACKAGES) {
      Path folder = Files.createDirectories(dir.resolve(anchor.getPackageName()));
      for (Path f : classFilesBeside(anchor)) {
        Files.copy(f, folder.resolve(f.getFileName()));
      }
      copy.add(folder.resolve(anchor.getSimpleName() + ".class").toUri().toURL());
    }
    String original = RulesCode.of(copy);
    Path rules = Path.of(copy.getFirst().toURI());
    byte[] bytes = Files.readAllBytes(rules);

    bytes[bytes.length / 2] ^= 1;
    Files.write(rules, bytes);
    String changed = RulesCode.of(copy);
    bytes[bytes.length / 2] ^= 1;
    Files.write(rules, bytes);
    String restored = RulesCode.of(copy);
    try (OutputStream out = Files.newOutputStream(rules.resolveSibling("NewRule.class"))) {
      out.write(1);
    }
    String added = RulesCode.of(copy);

    assertThat(restored).isEqualTo(original);
    assertThat(changed).isNotEqualTo(original);
    assertThat(added).isNotEqualTo(original).isNotEqualTo(changed);
  }

  private static List<URL> classFiles() {
    return RulesCode.PACKAGES.stream().map(RulesCode::classFile).toList();
  }

  private static List<Path> classFilesBeside(Class<?> anchor)
      throws IOException, URISyntaxException {
    Path folder = Path.of(RulesCode.classFile(anchor).toURI()).getParent();
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".class")).toList();
    }
  }
}
