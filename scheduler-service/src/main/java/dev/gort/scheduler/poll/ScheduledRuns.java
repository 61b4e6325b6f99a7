package dev.gort.scheduler.poll;

import dev.gort.common.pipeline.PipelineSpec;
import dev.gort.scheduler.experiment.SourceExperiment;
import dev.gort.scheduler.experiment.TestConfigs;
import dev.gort.scheduler.pipeline.PipelineChecks;
import dev.gort.scheduler.pipeline.PipelineRunView;
import dev.gort.scheduler.pipeline.PipelineRuns;
import dev.gort.scheduler.run.RunService;
import dev.gort.scheduler.run.RunView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Seed 000, "Github Scheduler": an experiment ready for test that has no run for its current
 * revision gets one. The claim of (experiment, revision) and the run commit together, and only the
 * transaction whose claim row landed creates the run: scheduler replicas polling the same source
 * into the same database never create two runs for one revision. The run is a pipeline run when the
 * experiment's test configuration holds a pipeline (issue 13), a single-job test run otherwise;
 * either kind counts as the revision's run and, while unfinished, keeps later revisions waiting.
 */
@ApplicationScoped
public class ScheduledRuns {

  /** What a poll did about one experiment. */
  public enum Decision {
    /** A run was created for the current revision. */
    CREATED,
    /** Not ready for test. */
    NOT_READY,
    /** A run (scheduled or triggered) exists for this revision already. */
    ALREADY_TESTED,
    /** A run of an earlier revision is unfinished; a later poll tests this one. */
    BUSY,
    /** Another poller claimed this revision first. */
    CLAIMED_ELSEWHERE
  }

  private static final Logger LOG = Logger.getLogger(ScheduledRuns.class);

  /** Who a scheduled run was requested by, as its history and notifications say. */
  static final String REQUESTED_BY = "the scheduler";

  private static final String TESTED =
      "SELECT EXISTS (SELECT 1 FROM test_run WHERE experiment = ? AND revision = ?)"
          + " OR EXISTS (SELECT 1 FROM pipeline_run WHERE experiment = ? AND commit_sha = ?)"
          + " OR EXISTS (SELECT 1 FROM experiment_revision_claim WHERE experiment = ? AND revision = ?)";
  private static final String UNFINISHED =
      "SELECT EXISTS (SELECT 1 FROM test_run WHERE experiment = ? AND state <> 'FINISHED')"
          + " OR EXISTS (SELECT 1 FROM pipeline_run WHERE experiment = ?"
          + " AND status IN ('NOT_STARTED', 'RUNNING', 'WAITING_FOR_USER'))";
  private static final String CLAIM =
      "INSERT INTO experiment_revision_claim (experiment, revision, poll_id, claimed_at)"
          + " VALUES (?, ?, ?, ?) ON CONFLICT (experiment, revision) DO NOTHING";
  private static final String ATTACH =
      "UPDATE experiment_revision_claim SET run_id = ? WHERE experiment = ? AND revision = ?";
  private static final String ATTACH_PIPELINE_RUN =
      "UPDATE experiment_revision_claim SET pipeline_run_id = ?"
          + " WHERE experiment = ? AND revision = ?";

  @Inject DataSource dataSource;
  @Inject RunService runs;
  @Inject PipelineRuns pipelineRuns;
  @Inject TestConfigs configs;
  @Inject Clock clock;

  /**
   * Creates the run {@code experiment} is due, if it is due, in a transaction of its own. A run
   * another request created meanwhile surfaces as the exception {@link RunService#request} throws
   * (409 or a unique-index violation); the transaction then rolls back, claim included, and a later
   * poll decides again.
   */
  @Transactional(Transactional.TxType.REQUIRES_NEW)
  public Decision startIfDue(SourceExperiment experiment, String pollId) {
    if (!experiment.readyForTest()) {
      return Decision.NOT_READY;
    }
    String slug = experiment.slug();
    String revision = experiment.revision();
    try (Connection c = dataSource.getConnection()) {
      if (exists(c, TESTED, slug, revision, slug, revision, slug, revision)) {
        return Decision.ALREADY_TESTED;
      }
      if (exists(c, UNFINISHED, slug, slug)) {
        return Decision.BUSY;
      }
      // Blocks while another transaction holds an uncommitted claim of the same revision; once
      // that commits, this insert does nothing, and once it rolls back, this one lands.
      if (update(c, CLAIM, slug, revision, pollId, clock.instant().atOffset(ZoneOffset.UTC)) == 0) {
        return Decision.CLAIMED_ELSEWHERE;
      }
      Optional<PipelineSpec> pipeline = configs.pipelineForSchedule(slug);
      if (pipeline.isPresent()) {
        PipelineRunView run = startPipelineRun(experiment, pipeline.get());
        update(c, ATTACH_PIPELINE_RUN, run.id(), slug, revision);
        LOG.infof(
            "poll %s: pipeline run %s (%s #%d) for %s at revision %s",
            pollId, run.id(), run.pipeline(), run.number(), slug, revision);
        return Decision.CREATED;
      }
      RunView run =
          runs.request(
              experiment,
              configs.forSchedule(slug),
              "scheduled: revision " + revision + " is ready for test (poll " + pollId + ")",
              REQUESTED_BY);
      update(c, ATTACH, run.id(), slug, revision);
      LOG.infof("poll %s: run %s for %s at revision %s", pollId, run.id(), slug, revision);
      return Decision.CREATED;
    } catch (SQLException e) {
      throw new IllegalStateException("could not schedule " + slug + ": " + e.getMessage(), e);
    }
  }

  /**
   * The pipeline run a scheduled test run of {@code experiment} is: its configured pipeline as it
   * was checked when the configuration was stored, started at once, for the experiment at its
   * revision (the commit, when the revision is one a runner takes), owned by the experiment's owner
   * and requested by the scheduler. Joins the claim's transaction.
   */
  private PipelineRunView startPipelineRun(SourceExperiment experiment, PipelineSpec pipeline) {
    String revision = experiment.revision();
    String commit = PipelineChecks.isLabel(revision) ? revision : null;
    String owner =
        experiment.owner() == null || experiment.owner().isBlank() ? null : experiment.owner();
    return pipelineRuns.create(
        new PipelineRuns.NewRun(pipeline, experiment.slug(), null, commit, true, false),
        REQUESTED_BY,
        owner);
  }

  private static boolean exists(Connection c, String sql, Object... parameters)
      throws SQLException {
    try (PreparedStatement s = prepare(c, sql, parameters);
        ResultSet rs = s.executeQuery()) {
      return rs.next() && rs.getBoolean(1);
    }
  }

  private static int update(Connection c, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement s = prepare(c, sql, parameters)) {
      return s.executeUpdate();
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      s.setObject(i + 1, parameters[i]);
    }
    return s;
  }
}
