package dev.gort.gateway.halt;

import dev.gort.gateway.attempt.Attempt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Asks for jobs to be halted at their runners; the {@link HaltQueue} does it. */
@ApplicationScoped
public class Halts {

  private static final Logger LOG = Logger.getLogger(Halts.class);

  @Inject EntityManager em;
  @Inject Clock clock;

  /** Halts {@code a}'s own job, if it has one; in the caller's transaction. */
  public void haltJobOf(Attempt a, HaltReason why) {
    if (a.runnerJobId != null) {
      halt(a, a.runnerJobId, why);
    }
  }

  /**
   * Halts job {@code jobId} that the runner started for attempt {@code a}; once per job however
   * often it is asked. In the caller's transaction.
   */
  public void halt(Attempt a, String jobId, HaltReason why) {
    Instant now = clock.instant();
    int inserted =
        em.createNativeQuery(
                "INSERT INTO job_halt (id, attempt_id, runner, job_id, kind, settings, why,"
                    + " requested_at, next_try_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)"
                    + " ON CONFLICT (runner, job_id) DO NOTHING")
            .setParameter(1, UUID.randomUUID().toString())
            .setParameter(2, a.id)
            .setParameter(3, a.runner)
            .setParameter(4, jobId)
            .setParameter(5, a.kind)
            .setParameter(6, a.settingsJson)
            .setParameter(7, why.word())
            .setParameter(8, now)
            .executeUpdate();
    if (inserted == 1 && why == HaltReason.UNWANTED) {
      LOG.infof(
          "run %s attempt %d: job %s at %s is not wanted (the attempt is %s%s); halting it",
          a.runId,
          a.attempt,
          jobId,
          a.runner,
          a.state,
          a.runnerJobId == null ? "" : " with job " + a.runnerJobId);
    }
  }
}
