package dev.gort.common.pipeline.report;

import java.time.Instant;

/**
 * One stage of a reported run.
 *
 * @param startedAt when its first job started; null when none did
 * @param finishedAt when its last job ended, once all of them have; null before
 */
public record StageReport(String name, StageStatus status, Instant startedAt, Instant finishedAt) {
  public StageReport {
    ReportLimits.name("stages[].name", name);
    ReportLimits.required("stages[].status", status);
  }
}
