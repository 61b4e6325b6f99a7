package dev.gort.gateway.runner.tuxsuite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.gateway.runner.JobIds;
import dev.gort.gateway.runner.RunnerApi;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;

/**
 * Finds the job an earlier hand-over of an attempt started, when that hand-over's answer was lost.
 * TuxSuite takes no idempotency key, but it keeps each job's {@code callback} URL, and Gort's
 * callback URL names the attempt ({@code ?attempt=…&token=…}): the project's newest jobs of the
 * kind ({@code GET …/tests} or {@code …/builds}, newest first) are searched for one whose callback
 * names this attempt. Only the first page is read: a job older than the newest {@value #LIMIT} is
 * not found, and the attempt is submitted again (docs/runners/tuxsuite.md).
 */
final class JobLookup {

  static final int LIMIT = 100;

  private final Function<String, RunnerApi.Answer> get;
  private final Function<RunnerApi.Answer, RuntimeException> failure;

  JobLookup(
      Function<String, RunnerApi.Answer> get,
      Function<RunnerApi.Answer, RuntimeException> failure) {
    this.get = get;
    this.failure = failure;
  }

  /**
   * @param listPath the project's list of tests or builds
   * @return the uid of the job whose callback URL names attempt {@code attemptId}
   */
  Optional<String> find(String listPath, String attemptId) {
    RunnerApi.Answer answer = get.apply(listPath + "?limit=" + LIMIT);
    if (!answer.is(200)) {
      throw failure.apply(answer);
    }
    JsonNode json = answer.json();
    JsonNode jobs = json != null && json.isObject() ? json.get("results") : json;
    if (jobs == null || !jobs.isArray()) {
      return Optional.empty();
    }
    for (JsonNode job : jobs) {
      String callback = job.path("callback").asText(null);
      String uid = job.path("uid").asText(null);
      if (callback != null && attemptId.equals(attemptOf(callback)) && JobIds.valid(uid)) {
        return Optional.of(uid);
      }
    }
    return Optional.empty();
  }

  static String attemptOf(String callbackUrl) {
    String query;
    try {
      query = URI.create(callbackUrl).getRawQuery();
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith("attempt=")) {
        return URLDecoder.decode(pair.substring("attempt=".length()), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
