package dev.gort.worker.results.kcidb;

import dev.gort.common.web.Untrusted;
import dev.gort.worker.results.BuildResult;
import dev.gort.worker.results.UnprocessableResultsException;
import dev.gort.worker.results.json.JsonFields;

/**
 * A KCIDB v5 build as a {@link BuildResult}: passed when its {@code status} is {@code PASS} or
 * {@code DONE}; the target is {@code architecture} and {@code config_name}; the toolchain {@code
 * compiler}; the {@code duration} in seconds. KCIDB counts no warnings or errors and has no
 * artefacts URL, so those are null. A build without a status has not said it passed: not passed,
 * status null, and no problem (its outcome is not known).
 */
final class KcidbBuilds {

  private KcidbBuilds() {}

  static BuildResult build(KcidbRecord build) throws UnprocessableResultsException {
    String id = build.id();
    build.origin();
    build.requiredId("checkout_id");
    String status = build.status();
    Boolean valid = build.bool("valid");
    if (status == null && valid != null) {
      // v4's valid, which some submitters still send: kcidb's own upgrade to v5.0 maps it so
      status = valid ? "PASS" : "FAIL";
    }
    Double duration = build.number("duration");
    return new BuildResult(
        id,
        "PASS".equals(status) || "DONE".equals(status),
        status,
        target(build.text("architecture"), build.text("config_name")),
        build.text("compiler"),
        null,
        null,
        null,
        JsonFields.httpLink(build.text("log_url")),
        duration == null ? null : JsonFields.secondsAsMillis(duration));
  }

  /** What went wrong with {@code build}, or null when nothing is known to have. */
  static String problem(BuildResult build) {
    String what =
        switch (String.valueOf(build.status())) {
          case "FAIL" -> " failed";
          case "ERROR" -> " broke off before it finished (ERROR)";
          case "MISS" -> " did not run (MISS)";
          default -> null;
        };
    if (what == null) {
      return null;
    }
    return "the build "
        + Untrusted.quote(build.id())
        + (build.target() == null ? "" : " of " + Untrusted.quote(build.target()))
        + what;
  }

  private static String target(String architecture, String config) {
    if (architecture == null || config == null) {
      return architecture == null ? config : architecture;
    }
    return architecture + " " + config;
  }
}
