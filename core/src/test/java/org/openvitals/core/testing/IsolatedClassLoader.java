package org.openvitals.core.testing;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Loads the test's class path itself (not from the parent), so it can say which classes the code it
 * ran loaded: tests of what start-up leaves out (docs/architecture.md, "Start-up") run their probe
 * in a loader of their own and ask it afterwards.
 */
public final class IsolatedClassLoader extends URLClassLoader {
  public IsolatedClassLoader() {
    super(classPath(), ClassLoader.getPlatformClassLoader());
  }

  /** Whether code run through this loader has loaded the class of that name. */
  public boolean loaded(String className) {
    return findLoadedClass(className) != null;
  }

  /**
   * A new instance of the probe class (public, with a public no-argument constructor) loaded by
   * this loader; each call runs with this loader as the thread's context loader, so what the probe
   * finds through it (service loaders, Flyway's scripts) is loaded here too.
   */
  @SuppressWarnings("unchecked")
  public <T, R> Function<T, R> probe(Class<? extends Function<T, R>> type)
      throws ReflectiveOperationException {
    Function<T, R> probe =
        (Function<T, R>) loadClass(type.getName()).getConstructor().newInstance();
    return argument -> {
      Thread thread = Thread.currentThread();
      ClassLoader before = thread.getContextClassLoader();
      thread.setContextClassLoader(this);
      try {
        return probe.apply(argument);
      } finally {
        thread.setContextClassLoader(before);
      }
    };
  }

  private static URL[] classPath() {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(entry -> {
          try {
            return Path.of(entry).toUri().toURL();
          } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
          }
        })
        .toArray(URL[]::new);
  }
}
