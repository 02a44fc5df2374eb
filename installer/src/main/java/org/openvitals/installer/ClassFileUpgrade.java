package org.openvitals.installer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.lang.constant.ClassDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites a jar's class files older than Java 6 (major version below 50) as Java 8 class files
 * with stack maps, their code and everything else unchanged. A JDK 25 AOT cache cannot hold such a
 * class: the JVM verifies it at every start with the old, type-inferring verifier, which leaves no
 * record the cache could keep, so each command read and verified picocli's 171 classes again
 * (bench/README.md, "Where a CLI import's outside time goes"). The stack maps are computed by the
 * JDK's class-file API; the JVM checks them when it loads each class, as it checks any other jar's.
 */
final class ClassFileUpgrade {
  private ClassFileUpgrade() {}

  /** The jars the package holds upgraded: picocli's classes are Java 5 class files. */
  static final Pattern JARS = Pattern.compile("picocli-[0-9][^/]*\\.jar");

  /** Java 6, the first class file version with stack maps. */
  static final int FIRST_WITH_STACK_MAPS = ClassFile.JAVA_6_VERSION;

  /** Java 8: the verifier requires stack maps from Java 7 on, so a wrong one fails at loading. */
  static final int UPGRADED_VERSION = ClassFile.JAVA_8_VERSION;

  /**
   * A copy of {@code jar} at {@code target} whose old class files are upgraded; returns how many
   * were. Supertypes outside the jar are looked up in the running JDK.
   */
  static int upgrade(Path jar, Path target) throws IOException {
    int upgraded = 0;
    try (ZipFile in = new ZipFile(jar.toFile());
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
      ClassFile classFile =
          ClassFile.of(
              ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
              ClassFile.ClassHierarchyResolverOption.of(
                  ClassHierarchyResolver.defaultResolver()
                      .orElse(ClassHierarchyResolver.ofResourceParsing(c -> classIn(in, c)))));
      for (ZipEntry entry : in.stream().toList()) {
        byte[] data;
        try (InputStream stream = in.getInputStream(entry)) {
          data = stream.readAllBytes();
        }
        if (entry.getName().endsWith(".class") && majorVersion(data) < FIRST_WITH_STACK_MAPS) {
          data = upgrade(classFile, classFile.parse(data));
          upgraded++;
        }
        ZipEntry copy = new ZipEntry(entry.getName());
        copy.setTime(entry.getTime());
        out.putNextEntry(copy);
        out.write(data);
        out.closeEntry();
      }
    }
    return upgraded;
  }

  private static byte[] upgrade(ClassFile classFile, ClassModel model) {
    ClassTransform version =
        (builder, element) -> {
          if (element instanceof ClassFileVersion) {
            builder.withVersion(UPGRADED_VERSION, 0);
          } else {
            builder.with(element);
          }
        };
    // Rebuilding every method's code is what makes the API compute its stack map.
    return classFile.transformClass(
        model, version.andThen(ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL)));
  }

  /** The major version of a class file: bytes 6 and 7, after the magic number and the minor. */
  static int majorVersion(byte[] classFile) {
    return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
  }

  private static InputStream classIn(ZipFile jar, ClassDesc type) {
    String descriptor = type.descriptorString();
    ZipEntry entry = jar.getEntry(descriptor.substring(1, descriptor.length() - 1) + ".class");
    try {
      return entry == null ? null : jar.getInputStream(entry);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
