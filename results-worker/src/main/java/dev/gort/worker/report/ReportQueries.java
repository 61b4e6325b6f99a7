package dev.gort.worker.report;

import dev.gort.worker.report.ReportViews.Suite;
import dev.gort.worker.report.ReportViews.TestCase;
import dev.gort.worker.report.ReportViews.TestCaseDetail;
import dev.gort.worker.results.TestStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads a report's suites and test cases (native SQL: they are rows, not entities). */
@ApplicationScoped
public class ReportQueries {

  /** Suites a report's detail lists; more are counted, not listed. */
  public static final int SUITES_SHOWN = 500;

  private static final String CASE_COLUMNS =
      "seq, suite, name, class_name, status, duration_ms, message, flaky, log_url";

  @Inject EntityManager em;

  /** The first {@code limit} suites by name, each with its cases counted by status. */
  public List<Suite> suites(String reportId, int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT suite, count(*),"
                    + " count(*) FILTER (WHERE status = 'PASSED'),"
                    + " count(*) FILTER (WHERE status = 'FAILED'),"
                    + " count(*) FILTER (WHERE status = 'ERROR'),"
                    + " count(*) FILTER (WHERE status = 'SKIPPED'),"
                    + " count(*) FILTER (WHERE status = 'MISSED'),"
                    + " coalesce(sum(duration_ms), 0)"
                    + " FROM report_test_case WHERE report_id = ?1"
                    + " GROUP BY suite ORDER BY suite LIMIT ?2")
            .setParameter(1, reportId)
            .setParameter(2, limit)
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new Suite(
                    (String) r[0],
                    count(r[1]),
                    count(r[2]),
                    count(r[3]),
                    count(r[4]),
                    count(r[5]),
                    count(r[6]),
                    ((Number) r[7]).longValue()))
        .toList();
  }

  /**
   * {@code limit} test cases from {@code skip} in document order, of the given statuses (all when
   * empty) and suite (any when null).
   */
  public List<TestCase> cases(
      String reportId, Set<TestStatus> statuses, String suite, int skip, int limit) {
    StringBuilder sql =
        new StringBuilder(
            "SELECT " + CASE_COLUMNS + " FROM report_test_case WHERE report_id = :report");
    if (!statuses.isEmpty()) {
      sql.append(" AND status IN (:statuses)");
    }
    if (suite != null) {
      sql.append(" AND suite = :suite");
    }
    sql.append(" ORDER BY seq OFFSET :skip LIMIT :limit");
    var query = em.createNativeQuery(sql.toString()).setParameter("report", reportId);
    if (!statuses.isEmpty()) {
      query.setParameter("statuses", statuses.stream().map(TestStatus::name).toList());
    }
    if (suite != null) {
      query.setParameter("suite", suite);
    }
    query.setParameter("skip", skip).setParameter("limit", limit);
    @SuppressWarnings("unchecked")
    List<Object[]> rows = query.getResultList();
    return rows.stream().map(ReportQueries::testCase).toList();
  }

  public Optional<TestCaseDetail> testCase(String reportId, int seq) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT "
                    + CASE_COLUMNS
                    + ", output FROM report_test_case WHERE report_id = ?1 AND seq = ?2")
            .setParameter(1, reportId)
            .setParameter(2, seq)
            .getResultList();
    return rows.stream().findFirst().map(r -> new TestCaseDetail(testCase(r), (String) r[9]));
  }

  private static TestCase testCase(Object[] r) {
    return new TestCase(
        ((Number) r[0]).intValue(),
        (String) r[1],
        (String) r[2],
        (String) r[3],
        (String) r[4],
        r[5] == null ? null : ((Number) r[5]).longValue(),
        (String) r[6],
        (Boolean) r[7],
        (String) r[8]);
  }

  private static int count(Object value) {
    return ((Number) value).intValue();
  }
}
