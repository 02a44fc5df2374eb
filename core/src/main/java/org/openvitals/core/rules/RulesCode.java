package org.openvitals.core.rules;

import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.openvitals.core.model.MetricType;
import org.openvitals.core.time.DayBoundaries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fingerprint of the code that computes a merged value: every class file of the rules, of the
 * model they read and of the day boundaries. It is part of each stored result's fingerprint ({@link
 * RulesService}), so results stored by other rule code are resolved again rather than served, with
 * no version number that someone must remember to raise. Any change to those classes counts, even
 * one that only moves line numbers: that costs one re-resolution after an update, never a stale
 * value.
 */
final class RulesCode {
  private static final Logger LOG = LoggerFactory.getLogger(RulesCode.class);

  /** The packages whose code decides a merged value, each named by one of its classes. */
  static final List<Class<?>> PACKAGES =
      List.of(Rules.class, MetricType.class, DayBoundaries.class);

  private RulesCode() {}

  /** The fingerprint of the running code, computed once. */
  static String fingerprint() {
    return Running.FINGERPRINT;
  }

  private static final class Running {
    static final String FINGERPRINT = compute();

    private static String compute() {
      try {
        return of(PACKAGES.stream().map(RulesCode::classFile).toList());
      } catch (IOException | URISyntaxException | RuntimeException e) {
        // Never a guess that could match results of other code: a value no store holds yet.
        LOG.warn(
            "Cannot read the rules' class files ({}); merged values are resolved afresh in"
                + " each session",
            e.toString());
        return "unread-" + UUID.randomUUID();
      }
    }
  }

  static URL classFile(Class<?> type) {
    return type.getResource(type.getSimpleName() + ".class");
  }

  /**
   * SHA-256 over the name and bytes of every class file in the folder of each given class file, in
   * a folder on disk, in a jar or in the runtime image alike.
   */
  static String of(List<URL> classFiles) throws IOException, URISyntaxException {
    MessageDigest sha = sha256();
    for (URL classFile : classFiles) {
      if ("jar".equals(classFile.getProtocol())) {
        // Read from the URL, not opened: nothing here needs the connection the JDK caches.
        JarURLConnection jar = (JarURLConnection) classFile.openConnection();
        try (FileSystem zip = FileSystems.newFileSystem(Path.of(jar.getJarFileURL().toURI()))) {
          digestFolder(sha, zip.getPath(jar.getEntryName()).getParent());
        }
      } else {
        digestFolder(sha, Path.of(classFile.toURI()).getParent());
      }
    }
    return HexFormat.of().formatHex(sha.digest(), 0, 16);
  }

  private static void digestFolder(MessageDigest sha, Path folder) throws IOException {
    List<Path> classes;
    try (Stream<Path> files = Files.list(folder)) {
      classes =
          files
              .filter(f -> f.getFileName().toString().endsWith(".class"))
              .sorted(Comparator.comparing(f -> f.getFileName().toString()))
              .toList();
    }
    if (classes.isEmpty()) {
      throw new IOException("No class files in " + folder);
    }
    for (Path f : classes) {
      sha.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(Files.readAllBytes(f));
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }
}
