package org.sanctuarycity.workflow.common;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure means the database is away (down, restarting, not accepting connections) rather than that the
 * request was wrong: then the answer is 503 with Retry-After, and the client tries again once it is back.
 */
public final class DatabaseOutage {

  /** Seconds a client is asked to wait; the pool reconnects by itself once PostgreSQL is back. */
  public static final int RETRY_AFTER_SECONDS = 10;

  private DatabaseOutage() {}

  /**
   * PostgreSQL's class 22, data exception: the value itself cannot be stored (a NUL character, out of range). That is
   * the client's input, not an outage: a 400.
   */
  public static boolean isDataException(Throwable t) {
    return t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22");
  }

  public static boolean causedBy(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
          || t instanceof ConnectException || t instanceof CannotCreateTransactionException
          || t instanceof DataAccessResourceFailureException) {
        return true;
      }
      // A commit or rollback that failed on the connection itself (the pool's "Connection is closed" has no
      // SQLState): the server cut the connection under the transaction.
      if (t instanceof org.hibernate.TransactionException && t.getCause() instanceof SQLException) {
        return true;
      }
      // 08: connection exceptions; 57P01-57P03: the server shut down or is starting; 55000 at connect: the
      // database does not accept connections now.
      if (t instanceof SQLException sql && sql.getSQLState() != null
          && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
        return true;
      }
    }
    return false;
  }
}
