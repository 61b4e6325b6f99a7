package dev.gort.gateway.runner.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.gateway.runner.JobIds;
import dev.gort.gateway.runner.RunnerApi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds a dispatched run by its name among the workflow's {@code workflow_dispatch} runs created
 * since a moment (REST "list workflow runs for a workflow", newest first): how a dispatch learns
 * its run id when GitHub answers without one, and how a dispatch whose earlier answer was lost
 * finds the run that one started. The workflow names its runs {@code run-name: gort ${{
 * inputs.gort_attempt_id }}}.
 */
final class RunLookup {

  static final int PER_PAGE = 100;

  /** A look reads at most this many pages; a busier workflow is looked at over a shorter span. */
  static final int MAX_PAGES = 3;

  private final Function<String, RunnerApi.Answer> get;
  private final Function<RunnerApi.Answer, RuntimeException> failure;

  /**
   * @param get calls the API
   * @param failure what a non-200 answer throws (rate limit, unavailable, refused)
   */
  RunLookup(
      Function<String, RunnerApi.Answer> get,
      Function<RunnerApi.Answer, RuntimeException> failure) {
    this.get = get;
    this.failure = failure;
  }

  /** The newest run named {@code name} created at or after {@code since}: its id. */
  Optional<String> find(GitHubSettings settings, String name, Instant since) {
    String created =
        URLEncoder.encode(">=" + since.truncatedTo(ChronoUnit.SECONDS), StandardCharsets.UTF_8);
    for (int page = 1; page <= MAX_PAGES; page++) {
      RunnerApi.Answer answer =
          get.apply(
              "/repos/"
                  + settings.repository()
                  + "/actions/workflows/"
                  + settings.workflow()
                  + "/runs?event=workflow_dispatch&created="
                  + created
                  + "&per_page="
                  + PER_PAGE
                  + "&page="
                  + page);
      if (!answer.is(200)) {
        throw failure.apply(answer);
      }
      JsonNode runs = answer.json() == null ? null : answer.json().get("workflow_runs");
      if (runs == null || !runs.isArray()) {
        return Optional.empty();
      }
      for (JsonNode run : runs) {
        if (name.equals(run.path("name").asText(null))
            || name.equals(run.path("display_title").asText(null))) {
          String id = run.path("id").asText(null);
          if (run.path("id").isIntegralNumber() && JobIds.valid(id)) {
            return Optional.of(id);
          }
        }
      }
      if (runs.size() < PER_PAGE) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }
}
