package org.openvitals.app.logging;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.ErrorManager;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.openvitals.core.store.PrivateFiles;

/**
 * Where the libraries' own logging goes (Flyway and the SQLite driver through SLF4J, JavaFX through
 * {@code java.util.logging}): to {@code logs/openvitals-0.log} in the data folder, rotated at 1 MB
 * over five files, never to the terminal, which gets the one sentence the command prints. Messages
 * logged before the data folder is known are kept (up to {@value #EARLY_RECORDS}) and written when
 * it is; when the log file cannot be written (a full disk, a read-only folder) they are dropped
 * rather than shown.
 */
public final class LibraryLog {
  public static final String FOLDER = "logs";
  static final String FILE_PATTERN = "openvitals-%g.log";
  public static final int LIMIT_BYTES = 1 << 20;
  public static final int FILES = 5;
  private static final int EARLY_RECORDS = 500;

  private static final Deque<LogRecord> early = new ArrayDeque<>();

  private static FileHandler file;
  private static Path folder;
  private static Path wanted;

  /** The one handler on the root logger: the file once there is one, else the early buffer. */
  private static final Handler ROUTER =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          synchronized (LibraryLog.class) {
            if (file == null && wanted != null) {
              open(wanted); // the data folder may exist by now
            }
            if (file != null) {
              file.publish(r);
            } else {
              if (early.size() == EARLY_RECORDS) {
                early.removeFirst();
              }
              early.addLast(r);
            }
          }
        }

        @Override
        public void flush() {
          synchronized (LibraryLog.class) {
            if (file != null) {
              file.flush();
            }
          }
        }

        @Override
        public void close() {}
      };

  private LibraryLog() {}

  /** Takes the terminal's console handler off the root logger and puts the router in its place. */
  public static synchronized void install() {
    Logger root = LogManager.getLogManager().getLogger("");
    for (Handler h : root.getHandlers()) {
      if (h != ROUTER) {
        root.removeHandler(h);
      }
    }
    if (root.getHandlers().length == 0) {
      root.addHandler(ROUTER);
    }
    root.setLevel(Level.INFO);
  }

  /**
   * Writes the log into {@code dataDir/logs} from now on (the folder is made owner-only). The file
   * is created with the first message, once the data folder exists: a command that only looks, such
   * as {@code doctor} on a folder without a store, creates nothing.
   */
  public static synchronized void useFolder(Path dataDir) {
    Path dir = dataDir.toAbsolutePath();
    if (dir.resolve(FOLDER).equals(folder)) {
      return;
    }
    if (file != null) {
      file.close();
      file = null;
      folder = null;
    }
    wanted = dir;
  }

  private static void open(Path dataDir) {
    if (!Files.isDirectory(dataDir)) {
      return;
    }
    Path logs = dataDir.resolve(FOLDER);
    try {
      PrivateFiles.createFolder(logs);
      FileHandler handler =
          new FileHandler(logs.resolve(FILE_PATTERN).toString(), LIMIT_BYTES, FILES, true);
      handler.setEncoding(StandardCharsets.UTF_8.name());
      handler.setFormatter(new OneLine());
      // The default error manager prints stack traces to stderr, e.g. on a full disk.
      handler.setErrorManager(
          new ErrorManager() {
            @Override
            public synchronized void error(String msg, Exception ex, int code) {}
          });
      file = handler;
      folder = logs;
      while (!early.isEmpty()) {
        file.publish(early.removeFirst());
      }
      file.flush();
      PrivateFiles.tighten(dataDir);
    } catch (IOException | RuntimeException unwritable) {
      // A full disk or a read-only folder: messages stay in the early buffer or are dropped.
      wanted = null;
    }
  }

  /** Where the log of a data folder is, whether or not it exists yet. */
  public static Path fileIn(Path dataDir) {
    return dataDir.resolve(FOLDER).resolve(FILE_PATTERN.replace("%g", "0"));
  }

  /** {@code 2026-12-02 14:03:11.123 WARNING org.flywaydb...: message}, then the stack trace. */
  static final class OneLine extends Formatter {
    private static final DateTimeFormatter TIME =
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    @Override
    public String format(LogRecord r) {
      StringBuilder line =
          new StringBuilder()
              .append(TIME.format(Instant.ofEpochMilli(r.getMillis())))
              .append(' ')
              .append(r.getLevel().getName())
              .append(' ')
              .append(r.getLoggerName())
              .append(": ")
              .append(formatMessage(r))
              .append(System.lineSeparator());
      if (r.getThrown() != null) {
        StringWriter trace = new StringWriter();
        r.getThrown().printStackTrace(new PrintWriter(trace));
        line.append(trace);
      }
      return line.toString();
    }
  }
}
