package dev.gort.gateway.attempt;

import dev.gort.gateway.runner.RunnerReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import org.hibernate.query.NativeQuery;
import org.jboss.logging.Logger;

/**
 * Records what a runner reported about an attempt's job, from a callback or recovered by a status
 * poll: the first report of an ended job is stored and decides the attempt; later ones only count.
 * The caller holds the attempt's row and has checked that the report is about its job.
 */
@ApplicationScoped
public class Reports {

  private static final Logger LOG = Logger.getLogger(Reports.class);

  @Inject EntityManager em;
  @Inject Clock clock;
  @Inject AttemptOutcomes outcomes;

  /** What recording a report did. {@code why} says why a first report changed nothing. */
  public record Recorded(boolean duplicate, String why) {

    static final Recorded DECIDED = new Recorded(false, null);

    public boolean changedNothing() {
      return duplicate || why != null;
    }
  }

  public Recorded record(Attempt a, RunnerReport report, String body) {
    if (!report.isFinished()) {
      return progress(a, report);
    }
    boolean first =
        (Boolean)
            em.createNativeQuery(
                    "INSERT INTO runner_callback"
                        + " (attempt_id, runner, status, results_url, body, received_at)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                        + " ON CONFLICT (attempt_id)"
                        + " DO UPDATE SET deliveries = runner_callback.deliveries + 1"
                        + " RETURNING (xmax = 0)")
                .unwrap(NativeQuery.class)
                // no entity table: no flush of the attempts before it
                .addSynchronizedQuerySpace("runner_callback")
                .setParameter(1, a.id)
                .setParameter(2, a.runner)
                .setParameter(3, report.outcome().name())
                .setParameter(4, report.resultsUrl())
                .setParameter(5, body)
                .setParameter(6, clock.instant())
                .getSingleResult();
    if (!first) {
      LOG.infof("duplicate report for run %s attempt %d ignored", a.runId, a.attempt);
      return new Recorded(true, null);
    }
    if (!a.awaitsReport()) {
      LOG.infof(
          "run %s attempt %d: %s report after the attempt ended %s; stored, not reported",
          a.runId, a.attempt, report.outcome(), a.state);
      return new Recorded(false, "attempt is " + a.state);
    }
    if (a.state == AttemptState.PENDING) {
      // the runner reported before the record of handing it the job committed
      outcomes.handedOver(a, report.jobId());
    }
    outcomes.reported(a, report.outcome(), report.resultsUrl(), report.detail(), report.exitCode());
    return Recorded.DECIDED;
  }

  /** A job still running: moves nothing backwards, but tells a pending attempt its job. */
  private Recorded progress(Attempt a, RunnerReport report) {
    if (a.state == AttemptState.PENDING) {
      outcomes.handedOver(a, report.jobId());
      return Recorded.DECIDED;
    }
    return new Recorded(
        false, "progress: " + (report.detail() == null ? "running" : report.detail()));
  }
}
