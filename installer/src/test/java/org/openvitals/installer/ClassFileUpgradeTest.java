package org.openvitals.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** picocli's Java 5 class files, as the package holds them: Java 8 ones with stack maps. */
class ClassFileUpgradeTest {
  @TempDir Path dir;

  @Test
  void picocliIsPackagedWithVerifiableJava8ClassFiles() throws Exception {
    Path picocli =
        Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(ClassFileUpgrade.JARS.matcher(picocli.getFileName().toString()).matches()).isTrue();
    Map<String, byte[]> before = entries(picocli);
    long old =
        before.entrySet().stream()
            .filter(e -> e.getKey().endsWith(".class"))
            .filter(e -> ClassFileUpgrade.majorVersion(e.getValue()) < ClassFile.JAVA_6_VERSION)
            .count();
    assertThat(old).isGreaterThan(100);
    Path out = dir.resolve(picocli.getFileName());

    int upgraded = ClassFileUpgrade.upgrade(picocli, out);

    assertThat(upgraded).isEqualTo(old);
    Map<String, byte[]> after = entries(out);
    assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : after.entrySet()) {
      String name = e.getKey();
      byte[] data = e.getValue();
      if (!name.endsWith(".class")) {
        assertThat(data).as(name).isEqualTo(before.get(name));
      } else if (ClassFileUpgrade.majorVersion(before.get(name)) >= ClassFile.JAVA_6_VERSION) {
        assertThat(data).as(name).isEqualTo(before.get(name)); // module-info, already modern
      } else {
        if (ClassFileUpgrade.majorVersion(data) != ClassFile.JAVA_8_VERSION) {
          problems.add(name + " is version " + ClassFileUpgrade.majorVersion(data));
        }
        ClassFile.of().verify(data).forEach(error -> problems.add(name + ": " + error));
      }
    }
    assertThat(problems).isEmpty();
  }

  /** The JVM itself loads, verifies and runs the upgraded classes: a command line is parsed. */
  @Test
  void theUpgradedPicocliParsesACommandLine() throws Exception {
    Path picocli =
        Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path out = dir.resolve(picocli.getFileName());
    ClassFileUpgrade.upgrade(picocli, out);

    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {out.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Class<?> spec = loader.loadClass("picocli.CommandLine$Model$CommandSpec");
      Class<?> option = loader.loadClass("picocli.CommandLine$Model$OptionSpec");
      Class<?> optionBuilder = loader.loadClass("picocli.CommandLine$Model$OptionSpec$Builder");
      Class<?> commandLine = loader.loadClass("picocli.CommandLine");
      Object command = call(spec, null, "create");
      Object builder =
          call(
              option,
              null,
              "builder",
              new Class<?>[] {String[].class},
              (Object) new String[] {"--days"});
      call(optionBuilder, builder, "type", new Class<?>[] {Class.class}, int.class);
      call(
          spec,
          command,
          "addOption",
          new Class<?>[] {option},
          call(optionBuilder, builder, "build"));
      Object line = commandLine.getConstructor(Object.class).newInstance(command);
      Object result =
          call(
              commandLine,
              line,
              "parseArgs",
              new Class<?>[] {String[].class},
              (Object) new String[] {"--days", "7"});

      Object days =
          call(
              result.getClass(),
              result,
              "matchedOptionValue",
              new Class<?>[] {String.class, Object.class},
              "--days",
              0);
      assertThat(days).isEqualTo(7);
      assertThat(ClassFileUpgrade.majorVersion(classBytes(loader, "picocli/CommandLine.class")))
          .isEqualTo(ClassFile.JAVA_8_VERSION);
    }
  }

  private static Object call(Class<?> type, Object target, String name) throws Exception {
    return call(type, target, name, new Class<?>[0]);
  }

  /** A public method, which picocli may declare in a package-private superclass. */
  private static Object call(
      Class<?> type, Object target, String name, Class<?>[] parameters, Object... args)
      throws Exception {
    Method method = type.getMethod(name, parameters);
    method.setAccessible(true);
    return method.invoke(target, args);
  }

  private static byte[] classBytes(ClassLoader loader, String name) throws IOException {
    try (InputStream in = loader.getResourceAsStream(name)) {
      return in.readAllBytes();
    }
  }

  private static Map<String, byte[]> entries(Path jar) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry entry : zip.stream().toList()) {
        try (InputStream in = zip.getInputStream(entry)) {
          entries.put(entry.getName(), in.readAllBytes());
        }
      }
    }
    return entries;
  }
}
