package dev.gort.scheduler.poll;

import java.time.Instant;

/**
 * A poll as {@code GET /api/v1/experiments/polls} shows it.
 *
 * @param status {@code SUCCEEDED} or {@code FAILED}
 * @param experimentsSeen usable experiments the source listed
 * @param experimentsReady of those, how many were ready for test
 * @param runsCreated runs this poll created (a revision another replica claimed is not counted)
 * @param entriesSkipped source entries left out as unusable (named in {@code reason})
 * @param reason why the poll failed, or which entries it skipped; null otherwise
 */
public record PollView(
    String id,
    String instance,
    String status,
    Instant startedDateTime,
    Instant finishedDateTime,
    int experimentsSeen,
    int experimentsReady,
    int runsCreated,
    int entriesSkipped,
    String reason) {

  /** This poll without its reason, which may name experiments the reader may not see. */
  public PollView withoutReason() {
    return new PollView(
        id,
        instance,
        status,
        startedDateTime,
        finishedDateTime,
        experimentsSeen,
        experimentsReady,
        runsCreated,
        entriesSkipped,
        null);
  }

  static PollView of(ExperimentPoll p) {
    return new PollView(
        p.id,
        p.instance,
        p.status.name(),
        p.startedAt,
        p.finishedAt,
        p.experimentsSeen,
        p.experimentsReady,
        p.runsCreated,
        p.entriesSkipped,
        p.reason);
  }
}
