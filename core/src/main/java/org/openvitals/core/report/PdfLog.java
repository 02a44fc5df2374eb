package org.openvitals.core.report;

import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import com.openhtmltopdf.util.XRLogger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * openhtmltopdf's messages through java.util.logging's loggers of their names, like every other
 * library's, so that they reach the app's log file (LibraryLog in the app). Its default logger
 * gives its loggers a console handler of their own and cuts them off from the root's: a PDF report
 * then printed three INFO lines on the terminal, whatever the app's logging said.
 */
final class PdfLog implements XRLogger {
  private PdfLog() {}

  /** Makes openhtmltopdf log through this class, once for the JVM. */
  static synchronized void install() {
    if (!(XRLog.getLoggerImpl() instanceof PdfLog)) {
      XRLog.setLoggerImpl(new PdfLog());
    }
  }

  @Override
  public void log(String where, Level level, String msg) {
    Logger.getLogger(where).log(level, msg);
  }

  @Override
  public void log(String where, Level level, String msg, Throwable th) {
    Logger.getLogger(where).log(level, msg, th);
  }

  @Override
  public void setLevel(String logger, Level level) {
    Logger.getLogger(logger).setLevel(level);
  }

  @Override
  public boolean isLogLevelEnabled(Diagnostic diagnostic) {
    return Logger.getLogger(diagnostic.getLogMessageId().getWhere())
        .isLoggable(diagnostic.getLevel());
  }
}
