package org.openvitals.connectors.sync;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Another process: holds a source's lock file until its stdin closes (run by SyncSchedulerTest).
 */
public final class LockHolder {
  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    try (FileChannel channel =
            FileChannel.open(
                Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        var lock = channel.lock()) {
      System.out.println("locked");
      System.out.flush();
      System.in.read();
    }
  }
}
