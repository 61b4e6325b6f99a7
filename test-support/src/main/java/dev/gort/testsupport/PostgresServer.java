package dev.gort.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/** A PostgreSQL server on which tests create databases of their own and drop them afterwards. */
public record PostgresServer(String host, int port, String user, String password) {

  public static PostgresServer local() {
    String host = envOr("GORT_TEST_PGHOST", "127.0.0.1");
    int port = Integer.parseInt(envOr("GORT_TEST_PGPORT", "5432"));
    return new PostgresServer(host, port, envOr("GORT_TEST_PGUSER", "postgres"), "");
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /** Creates an empty database with a unique name starting with {@code gort_test_<purpose>_}. */
  public String createDatabase(String purpose) {
    String name =
        ("gort_test_" + purpose + "_" + UUID.randomUUID().toString().substring(0, 8))
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9_]", "_");
    execute("CREATE DATABASE " + name);
    return name;
  }

  public void dropDatabase(String name) {
    if (!name.startsWith("gort_test_")) {
      throw new IllegalArgumentException(
          "refusing to drop a database tests did not create: " + name);
    }
    execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), user, password);
  }

  private void execute(String sql) {
    try (Connection c = connect("postgres");
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL at " + host + ":" + port + " refused: " + sql + ": " + e.getMessage(), e);
    }
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
