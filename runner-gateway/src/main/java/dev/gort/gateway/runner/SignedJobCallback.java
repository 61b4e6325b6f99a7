package dev.gort.gateway.runner;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.common.event.RunnerStatus;
import dev.gort.common.signature.HmacSignature;
import dev.gort.common.web.JsonBody;
import dev.gort.common.web.ProblemException;
import dev.gort.common.web.Untrusted;
import java.util.Map;
import java.util.Optional;

/**
 * The callback of Gort's own runners ({@code sim}, {@code local}): per job, signed with HMAC-SHA256
 * over the callback URL's per-attempt token, a line feed and the exact body ({@code
 * X-Gort-Signature}, {@link HmacSignature#signCallback}); the body is {@code {"jobId", "runId",
 * "attempt", "status": "passed" | "failed" | "timeout" | "infra-failure" | "cancelled",
 * "resultsUrl", "detail", "exitCode"}} ({@code exitCode}: an integer or null, optional). One
 * verification for every runner that reports this way.
 */
public final class SignedJobCallback {

  public static final String SIGNATURE_HEADER = "X-Gort-Signature";

  /** A callback is a short JSON document; its results live elsewhere. */
  static final JsonBody.Limits LIMITS =
      JsonBody.Limits.of(1024 * 1024, 4096).ignoringUnknownFields();

  private static final Map<String, RunnerStatus> STATUSES =
      Map.of(
          "passed", RunnerStatus.PASSED,
          "failed", RunnerStatus.FAILED,
          "timeout", RunnerStatus.TIMEOUT,
          "infra-failure", RunnerStatus.INFRA_FAILURE,
          "cancelled", RunnerStatus.CANCELLED);

  /** The callback body. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Body(
      String jobId,
      String runId,
      Integer attempt,
      String status,
      String resultsUrl,
      String detail,
      JsonNode exitCode) {}

  private SignedJobCallback() {}

  /** The runner status a callback's (or status poll's) word stands for. */
  public static Optional<RunnerStatus> status(String word) {
    return Optional.ofNullable(word).map(STATUSES::get);
  }

  /**
   * Checks the signature over the exact bytes (constant time), then parses.
   *
   * @param secret the runner's callback secret; empty: every callback is refused
   * @throws CallbackRejectedException 401 for a missing or wrong signature, 400 for a bad body
   */
  public static RunnerReport verify(Optional<String> secret, CallbackRequest request) {
    if (!HmacSignature.verifyCallback(
        secret.filter(s -> !s.isBlank()).orElse(null),
        request.token(),
        request.body(),
        request.header(SIGNATURE_HEADER))) {
      throw CallbackRejectedException.badSignature("missing or invalid callback signature");
    }
    Body callback;
    try {
      callback = JsonBody.read(request.body(), Body.class, LIMITS);
    } catch (ProblemException e) {
      throw CallbackRejectedException.malformed(e.getMessage());
    }
    if (callback == null) {
      throw CallbackRejectedException.malformed("empty callback body");
    }
    RunnerStatus status =
        status(callback.status())
            .orElseThrow(
                () ->
                    CallbackRejectedException.malformed(
                        "unknown status " + Untrusted.quote(callback.status()) + " in callback"));
    if (!JobIds.valid(callback.jobId())) {
      throw CallbackRejectedException.malformed(
          "callback without a jobId of 1 to 200 visible characters");
    }
    String detail = callback.detail() == null ? null : Untrusted.escape(callback.detail(), 500);
    return RunnerReport.finished(callback.jobId(), null, status, callback.resultsUrl(), detail)
        .naming(callback.runId(), callback.attempt())
        .withExitCode(exitCode(callback.exitCode()));
  }

  /**
   * The job's exit code: absent or null is none; anything but a whole number in int range is
   * refused (no coercion of {@code "3"} or {@code 3.5}).
   */
  static Integer exitCode(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw CallbackRejectedException.malformed(
          "field \"exitCode\" must be an integer or null in callback");
    }
    return value.intValue();
  }
}
