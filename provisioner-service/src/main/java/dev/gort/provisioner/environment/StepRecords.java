package dev.gort.provisioner.environment;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;

/** The step rows of environments: created with the environment, updated as steps run. */
@ApplicationScoped
public class StepRecords {

  @Inject EntityManager em;

  /** All ten steps, PENDING; inside the transaction that creates the environment. */
  void create(String environmentId) {
    for (Step step : Step.values()) {
      StepRecord record = new StepRecord();
      record.key = new StepRecord.Key(environmentId, step.code());
      record.position = step.position();
      record.status = StepRecord.Status.PENDING.name();
      em.persist(record);
    }
  }

  void started(String environmentId, String step, Instant now) {
    StepRecord record = em.find(StepRecord.class, new StepRecord.Key(environmentId, step));
    if (record != null && record.startedAt == null) {
      record.startedAt = now;
      record.status = StepRecord.Status.RUNNING.name();
    }
  }

  void progress(String environmentId, String step, String found) {
    StepRecord record = em.find(StepRecord.class, new StepRecord.Key(environmentId, step));
    if (record != null) {
      record.found = found;
    }
  }

  void ended(
      String environmentId, String step, StepRecord.Status status, String found, Instant now) {
    StepRecord record = em.find(StepRecord.class, new StepRecord.Key(environmentId, step));
    if (record != null) {
      record.status = status.name();
      record.found = found;
      record.endedAt = now;
      if (record.startedAt == null) {
        record.startedAt = now;
      }
    }
  }

  /** The steps not run yet are marked SKIPPED (after a failure or a cancel). */
  void skipRest(String environmentId) {
    em.createQuery(
            "UPDATE StepRecord s SET s.status = 'SKIPPED' WHERE s.key.environmentId = ?1"
                + " AND s.status = 'PENDING'")
        .setParameter(1, environmentId)
        .executeUpdate();
  }

  /** A step still RUNNING when the environment is cancelled: it ended with the cancel. */
  void cancelRunning(String environmentId, Instant now) {
    em.createQuery(
            "UPDATE StepRecord s SET s.status = 'SKIPPED', s.endedAt = ?2 WHERE"
                + " s.key.environmentId = ?1 AND s.status = 'RUNNING'")
        .setParameter(1, environmentId)
        .setParameter(2, now)
        .executeUpdate();
  }

  public List<StepRecord> of(String environmentId) {
    return em.createQuery(
            "FROM StepRecord s WHERE s.key.environmentId = ?1 ORDER BY s.position",
            StepRecord.class)
        .setParameter(1, environmentId)
        .getResultList();
  }
}
