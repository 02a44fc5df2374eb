package org.openvitals.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The package keeps only its own platform's native libraries of sqlite-jdbc and JNA. */
class KeepOnlyNativeTest {
  @TempDir Path dir;

  @Test
  void jnaKeepsItsClassesAndOnlyThisPlatformsLibrary() throws IOException {
    Path jar =
        jar(
            "com/sun/jna/Native.class",
            "com/sun/jna/win32/StdCallLibrary.class",
            "com/sun/jna/linux-x86-64/libjnidispatch.so",
            "com/sun/jna/linux-aarch64/libjnidispatch.so",
            "com/sun/jna/darwin-aarch64/libjnidispatch.jnilib",
            "com/sun/jna/win32-x86-64/jnidispatch.dll");
    Path out = dir.resolve("out.jar");

    Packager.keepOnlyNative(jar, out, Packager.JNA_NATIVES, "com/sun/jna/linux-x86-64/");

    assertThat(entries(out))
        .containsExactly(
            "com/sun/jna/Native.class",
            "com/sun/jna/win32/StdCallLibrary.class",
            "com/sun/jna/linux-x86-64/libjnidispatch.so");
    assertThat(Packager.Os.LINUX.jnaNativeDir()).matches("com/sun/jna/linux-(x86-64|aarch64)/");
    assertThat(Packager.Os.WINDOWS.jnaNativeDir()).startsWith("com/sun/jna/win32-");
  }

  @Test
  void sqliteKeepsOnlyThisPlatformsLibraryAndFailsWithoutOne() throws IOException {
    Path jar =
        jar(
            "org/sqlite/JDBC.class",
            "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so",
            "org/sqlite/native/Mac/aarch64/libsqlitejdbc.dylib");
    Path out = dir.resolve("out.jar");

    Packager.keepOnlyNative(jar, out, Packager.SQLITE_NATIVES, "org/sqlite/native/Linux/x86_64/");

    assertThat(entries(out))
        .containsExactly(
            "org/sqlite/JDBC.class", "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so");
    assertThatThrownBy(() ->
            Packager.keepOnlyNative(
                jar,
                dir.resolve("none.jar"),
                Packager.SQLITE_NATIVES,
                "org/sqlite/native/Windows/x86_64/"))
        .hasMessageContaining("has no native library in org/sqlite/native/Windows/x86_64/");
  }

  @Test
  void sqlitesLibraryCanMoveOutOfTheJarIntoAFolder() throws IOException {
    Path jar =
        jar(
            "org/sqlite/JDBC.class",
            "org/sqlite/native/Linux/x86_64/libsqlitejdbc.so",
            "org/sqlite/native/Mac/aarch64/libsqlitejdbc.dylib");
    Path out = dir.resolve("out.jar");
    Path natives = dir.resolve("native");

    Packager.keepOnlyNative(
        jar, out, Packager.SQLITE_NATIVES, "org/sqlite/native/Linux/x86_64/", natives);

    assertThat(entries(out)).containsExactly("org/sqlite/JDBC.class");
    try (var files = Files.list(natives)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("libsqlitejdbc.so");
    }
    assertThat(natives.resolve("libsqlitejdbc.so"))
        .hasContent("org/sqlite/native/Linux/x86_64/libsqlitejdbc.so");
    assertThat(Packager.JAVA_OPTIONS).contains("-Dorg.sqlite.lib.path=$APPDIR/native");
  }

  private Path jar(String... names) throws IOException {
    Path jar = dir.resolve("in.jar");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
      for (String name : names) {
        out.putNextEntry(new ZipEntry(name));
        out.write(name.getBytes());
        out.closeEntry();
      }
    }
    return jar;
  }

  private static List<String> entries(Path jar) throws IOException {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.stream().map(ZipEntry::getName).toList();
    }
  }
}
