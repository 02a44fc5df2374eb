package org.openvitals.connectors.sync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One sync of a source at a time across processes (the app, {@code openvitals sync}, a headless
 * scheduler) sharing a data folder: an OS file lock on {@code <dir>/<provider>.lock}. The OS drops
 * the lock when a process dies, so a crash never leaves a source locked.
 */
final class SourceLocks {
  private final Path dir;

  SourceLocks(Path dir) {
    this.dir = dir;
  }

  /** A held lock; closing it lets other processes sync the source. */
  record Held(FileChannel channel, FileLock lock) implements AutoCloseable {
    @Override
    public void close() {
      try {
        channel.close(); // releases the lock
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The source's lock, or empty while another process (or another engine here) holds it. */
  Optional<Held> tryLock(String provider) {
    FileChannel channel = null;
    try {
      Files.createDirectories(dir);
      channel =
          FileChannel.open(
              dir.resolve(provider + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        return Optional.empty();
      }
      return Optional.of(new Held(channel, lock));
    } catch (OverlappingFileLockException heldInThisProcess) {
      closeQuietly(channel);
      return Optional.empty();
    } catch (IOException e) {
      closeQuietly(channel);
      throw new UncheckedIOException("Cannot lock " + dir.resolve(provider + ".lock"), e);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Nothing was locked through it.
      }
    }
  }
}
