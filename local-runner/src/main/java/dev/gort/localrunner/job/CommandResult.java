package dev.gort.localrunner.job;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One command of a job as its results document lists it when the job wrote none of its own: the
 * shape the results worker reads ({@code {"name", "status", "durationMs", "message"}}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandResult(String name, String status, long durationMs, String message) {}
