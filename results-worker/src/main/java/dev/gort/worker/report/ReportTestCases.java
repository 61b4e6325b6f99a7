package dev.gort.worker.report;

import dev.gort.worker.results.TestCaseResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.List;
import org.hibernate.Session;

/**
 * A report's test cases, written in JDBC batches within the caller's transaction: a report may hold
 * 100 000 of them, and one entity each would cost more than the parse.
 */
@ApplicationScoped
public class ReportTestCases {

  private static final int BATCH = 1_000;
  private static final String INSERT =
      "INSERT INTO report_test_case (report_id, seq, suite, name, class_name, status, duration_ms,"
          + " message, output, flaky, log_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  @Inject EntityManager em;

  /** Replaces the test cases of {@code reportId} with {@code cases}, in their order. */
  public void replace(String reportId, List<TestCaseResult> cases) {
    em.createNativeQuery("DELETE FROM report_test_case WHERE report_id = ?1")
        .setParameter(1, reportId)
        .executeUpdate();
    em.unwrap(Session.class)
        .doWork(
            connection -> {
              try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                int seq = 0;
                for (TestCaseResult c : cases) {
                  insert.setString(1, reportId);
                  insert.setInt(2, ++seq);
                  insert.setString(3, text(c.suite() == null ? "" : c.suite()));
                  insert.setString(4, text(c.name()));
                  insert.setString(5, text(c.className()));
                  insert.setString(6, c.status().name());
                  if (c.durationMs() == null) {
                    insert.setNull(7, Types.BIGINT);
                  } else {
                    insert.setLong(7, c.durationMs());
                  }
                  insert.setString(8, text(c.message()));
                  insert.setString(9, text(c.output()));
                  insert.setBoolean(10, c.flaky());
                  insert.setString(11, text(c.logUrl()));
                  insert.addBatch();
                  if (seq % BATCH == 0) {
                    insert.executeBatch();
                  }
                }
                insert.executeBatch();
              }
            });
  }

  /** PostgreSQL text holds no NUL character; a document that carried one keeps a U+FFFD instead. */
  private static String text(String value) {
    return value == null || value.indexOf('\0') < 0 ? value : value.replace('\0', '\uFFFD');
  }
}
