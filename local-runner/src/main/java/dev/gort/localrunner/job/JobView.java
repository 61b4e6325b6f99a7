package dev.gort.localrunner.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A job as the API shows it: {@code status} {@code running} or {@code finished}, and once finished
 * its {@code outcome} ({@code passed failed timeout infra-failure cancelled}), {@code detail} and
 * {@code resultsUrl}, so a status poll can stand in for a lost callback.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobView(
    String jobId,
    String attemptId,
    String runId,
    Integer attempt,
    String experiment,
    String kind,
    String status,
    String outcome,
    String detail,
    Integer exitCode,
    String resultsUrl,
    String logUrl,
    String callbackStatus,
    Instant createdDateTime,
    Instant finishedDateTime) {}
