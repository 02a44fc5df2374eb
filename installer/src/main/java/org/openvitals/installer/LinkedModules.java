package org.openvitals.installer;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Provides;
import java.lang.module.ModuleDescriptor.Requires;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The app's jars that jlink links into the runtime as modules instead of leaving them on the class
 * path: each jar that is an explicit module (it has a {@code module-info}) whose non-static {@code
 * requires} are all in the JDK, in JavaFX or linked too, that declares in its {@code provides}
 * every service its {@code META-INF/services} lists (a named module's are not read), and none of
 * whose packages is also in a jar left on the class path (the module would hide the jar's classes).
 *
 * <p>Why: at every start the JDK's first service lookup (the logging backend's, the time-zone
 * rules', the JDBC drivers') opens every jar of the class path, a cost per jar and per entry that
 * the runtime's modules do not have; and a signed jar's classes (Bouncy Castle's) are never in the
 * start-up cache, where a linked module's are (docs/architecture.md, "Packaging").
 */
record LinkedModules(Map<String, Path> jars) {

  /** Chooses from {@code classPath} (the app's jars); {@code javafx} holds JavaFX's modules. */
  static LinkedModules choose(List<Path> classPath, List<Path> javafx) throws IOException {
    Map<String, Path> linked = new TreeMap<>();
    Map<String, ModuleDescriptor> descriptors = new TreeMap<>();
    List<Path> left = new ArrayList<>();
    for (Path jar : classPath) {
      Optional<ModuleDescriptor> module = explicitModule(jar);
      if (module.isPresent() && declaresItsServices(jar, module.get())) {
        linked.put(module.get().name(), jar);
        descriptors.put(module.get().name(), module.get());
      } else {
        left.add(jar);
      }
    }
    Set<String> platform = new HashSet<>();
    ModuleFinder.ofSystem().findAll().forEach(m -> platform.add(m.descriptor().name()));
    ModuleFinder.of(javafx.toArray(Path[]::new))
        .findAll()
        .forEach(m -> platform.add(m.descriptor().name()));
    Set<String> classPathPackages = new HashSet<>();
    for (Path jar : left) {
      classPathPackages.addAll(packages(jar));
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (String name : List.copyOf(linked.keySet())) {
        ModuleDescriptor d = descriptors.get(name);
        if (!resolvable(d, linked.keySet(), platform)
            || !disjoint(d.packages(), classPathPackages)) {
          classPathPackages.addAll(d.packages());
          linked.remove(name);
          changed = true;
        }
      }
    }
    return new LinkedModules(linked);
  }

  /** The module names, for jlink's --add-modules. */
  Set<String> names() {
    return new TreeSet<>(jars.keySet());
  }

  Collection<Path> paths() {
    return jars.values();
  }

  private static Optional<ModuleDescriptor> explicitModule(Path jar) {
    try {
      Set<ModuleReference> found = ModuleFinder.of(jar).findAll();
      return found.stream()
          .map(ModuleReference::descriptor)
          .filter(d -> !d.isAutomatic())
          .findFirst();
    } catch (FindException notAModule) {
      return Optional.empty(); // e.g. an invalid automatic name: it stays on the class path
    }
  }

  /** Every provider its META-INF/services files list is in the descriptor's {@code provides}. */
  static boolean declaresItsServices(Path jar, ModuleDescriptor module) throws IOException {
    Map<String, Set<String>> provided = new TreeMap<>();
    for (Provides p : module.provides()) {
      provided.put(p.service(), Set.copyOf(p.providers()));
    }
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry entry : zip.stream().toList()) {
        String name = entry.getName();
        if (entry.isDirectory() || !name.startsWith("META-INF/services/")) {
          continue;
        }
        String service = name.substring("META-INF/services/".length());
        Set<String> declared = provided.getOrDefault(service, Set.of());
        try (InputStream in = zip.getInputStream(entry)) {
          for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            String provider = line.replaceFirst("#.*", "").strip();
            if (!provider.isEmpty() && !declared.contains(provider)) {
              return false;
            }
          }
        }
      }
    }
    return true;
  }

  private static boolean resolvable(
      ModuleDescriptor module, Set<String> linked, Set<String> platform) {
    for (Requires r : module.requires()) {
      boolean optional = r.modifiers().contains(Requires.Modifier.STATIC);
      if (!optional && !linked.contains(r.name()) && !platform.contains(r.name())) {
        return false;
      }
    }
    return true;
  }

  /** The packages a jar's classes are in (its versioned classes included). */
  static Set<String> packages(Path jar) throws IOException {
    Set<String> packages = new HashSet<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry entry : zip.stream().toList()) {
        String name = entry.getName().replaceFirst("^META-INF/versions/[0-9]+/", "");
        int slash = name.lastIndexOf('/');
        if (name.endsWith(".class") && slash > 0 && !name.startsWith("META-INF/")) {
          packages.add(name.substring(0, slash).replace('/', '.'));
        }
      }
    }
    return packages;
  }

  private static boolean disjoint(Set<String> a, Set<String> b) {
    return a.stream().noneMatch(b::contains);
  }
}
