package dev.gort.common.testing;

import dev.gort.testsupport.PostgresServer;
import dev.gort.testsupport.TestInfrastructure;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh PostgreSQL database with the tables of {@code common} (outbox, inbox, causal clock),
 * dropped on {@link #close()}. Without JTA, a transaction is a {@link Transaction}: a data source
 * whose every connection is one shared connection with auto-commit off, committed or rolled back by
 * the test.
 */
public final class TestDatabase implements AutoCloseable {

  private static final List<String> MIGRATIONS =
      List.of("db/gort-common/V0_1__outbox_inbox.sql", "db/gort-common/V0_2__causal_clock.sql");

  private final PostgresServer server;
  private final String name;
  private final PGSimpleDataSource dataSource;

  private TestDatabase(PostgresServer server, String name) {
    this.server = server;
    this.name = name;
    this.dataSource = new PGSimpleDataSource();
    dataSource.setURL(server.jdbcUrl(name));
    dataSource.setUser(server.user());
    dataSource.setPassword(server.password());
  }

  /** A new database with every migration of {@code common} applied (outbox, inbox and more). */
  public static TestDatabase withOutboxAndInbox(String purpose) {
    PostgresServer server = TestInfrastructure.postgres();
    TestDatabase db = new TestDatabase(server, server.createDatabase(purpose));
    MIGRATIONS.forEach(m -> db.execute(migration(m)));
    return db;
  }

  private static String migration(String name) {
    try (InputStream in = TestDatabase.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Auto-commit connections, as a service outside a transaction sees the database. */
  public DataSource dataSource() {
    return dataSource;
  }

  public Transaction begin() {
    try {
      Connection c = dataSource.getConnection();
      c.setAutoCommit(false);
      return new Transaction(c);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public void execute(String sql) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** The single number a {@code SELECT count(*) ...} returns. */
  public long count(String sql, Object... params) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    server.dropDatabase(name);
  }

  /** One open database transaction, handed to code under test as a data source. */
  public static final class Transaction implements AutoCloseable {

    private final Connection connection;
    private final DataSource dataSource;
    private boolean finished;

    private Transaction(Connection connection) {
      this.connection = connection;
      this.dataSource = new SharedConnectionDataSource(unclosable(connection));
    }

    /** Every connection it gives is this transaction's; closing one leaves the transaction open. */
    public DataSource dataSource() {
      return dataSource;
    }

    public void commit() {
      finish(true);
    }

    public void rollback() {
      finish(false);
    }

    private void finish(boolean commit) {
      try {
        if (commit) {
          connection.commit();
        } else {
          connection.rollback();
        }
        finished = true;
        connection.close();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      if (!finished) {
        rollback();
      }
    }

    private static Connection unclosable(Connection connection) {
      return (Connection)
          Proxy.newProxyInstance(
              Connection.class.getClassLoader(),
              new Class<?>[] {Connection.class},
              (proxy, method, args) -> {
                if (method.getName().equals("close")) {
                  return null;
                }
                try {
                  return method.invoke(connection, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    }
  }

  private static final class SharedConnectionDataSource implements DataSource {

    private final Connection connection;

    SharedConnectionDataSource(Connection connection) {
      this.connection = connection;
    }

    @Override
    public Connection getConnection() {
      return connection;
    }

    @Override
    public Connection getConnection(String username, String password) {
      return connection;
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }
  }
}
