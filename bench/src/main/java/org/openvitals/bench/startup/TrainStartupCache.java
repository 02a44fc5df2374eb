package org.openvitals.bench.startup;

import java.nio.file.Path;
import java.util.List;
import org.openvitals.app.shell.StartupCache;

/**
 * Makes a packaged app's start-up cache as that package's own desktop app would: {@link
 * StartupBench} runs this in a child JVM on the package's runtime and class path (this class
 * appended), so the package's own {@link StartupCache} decides the training's options and
 * arguments. A bench built from another version would otherwise train every package its own way,
 * and a change to the training would show in the package before it too.
 *
 * <p>Arguments: {@code PURPOSE CACHE RUNTIME CLASS_PATH [JVM_OPTION...]}, as {@link
 * StartupCache#of} takes them. Prints {@code made} or {@code present}.
 */
public final class TrainStartupCache {
  private TrainStartupCache() {}

  public static void main(String[] args) throws Exception {
    boolean made =
        StartupCache.of(
                StartupCache.Purpose.valueOf(args[0]),
                Path.of(args[1]),
                Path.of(args[2]),
                args[3],
                List.of(args).subList(4, args.length))
            .makeIfNeeded();
    System.out.println(made ? "made" : "present");
  }
}
