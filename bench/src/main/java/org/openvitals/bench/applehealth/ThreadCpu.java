package org.openvitals.bench.applehealth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time per kind of thread (parser, writer, JIT compilers, GC) read from Linux's /proc, which
 * also sees the JVM's own threads that {@code ThreadMXBean} hides. Empty elsewhere.
 */
final class ThreadCpu {
  private ThreadCpu() {}

  /** CPU nanoseconds per thread group so far; threads that ended are not counted. */
  static Map<String, Long> byThreadGroup() {
    Map<String, Long> cpu = new HashMap<>();
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return cpu;
    }
    try (Stream<Path> s = Files.list(tasks)) {
      for (Path task : s.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          int close = stat.lastIndexOf(')');
          String name = stat.substring(stat.indexOf('(') + 1, close);
          String[] f = stat.substring(close + 2).split(" ");
          // Fields 14 and 15 (utime, stime) are the 12th and 13th after the name.
          long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
          cpu.merge(group(name) + "#" + task.getFileName(), ticks * 10_000_000L, Long::sum);
        } catch (IOException | RuntimeException e) {
          // The thread ended while we looked.
        }
      }
    } catch (IOException e) {
      return cpu;
    }
    return cpu;
  }

  /** CPU per group since {@code before}, counting threads that started in between. */
  static Map<String, Long> since(Map<String, Long> before) {
    Map<String, Long> now = byThreadGroup();
    Map<String, Long> groups = new TreeMap<>();
    now.forEach((thread, nanos) ->
        groups.merge(
            thread.substring(0, thread.indexOf('#')),
            nanos - before.getOrDefault(thread, 0L),
            Long::sum));
    groups.values().removeIf(n -> n < 50_000_000L);
    return groups;
  }

  static String describe(Map<String, Long> groups) {
    return groups.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .map(e -> String.format(Locale.ROOT, "%s %.1f s", e.getKey(), e.getValue() / 1e9))
        .collect(Collectors.joining(", "));
  }

  private static String group(String threadName) {
    if (threadName.startsWith("C2 Compiler")) {
      return "JIT C2";
    } else if (threadName.startsWith("C1 Compiler")) {
      return "JIT C1";
    } else if (threadName.startsWith("GC ") || threadName.startsWith("G1 ")) {
      return "GC";
    } else if (threadName.startsWith("apple-health-wr")) {
      return "writer";
    } else if (threadName.equals("main") || threadName.equals("java")) {
      return "parser (main)";
    }
    return "other";
  }
}
