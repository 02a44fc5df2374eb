package org.openvitals.core.store.h2;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionStore;
import org.openvitals.core.store.StoreException;
import org.openvitals.core.store.sql.SqlSampleStore;

/**
 * Finishes the commits that an earlier process began but did not end, which H2 2.5 leaves open.
 *
 * <p>H2 marks a transaction's undo log as committed, then turns its rows into committed ones one by
 * one, then clears the log. MVStore saves its file whenever its unsaved pages pass a share of the
 * heap, also half-way through that loop; a kill or a full disk right after such a save leaves a
 * file whose transaction is marked committed but not finished. At the next open H2 registers it as
 * committed and its {@code endLeftoverTransactions} calls {@code Transaction.commit()}, which in H2
 * 2.5 does nothing for a transaction that is no longer active. The transaction then stays open for
 * good: its rows stay locked ("Timeout trying to lock table" on the next write) and readers see its
 * samples without their rollups. This class does what H2 2.4 did: it finishes the commit from the
 * undo log and ends the transaction (see docs/architecture.md, Store).
 */
final class InterruptedCommits {

  private InterruptedCommits() {}

  /**
   * Finishes every leftover committed transaction of the database {@code c} belongs to, when {@code
   * c} is its only connection (right after the open, before anything writes).
   *
   * @return how many were finished
   */
  static int finish(Connection c, Path file) throws SQLException {
    SessionLocal session = (SessionLocal) c.unwrap(JdbcConnection.class).getSession();
    if (session.getDatabase().getSessions(false).length > 1) {
      // The database was open in this process already: its first connection did this, and a
      // committed transaction here may be another connection's commit in progress.
      return 0;
    }
    TransactionStore transactions = session.getDatabase().getStore().getTransactionStore();
    int finished = 0;
    for (Transaction t : transactions.getOpenTransactions()) {
      // No other connection has written yet, so a transaction marked committed comes from the
      // file.
      if (t.getStatus() == Transaction.STATUS_COMMITTED) {
        invoke(transactions, "commit", t, true, file); // true: recovery, the log is marked
        invoke(transactions, "endTransaction", t, true, file); // frees the id, saves the file
        finished++;
      }
    }
    return finished;
  }

  // Package-private in H2: there is no public way to finish a recovered commit.
  private static void invoke(
      TransactionStore store, String name, Transaction t, boolean flag, Path file) {
    try {
      Method m = TransactionStore.class.getDeclaredMethod(name, Transaction.class, boolean.class);
      m.setAccessible(true);
      m.invoke(store, t, flag);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw new StoreException(
          "Cannot open the store "
              + file
              + (SqlSampleStore.diskFull(cause, file)
                  ? ": the disk is full, and a commit that a crash or the full disk interrupted"
                      + " must be finished first; free some space (or move the data folder to a"
                      + " larger disk) and try again"
                  : ": could not finish a commit that a crash or a full disk interrupted: "
                      + cause.getMessage()),
          cause);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new StoreException(
          "Cannot open the store "
              + file
              + ": it holds a commit that a crash or a full disk interrupted, and this H2 version"
              + " has no TransactionStore."
              + name
              + " to finish it (see docs/architecture.md, Store)",
          e);
    }
  }
}
