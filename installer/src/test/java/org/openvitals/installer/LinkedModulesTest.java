package org.openvitals.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.attribute.ModuleAttribute;
import java.lang.constant.ClassDesc;
import java.lang.constant.ModuleDesc;
import java.lang.reflect.AccessFlag;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which of the app's jars go into the runtime as modules, on jars made here. */
class LinkedModulesTest {
  @TempDir Path dir;

  @Test
  void linksExplicitModulesWhoseRequiresAreLinkedOrInTheJdk() throws IOException {
    Path a = module("a", "p.a", List.of("b", "java.sql"));
    Path b = module("b", "p.b", List.of());

    LinkedModules linked = LinkedModules.choose(List.of(a, b), List.of());

    assertThat(linked.names()).containsExactly("a", "b");
    assertThat(linked.jars()).containsEntry("a", a).containsEntry("b", b);
  }

  @Test
  void leavesPlainJarsAndModulesNeedingOneOfThemOnTheClassPath() throws IOException {
    Path plain = jar("plain.jar", Map.of("p/plain/Thing.class", ""));
    Path needsAutomatic = module("needs.plain", "p.needs", List.of("plain"));
    Path needsThat = module("needs.needs", "p.needs2", List.of("needs.plain"));
    Path alone = module("alone", "p.alone", List.of());

    LinkedModules linked =
        LinkedModules.choose(List.of(plain, needsAutomatic, needsThat, alone), List.of());

    assertThat(linked.names()).containsExactly("alone");
  }

  @Test
  void anOptionalRequiresNeedsNothing() throws IOException {
    Path a = module("a", "p.a", List.of("static:nowhere"));

    assertThat(LinkedModules.choose(List.of(a), List.of()).names()).containsExactly("a");
  }

  @Test
  void aServiceListedButNotProvidedKeepsTheJarOnTheClassPath() throws IOException {
    Path declared =
        module(
            "declared",
            "p.d",
            List.of(),
            Map.of("p.d.Spi", "p.d.Impl"),
            Map.of("META-INF/services/p.d.Spi", "# the provider\np.d.Impl\n"));
    Path undeclared =
        module(
            "undeclared",
            "p.u",
            List.of(),
            Map.of("p.u.Spi", "p.u.Impl"),
            Map.of("META-INF/services/p.u.Spi", "p.u.Impl\np.u.Other\n"));

    LinkedModules linked = LinkedModules.choose(List.of(declared, undeclared), List.of());

    assertThat(linked.names()).containsExactly("declared");
  }

  @Test
  void aPackageAlsoInAJarOnTheClassPathKeepsTheModuleThere() throws IOException {
    Path plain = jar("plain.jar", Map.of("p/shared/Other.class", ""));
    Path split = module("split", "p.shared", List.of());
    Path needsSplit = module("needs.split", "p.n", List.of("split"));

    assertThat(LinkedModules.choose(List.of(plain, split, needsSplit), List.of()).names())
        .isEmpty();
  }

  @Test
  void findsTheVersionedModuleInfoOfAMultiReleaseJar() throws IOException {
    Map<String, Object> entries = new LinkedHashMap<>();
    entries.put(
        "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nMulti-Release: true\n\n".getBytes());
    entries.put("META-INF/versions/9/module-info.class", moduleInfo("mr", List.of(), Map.of()));
    entries.put("p/mr/Thing.class", new byte[0]);
    Path mr = write("mr.jar", entries);

    assertThat(LinkedModules.choose(List.of(mr), List.of()).names()).containsExactly("mr");
  }

  // --- jars ---

  private Path module(String name, String pkg, List<String> requires) throws IOException {
    return module(name, pkg, requires, Map.of(), Map.of());
  }

  private Path module(
      String name,
      String pkg,
      List<String> requires,
      Map<String, String> provides,
      Map<String, String> files)
      throws IOException {
    Map<String, Object> entries = new LinkedHashMap<>();
    entries.put("module-info.class", moduleInfo(name, requires, provides));
    entries.put(pkg.replace('.', '/') + "/Thing.class", new byte[0]);
    for (String impl : provides.values()) {
      entries.put(impl.replace('.', '/') + ".class", new byte[0]);
    }
    entries.putAll(files);
    return write(name + ".jar", entries);
  }

  private Path jar(String file, Map<String, String> entries) throws IOException {
    return write(file, new LinkedHashMap<>(entries));
  }

  private Path write(String file, Map<String, Object> entries) throws IOException {
    Path jar = dir.resolve(file);
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
      for (Map.Entry<String, Object> e : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(
            e.getValue() instanceof byte[] bytes
                ? bytes
                : e.getValue().toString().getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return jar;
  }

  /** A module-info.class: {@code static:NAME} is an optional {@code requires static}. */
  private static byte[] moduleInfo(
      String name, List<String> requires, Map<String, String> provides) {
    List<String> all = new ArrayList<>(requires);
    return ClassFile.of()
        .buildModule(
            ModuleAttribute.of(
                ModuleDesc.of(name),
                m -> {
                  m.requires(ModuleDesc.of("java.base"), AccessFlag.MANDATED.mask(), null);
                  for (String r : all) {
                    boolean optional = r.startsWith("static:");
                    m.requires(
                        ModuleDesc.of(optional ? r.substring(7) : r),
                        optional ? AccessFlag.STATIC_PHASE.mask() : 0,
                        null);
                  }
                  provides.forEach(
                      (spi, impl) -> m.provides(ClassDesc.of(spi), ClassDesc.of(impl)));
                }));
  }
}
