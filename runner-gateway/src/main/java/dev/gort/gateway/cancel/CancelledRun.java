package dev.gort.gateway.cancel;

import jakarta.persistence.EntityManager;
import java.time.Instant;

/** The runs the owner cancelled ({@code cancelled_run}); a late request for one is dropped. */
public final class CancelledRun {

  private CancelledRun() {}

  public static boolean isCancelled(EntityManager em, String runId) {
    return !em.createNativeQuery("SELECT 1 FROM cancelled_run WHERE run_id = ?1")
        .setParameter(1, runId)
        .getResultList()
        .isEmpty();
  }

  /** Records the cancellation; true the first time. Runs in the caller's transaction. */
  public static boolean record(EntityManager em, String runId, String reason, Instant at) {
    return em.createNativeQuery(
                "INSERT INTO cancelled_run (run_id, reason, cancelled_at) VALUES (?1, ?2, ?3)"
                    + " ON CONFLICT DO NOTHING")
            .setParameter(1, runId)
            .setParameter(2, reason)
            .setParameter(3, at)
            .executeUpdate()
        == 1;
  }
}
