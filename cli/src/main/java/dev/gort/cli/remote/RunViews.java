package dev.gort.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.cli.http.Json;
import dev.gort.cli.local.LocalProgress;
import dev.gort.cli.output.Table;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The scheduler's pipeline runs and steps ({@code PipelineRunView}, {@code StepView}) as people
 * read them: a run in detail with its stages, jobs and attempts, runs and steps as rows.
 */
final class RunViews {

  static final String SUCCEEDED = "SUCCEEDED";

  private RunViews() {}

  /** {@code demo run 3 (id …) started: NOT_STARTED, operation …}. */
  static Table started(JsonNode run) {
    return Table.of("PIPELINE", "RUN", "STATUS", "ID", "OPERATION")
        .row(
            Json.text(run, "pipeline"),
            Json.text(run, "number"),
            Json.text(run, "status"),
            Json.text(run, "id"),
            Json.text(run, "operationId"));
  }

  /** Runs as rows, as the list answered them. */
  static Table runs(JsonNode runs) {
    Table table =
        Table.of(
            "PIPELINE",
            "RUN",
            "STATUS",
            "EXPERIMENT",
            "REPOSITORY",
            "COMMIT",
            "CREATED",
            "TOOK",
            "ID");
    for (JsonNode run : runs) {
      table.row(
          Json.text(run, "pipeline"),
          Json.text(run, "number"),
          Json.text(run, "status"),
          Json.text(run, "experiment"),
          Json.text(run, "repository"),
          shortCommit(Json.text(run, "commit")),
          Json.text(run, "createdDateTime"),
          took(run),
          Json.text(run, "id"));
    }
    return table;
  }

  /** The header, the stages, the jobs and every job's attempts of one run. */
  static String detail(JsonNode run) {
    StringBuilder out = new StringBuilder();
    out.append(verdict(run)).append('\n');
    line(out, "id", Json.text(run, "id"));
    line(out, "operation", Json.text(run, "operationId"));
    line(out, "experiment", Json.text(run, "experiment"));
    line(out, "repository", Json.text(run, "repository"));
    line(out, "commit", Json.text(run, "commit"));
    line(out, "owner", Json.text(run, "owner"));
    line(out, "created", Json.text(run, "createdDateTime"));
    line(out, "started", Json.text(run, "startedDateTime"));
    line(out, "finished", Json.text(run, "finishedDateTime"));
    line(out, "summary", Json.text(run, "summary"));
    out.append('\n');
    Table stages = Table.of("STAGE", "STATUS", "TOOK");
    for (JsonNode stage : run.path("stages")) {
      stages.row(Json.text(stage, "name"), Json.text(stage, "status"), took(stage));
    }
    out.append(stages.render()).append('\n');
    Table jobs = Table.of("STAGE", "JOB", "STATE", "ATTEMPTS", "EXIT", "TOOK", "DETAIL");
    Table attempts =
        Table.of("JOB", "ATTEMPT", "RESULT", "EXIT", "STARTED", "TOOK", "FAILURE", "LOG");
    boolean anyAttempt = false;
    for (JsonNode job : jobs(run)) {
      JsonNode last = lastAttempt(job);
      jobs.row(
          Json.text(job, "stage"),
          Json.text(job, "id"),
          state(job),
          job.path("attempts").size(),
          last == null ? null : Json.text(last, "exitCode"),
          last == null ? null : took(last),
          jobDetail(job));
      for (JsonNode attempt : job.path("attempts")) {
        anyAttempt = true;
        attempts.row(
            Json.text(job, "id"),
            Json.text(attempt, "number"),
            result(attempt),
            Json.text(attempt, "exitCode"),
            Json.text(attempt, "startedDateTime"),
            took(attempt),
            failure(attempt),
            Json.text(attempt, "logUrl"));
      }
    }
    out.append(jobs.render());
    if (anyAttempt) {
      out.append('\n').append(attempts.render());
    }
    return out.toString();
  }

  /** Steps as rows: state, what may be done with each now, tags. */
  static Table steps(JsonNode steps) {
    Table table = Table.of("STEP", "STAGE", "STATE", "ATTEMPTS", "ACTIONS", "TAGS", "DETAIL");
    for (JsonNode step : steps) {
      table.row(
          Json.text(step, "id"),
          Json.text(step, "stage"),
          state(step),
          step.path("attempts").size(),
          joined(step.path("allowedActions")),
          tags(step.path("tags")),
          jobDetail(step));
    }
    return table;
  }

  /** {@code demo run 3 FAILED in 4.2 s: unit failed (command 1 exited with 3)}. */
  static String verdict(JsonNode run) {
    StringBuilder text =
        new StringBuilder(
            Json.text(run, "pipeline")
                + " run "
                + Json.text(run, "number")
                + " "
                + Json.text(run, "status"));
    String took = took(run);
    if (took != null && Json.text(run, "finishedDateTime") != null) {
      text.append(" in ").append(took);
    }
    for (JsonNode job : jobs(run)) {
      if ("failed".equals(Json.text(job, "state")) && !job.path("allowedFailure").asBoolean()) {
        JsonNode last = lastAttempt(job);
        text.append(": ").append(Json.text(job, "id")).append(" failed");
        String reason = last == null ? null : Json.text(last, "reason");
        if (reason != null) {
          text.append(" (").append(reason).append(')');
        }
        return text.toString();
      }
    }
    String summary = Json.text(run, "summary");
    if (!SUCCEEDED.equals(Json.text(run, "status")) && summary != null) {
      text.append(": ").append(summary);
    }
    return text.toString();
  }

  /** Every job of the run, stage by stage. */
  static List<JsonNode> jobs(JsonNode run) {
    List<JsonNode> jobs = new ArrayList<>();
    for (JsonNode stage : run.path("stages")) {
      stage.path("jobs").forEach(jobs::add);
    }
    return jobs;
  }

  static JsonNode lastAttempt(JsonNode job) {
    JsonNode attempts = job.path("attempts");
    return attempts.isEmpty() ? null : attempts.get(attempts.size() - 1);
  }

  /** The step's state, {@code (allowed)} for a tolerated failure, {@code FLAKY} when it was. */
  static String state(JsonNode job) {
    String state = Json.text(job, "state");
    if ("failed".equals(state) && job.path("allowedFailure").asBoolean()) {
      state += " (allowed)";
    }
    return job.path("flaky").asBoolean() ? state + ", FLAKY" : state;
  }

  /** Why it was skipped, or how its last attempt failed; null otherwise. */
  static String jobDetail(JsonNode job) {
    String skipReason = Json.text(job, "skipReason");
    if (skipReason != null) {
      return skipReason;
    }
    JsonNode last = lastAttempt(job);
    if (last == null || last.path("succeeded").asBoolean(false)) {
      return null;
    }
    return failure(last);
  }

  private static String failure(JsonNode attempt) {
    String failure = Json.text(attempt, "failure");
    String reason = Json.text(attempt, "reason");
    if (failure == null) {
      return reason;
    }
    return reason == null ? failure : failure + ": " + reason;
  }

  private static String result(JsonNode attempt) {
    JsonNode succeeded = attempt.path("succeeded");
    String result =
        succeeded.isBoolean()
            ? (succeeded.asBoolean() ? "succeeded" : "failed")
            : Json.text(attempt, "finishedDateTime") == null ? "running" : "no result";
    return attempt.path("interrupted").asBoolean() ? result + ", interrupted" : result;
  }

  /** How long something with {@code startedDateTime}/{@code finishedDateTime} took. */
  static String took(JsonNode timed) {
    return took(timed, null);
  }

  /** As {@link #took(JsonNode)}, or, while it runs and {@code now} is given, so far. */
  static String took(JsonNode timed, Instant now) {
    Instant start = instant(Json.text(timed, "startedDateTime"));
    Instant end = instant(Json.text(timed, "finishedDateTime"));
    if (end == null) {
      end = now;
    }
    return start == null || end == null
        ? null
        : LocalProgress.duration(Duration.between(start, end));
  }

  static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  static String tags(JsonNode tags) {
    StringJoiner joined = new StringJoiner(",");
    joined.setEmptyValue("-");
    for (Iterator<Map.Entry<String, JsonNode>> it = tags.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> tag = it.next();
      joined.add(tag.getKey() + "=" + tag.getValue().asText());
    }
    return joined.toString();
  }

  static String joined(JsonNode list) {
    StringJoiner joined = new StringJoiner(",");
    joined.setEmptyValue("-");
    list.forEach(item -> joined.add(item.asText()));
    return joined.toString();
  }

  private static String shortCommit(String commit) {
    return commit != null && commit.matches("[0-9a-f]{12,}") ? commit.substring(0, 12) : commit;
  }

  private static void line(StringBuilder out, String label, String value) {
    if (value != null) {
      out.append(String.format("%-12s%s%n", label + ":", value));
    }
  }
}
