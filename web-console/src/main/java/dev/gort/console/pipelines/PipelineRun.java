package dev.gort.console.pipelines;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A pipeline run as the scheduler shows it ({@code GET /api/v1/pipeline-runs/{id}}): its stages in
 * order, each with its jobs (steps), every step with the actions it allows now and its attempts.
 * Lists give no stages.
 */
public record PipelineRun(
    String id,
    String operationId,
    String pipeline,
    int number,
    String owner,
    String experiment,
    String repository,
    String commit,
    String status,
    int percentComplete,
    String summary,
    Instant createdDateTime,
    Instant startedDateTime,
    Instant finishedDateTime,
    Instant lastActionDateTime,
    List<Stage> stages) {

  private static final Set<String> FINAL = Set.of("SUCCEEDED", "FAILED", "CANCELLED");

  public PipelineRun {
    stages = stages == null ? List.of() : stages;
  }

  public boolean isFinished() {
    return FINAL.contains(status);
  }

  public int percent() {
    return Math.max(0, Math.min(100, percentComplete));
  }

  /** Every step, stage by stage in pipeline order. */
  public List<Step> steps() {
    return stages.stream().flatMap(s -> s.jobs().stream()).toList();
  }

  public record Stage(
      String name,
      String status,
      Instant startedDateTime,
      Instant finishedDateTime,
      List<Step> jobs) {

    public Stage {
      jobs = jobs == null ? List.of() : jobs;
    }

    public String badgeState() {
      return badge(status);
    }
  }

  /**
   * One job of the run.
   *
   * @param needs null when the job names none: then it needs every job of the earlier stages
   * @param input the prompt of a job that waits for a message before it runs; null otherwise
   */
  public record Step(
      String id,
      String stage,
      String runner,
      String kind,
      String state,
      List<String> needs,
      String input,
      boolean allowedFailure,
      boolean flaky,
      List<String> allowedActions,
      String skipCause,
      String skipReason,
      Instant startedDateTime,
      Instant finishedDateTime,
      List<Attempt> attempts) {

    public Step {
      allowedActions = allowedActions == null ? List.of() : allowedActions;
      attempts = attempts == null ? List.of() : attempts;
    }

    /** {@code paused-due-to-failure} as the badge's {@code PAUSED_DUE_TO_FAILURE}. */
    public String badgeState() {
      return badge(state);
    }

    /** The allowed actions as the page offers them, in the order it lists them. */
    public List<StepActions.Choice> actionChoices() {
      return StepActions.choicesOf(allowedActions);
    }
  }

  /** One attempt of a step's job; {@code logUrl} is where its runner put its results or log. */
  public record Attempt(
      int number,
      Instant startedDateTime,
      Instant finishedDateTime,
      Boolean succeeded,
      Integer exitCode,
      String failure,
      String reason,
      boolean interrupted,
      String runnerJobId,
      String logUrl) {

    /**
     * The log's address as a link the user's browser opens itself: an http(s) URL only. The console
     * never fetches it (it could name any host, and holds a read token of the runner's).
     */
    public String logHref() {
      if (logUrl == null) {
        return null;
      }
      try {
        URI uri = URI.create(logUrl);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
            ? uri.toString()
            : null;
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    public String outcome() {
      if (interrupted) {
        return "INTERRUPTED";
      }
      if (succeeded == null) {
        return finishedDateTime == null ? "RUNNING" : null;
      }
      return succeeded ? "SUCCEEDED" : "FAILED";
    }
  }

  static String badge(String wireName) {
    return wireName == null ? null : wireName.toUpperCase(Locale.ROOT).replace('-', '_');
  }
}
