package org.openvitals.core.store.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Read connections, reused. A borrower never waits: when every pooled connection is busy a new one
 * is opened, so a read nested inside a streaming read cannot deadlock. At most {@code maxIdle}
 * connections are kept open between reads.
 */
final class ReaderPool implements AutoCloseable {

  private final SqlSampleStore.ConnectionOpener opener;
  private final int maxIdle;
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  ReaderPool(SqlSampleStore.ConnectionOpener opener, int maxIdle) {
    this.opener = opener;
    this.maxIdle = maxIdle;
  }

  Connection borrow() throws SQLException {
    Connection c = idle.pollFirst();
    return c != null ? c : opener.open();
  }

  void release(Connection c) {
    if (!closed && idle.size() < maxIdle) {
      idle.addFirst(c);
      // close() may have drained the pool between the check and the add.
      if (closed && idle.remove(c)) {
        closeQuietly(c);
      }
      return;
    }
    closeQuietly(c);
  }

  @Override
  public void close() {
    closed = true;
    for (Connection c; (c = idle.pollFirst()) != null; ) {
      closeQuietly(c);
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // Closing a read connection cannot lose data.
    }
  }
}
