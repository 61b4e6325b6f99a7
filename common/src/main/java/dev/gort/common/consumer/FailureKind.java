package dev.gort.common.consumer;

import dev.gort.common.event.MalformedEventException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Why processing an event failed, which decides what its consumer does about it: wait for a
 * dependency that is down, dead-letter an event that can never be processed, or try a few more
 * times (a failure of another kind, a bug say) before dead-lettering it for a replay once fixed.
 */
public enum FailureKind {
  /** A dependency (database, broker, another service) is down or busy: retry until it is back. */
  DEPENDENCY_DOWN,
  /** The event can never be processed (undecodable, invalid): dead-letter it at once. */
  INVALID_EVENT,
  /** Anything else: retry a bounded number of times, then dead-letter it. */
  OTHER;

  // SQLSTATE classes of a database that cannot serve right now (PostgreSQL, Appendix A): 08
  // connection exception, 40 transaction rollback (serialization, deadlock), 53 insufficient
  // resources, 55 object not in prerequisite state (55P03 lock not available), 57 operator
  // intervention (57P01 admin shutdown, 57P03 cannot connect now), 58 system error.
  private static final Set<String> UNAVAILABLE_SQL_CLASSES =
      Set.of("08", "40", "53", "55", "57", "58");

  /** The kind of {@code failure}, from the failure and its causes. */
  public static FailureKind of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof MalformedEventException) {
        return INVALID_EVENT;
      }
      if (t instanceof DependencyUnavailable
          || t instanceof SQLTransientException
          || t instanceof SQLRecoverableException
          || isNetwork(t)
          || isUnavailable(t)) {
        return DEPENDENCY_DOWN;
      }
    }
    return OTHER;
  }

  // the network failing, not any I/O: a JSON error is an IOException too, and never goes away
  private static boolean isNetwork(Throwable t) {
    return t instanceof ConnectException
        || t instanceof NoRouteToHostException
        || t instanceof SocketTimeoutException
        || t instanceof UnknownHostException
        || t instanceof HttpTimeoutException
        || t.getClass() == SocketException.class;
  }

  private static boolean isUnavailable(Throwable t) {
    if (t instanceof SQLException sql) {
      String state = sql.getSQLState();
      // no SQLSTATE: the pool or driver could not even reach the server (acquisition timeout);
      // 57014 is a statement cancelled for taking too long, which it would again
      return state == null
          || state.length() < 2
          || (UNAVAILABLE_SQL_CLASSES.contains(state.substring(0, 2)) && !state.equals("57014"));
    }
    // the JPA and fault-tolerance forms of "not now", without a compile-time dependency on them
    return UNAVAILABLE_CLASSES.contains(t.getClass().getName());
  }

  private static final Set<String> UNAVAILABLE_CLASSES =
      Set.of(
          "jakarta.persistence.PessimisticLockException",
          "jakarta.persistence.LockTimeoutException",
          "jakarta.persistence.QueryTimeoutException",
          "org.hibernate.exception.JDBCConnectionException",
          "org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException",
          "org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException",
          "org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException");
}
