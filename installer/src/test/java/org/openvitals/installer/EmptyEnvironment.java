package org.openvitals.installer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command as on a system with nothing else installed: none of this JVM's environment, only
 * {@code PATH=/usr/bin:/bin} and the variables given, so what runs is the package's own.
 */
final class EmptyEnvironment {
  private EmptyEnvironment() {}

  /** Exit code and output (stdout and stderr together). */
  record Run(int code, String output) {
    List<String> lines() {
      return output.lines().toList();
    }
  }

  static Run run(List<String> command, Map<String, String> env, Path dir, Duration timeout)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("PATH", "/usr/bin:/bin");
    builder.environment().putAll(env);
    builder.directory(dir.toFile());
    Process p = builder.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
        .as("finished: " + command)
        .isTrue();
    return new Run(p.exitValue(), output);
  }
}
