package dev.gort.scheduler.experiment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;

/** The experiments the polls saw, and the experiments list built from them and the runs. */
@ApplicationScoped
public class SeenExperiments {

  private static final String UPSERT =
      """
      INSERT INTO experiment AS e (slug, name, owner, owner_email, revision, ready_for_test,
                                   first_seen_at, last_seen_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (slug) DO UPDATE
         SET name = EXCLUDED.name, owner = EXCLUDED.owner, owner_email = EXCLUDED.owner_email,
             revision = EXCLUDED.revision, ready_for_test = EXCLUDED.ready_for_test,
             last_seen_at = EXCLUDED.last_seen_at
       WHERE e.last_seen_at <= EXCLUDED.last_seen_at
      """;

  // Experiments a poll saw plus those only known from a triggered run, each with its latest run
  // and the outcome of its latest finished run. RUNNING while a test run or a pipeline run of it is
  // unfinished; the latest run shown is its latest test run.
  private static final String LIST =
      """
      WITH known AS (SELECT slug FROM experiment UNION SELECT experiment FROM test_run)
      SELECT k.slug, e.name, COALESCE(e.owner, lr.owner), e.revision, e.ready_for_test,
             e.last_seen_at,
             EXISTS (SELECT 1 FROM test_run u WHERE u.experiment = k.slug AND u.state <> 'FINISHED')
               OR EXISTS (SELECT 1 FROM pipeline_run p WHERE p.experiment = k.slug
                            AND p.status IN ('NOT_STARTED', 'RUNNING', 'WAITING_FOR_USER')),
             lr.id, lr.revision, lr.state, lr.outcome, lr.operation_id, lr.created_at,
             lr.last_action_at, lf.outcome, tc.runner, tc.kind
        FROM known k
        LEFT JOIN experiment e ON e.slug = k.slug
        LEFT JOIN test_config tc ON tc.experiment = k.slug
        LEFT JOIN LATERAL (SELECT * FROM test_run r WHERE r.experiment = k.slug
                            ORDER BY r.created_at DESC, r.id DESC LIMIT 1) lr ON TRUE
        LEFT JOIN LATERAL (SELECT f.outcome FROM test_run f
                            WHERE f.experiment = k.slug AND f.state = 'FINISHED'
                            ORDER BY f.created_at DESC, f.id DESC LIMIT 1) lf ON TRUE
       WHERE CAST(? AS TEXT) IS NULL OR COALESCE(e.owner, lr.owner) = ?
       ORDER BY k.slug
       LIMIT ? OFFSET ?
      """;

  @Inject DataSource dataSource;

  /**
   * Records what a poll saw at {@code seenAt}. Rows are written in slug order, so replicas
   * recording together wait for each other instead of deadlocking, and a poll that read the source
   * earlier never overwrites what a later poll recorded.
   */
  @Transactional
  public void record(List<SourceExperiment> experiments, Instant seenAt) {
    List<SourceExperiment> ordered =
        experiments.stream().sorted(Comparator.comparing(SourceExperiment::slug)).toList();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(UPSERT)) {
      OffsetDateTime at = seenAt.atOffset(ZoneOffset.UTC);
      for (SourceExperiment e : ordered) {
        s.setString(1, e.slug());
        s.setString(2, e.name());
        s.setString(3, e.owner());
        s.setString(4, e.ownerEmail());
        s.setString(5, e.revision());
        s.setBoolean(6, e.readyForTest());
        s.setObject(7, at);
        s.setObject(8, at);
        s.addBatch();
      }
      s.executeBatch();
    } catch (SQLException e) {
      throw new IllegalStateException("could not record the experiments seen: " + e, e);
    }
  }

  /**
   * One page of the experiments list, in slug order, read with {@code limit} as its size: those of
   * {@code owner}, or everyone's when null.
   */
  @Transactional
  public List<ExperimentView> list(String owner, int limit, int offset) {
    List<ExperimentView> views = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(LIST)) {
      s.setString(1, owner);
      s.setString(2, owner);
      s.setInt(3, limit);
      s.setInt(4, offset);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          views.add(view(rs));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the experiments: " + e, e);
    }
    return views;
  }

  private static ExperimentView view(ResultSet rs) throws SQLException {
    String runId = rs.getString(8);
    ExperimentView.LastRun lastRun =
        runId == null
            ? null
            : new ExperimentView.LastRun(
                runId,
                rs.getString(9),
                rs.getString(10),
                rs.getString(11),
                rs.getString(12),
                instant(rs, 13),
                instant(rs, 14));
    Boolean ready = rs.getBoolean(5);
    if (rs.wasNull()) {
      ready = null;
    }
    return new ExperimentView(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        ready,
        rs.getBoolean(7) ? ExperimentView.RUNNING : ExperimentView.IDLE,
        instant(rs, 6),
        lastRun,
        rs.getString(15),
        rs.getString(16) == null
            ? null
            : new ExperimentView.TestConfigSummary(rs.getString(16), rs.getString(17)));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
