package dev.gort.worker.results.tuxsuite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gort.common.web.Untrusted;
import dev.gort.worker.results.BuildResult;
import dev.gort.worker.results.json.JsonFields;
import java.util.ArrayList;
import java.util.List;

/**
 * A TuxBuild build's status document ({@code GET …/builds/{uid}}, or its {@code status.json}) as a
 * {@link BuildResult}: passed when {@code build_status} is {@code pass}; the target is {@code
 * target_arch} and the {@code kconfig} list joined with {@code +}; the log is {@code build.log}
 * beside the artefacts at {@code download_url}; the duration is {@code duration}, in seconds.
 */
final class TuxBuildStatus {

  private final ObjectNode fields;

  TuxBuildStatus(TuxDocument document) {
    this.fields = document.fields;
  }

  BuildResult build() {
    String download = JsonFields.httpLink(fields, "download_url");
    String log =
        download == null ? null : download + (download.endsWith("/") ? "" : "/") + "build.log";
    return new BuildResult(
        JsonFields.text(fields, "uid"),
        passed(),
        status(),
        target(),
        JsonFields.text(fields, "toolchain"),
        JsonFields.count(fields, "warnings_count"),
        JsonFields.count(fields, "errors_count"),
        download,
        log,
        JsonFields.secondsAsMillis(fields, "duration"));
  }

  /** What went wrong with a build that did not pass, or null when it passed. */
  String problem() {
    if (passed()) {
      return null;
    }
    if ("fail".equals(status())) {
      Integer errors = JsonFields.count(fields, "errors_count");
      return described()
          + " failed"
          + (errors == null ? "" : " with " + errors + (errors == 1 ? " error" : " errors"));
    }
    String message = JsonFields.text(fields, "status_message");
    return described()
        + " did not complete: its build status is "
        + Untrusted.quote(status())
        + (message == null ? "" : " (" + Untrusted.quote(message) + ")");
  }

  private String status() {
    return JsonFields.text(fields, "build_status");
  }

  private boolean passed() {
    return "pass".equals(status());
  }

  private String described() {
    String target = target();
    String toolchain = JsonFields.text(fields, "toolchain");
    return "the build"
        + (target == null ? "" : " of " + Untrusted.quote(target))
        + (toolchain == null ? "" : " with " + Untrusted.quote(toolchain));
  }

  /** {@code x86_64 defconfig+CONFIG_KASAN=y}: the architecture, then the kconfig list. */
  private String target() {
    String arch = JsonFields.text(fields, "target_arch");
    String kconfig = kconfig();
    if (arch == null || kconfig == null) {
      return arch == null ? kconfig : arch;
    }
    return arch + " " + kconfig;
  }

  /** TuxSuite answers {@code kconfig} as a list; a submission may give it as one string. */
  private String kconfig() {
    JsonNode kconfig = fields.path("kconfig");
    List<String> parts = new ArrayList<>();
    if (kconfig.isTextual()) {
      parts.add(kconfig.asText());
    }
    for (JsonNode part : kconfig) {
      if (part.isTextual()) {
        parts.add(part.asText());
      }
    }
    parts.removeIf(String::isBlank);
    return parts.isEmpty() ? null : String.join("+", parts);
  }
}
