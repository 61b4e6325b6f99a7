package dev.gort.worker.kcidb;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.gort.worker.report.ReportViews.Summary;
import dev.gort.worker.report.ReportViews.TestCase;
import dev.gort.worker.results.BuildResult;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes one report as KCIDB I/O v5.3: a checkout for the run, its builds (those the results
 * reported, or one standing for the run's build when they reported none, since every KCIDB test
 * names a build), and a test per test case. No property is ever null (the schema forbids it): what
 * Gort does not know is left out. Test start times are the time Gort recorded the report; JUnit and
 * TAP do not give one per test.
 */
public final class KcidbExport {

  public static final int MAJOR = 5;
  public static final int MINOR = 3;

  /** KCIDB's limit on a log excerpt. */
  static final int EXCERPT_CHARS = 16_384;

  private static final Map<String, String> STATUSES =
      Map.of(
          "PASSED", "PASS",
          "FAILED", "FAIL",
          "ERROR", "ERROR",
          "SKIPPED", "SKIP",
          "MISSED", "MISS");

  private final String origin;
  private final JsonGenerator out;

  public KcidbExport(String origin, JsonGenerator out) {
    if (!KcidbIds.ORIGIN.matcher(origin).matches()) {
      throw new IllegalArgumentException("a KCIDB origin must match ^[a-z0-9_]+$: " + origin);
    }
    this.origin = origin;
    this.out = out;
  }

  /**
   * Writes the whole document.
   *
   * @param cases the report's test cases, in order (read lazily, page by page)
   */
  public void write(Summary report, List<BuildResult> builds, Iterable<TestCase> cases)
      throws IOException {
    String checkoutId = KcidbIds.id(origin, report.run());
    out.writeStartObject();
    out.writeObjectFieldStart("version");
    out.writeNumberField("major", MAJOR);
    out.writeNumberField("minor", MINOR);
    out.writeEndObject();

    out.writeArrayFieldStart("checkouts");
    writeCheckout(report, checkoutId);
    out.writeEndArray();

    out.writeArrayFieldStart("builds");
    String buildId;
    if (builds.isEmpty()) {
      buildId = KcidbIds.id(origin, report.run() + ":build");
      writeRunBuild(report, buildId, checkoutId);
    } else {
      buildId = null;
      for (int i = 0; i < builds.size(); i++) {
        String id = KcidbIds.id(origin, report.run() + ":build:" + (i + 1));
        buildId = buildId == null ? id : buildId;
        writeBuild(builds.get(i), id, checkoutId, report.createdDateTime());
      }
    }
    out.writeEndArray();

    out.writeArrayFieldStart("tests");
    for (TestCase c : cases) {
      writeTest(report, c, buildId);
    }
    out.writeEndArray();
    out.writeEndObject();
    out.flush();
  }

  private void writeCheckout(Summary report, String id) throws IOException {
    out.writeStartObject();
    out.writeStringField("id", id);
    out.writeStringField("origin", origin);
    if (report.experiment() != null) {
      out.writeStringField("tree_name", text(report.experiment()));
    }
    out.writeStringField(
        "comment", text("Gort run " + report.run() + ", attempt " + report.attempt()));
    out.writeObjectFieldStart("misc");
    out.writeStringField("gort_report", report.id());
    out.writeStringField("gort_runner", report.runner());
    out.writeEndObject();
    out.writeEndObject();
  }

  private void writeRunBuild(Summary report, String id, String checkoutId) throws IOException {
    out.writeStartObject();
    out.writeStringField("id", id);
    out.writeStringField("checkout_id", checkoutId);
    out.writeStringField("origin", origin);
    out.writeStringField("start_time", time(report.createdDateTime()));
    out.writeStringField("comment", text("the build of Gort run " + report.run()));
    out.writeEndObject();
  }

  private void writeBuild(BuildResult build, String id, String checkoutId, Instant recorded)
      throws IOException {
    out.writeStartObject();
    out.writeStringField("id", id);
    out.writeStringField("checkout_id", checkoutId);
    out.writeStringField("origin", origin);
    out.writeStringField("start_time", time(recorded));
    out.writeStringField("status", build.passed() ? "PASS" : "FAIL");
    if (build.target() != null) {
      String[] words = build.target().trim().split("\\s+", 2);
      out.writeStringField("architecture", KcidbIds.architecture(words[0]));
      if (words.length > 1) {
        out.writeStringField("config_name", text(words[1]));
      }
    }
    if (build.toolchain() != null) {
      out.writeStringField("compiler", text(build.toolchain()));
    }
    if (build.durationMs() != null) {
      out.writeNumberField("duration", build.durationMs() / 1000.0);
    }
    writeUrl("log_url", build.logUrl());
    if (build.id() != null || build.warnings() != null || build.errors() != null) {
      out.writeObjectFieldStart("misc");
      if (build.id() != null) {
        out.writeStringField("producer_id", text(build.id()));
      }
      if (build.warnings() != null) {
        out.writeNumberField("warnings", build.warnings());
      }
      if (build.errors() != null) {
        out.writeNumberField("errors", build.errors());
      }
      out.writeEndObject();
    }
    out.writeEndObject();
  }

  private void writeTest(Summary report, TestCase c, String buildId) throws IOException {
    out.writeStartObject();
    out.writeStringField("id", KcidbIds.id(origin, report.id() + ":" + c.seq()));
    out.writeStringField("build_id", buildId);
    out.writeStringField("origin", origin);
    out.writeStringField("path", KcidbIds.path(c.suite(), c.name()));
    out.writeStringField("status", STATUSES.getOrDefault(c.status(), "ERROR"));
    out.writeStringField("start_time", time(report.createdDateTime()));
    if (c.durationMs() != null) {
      out.writeNumberField("duration", c.durationMs() / 1000.0);
    }
    writeUrl("log_url", c.logUrl());
    if (c.message() != null && !c.message().isEmpty()) {
      out.writeStringField("log_excerpt", excerpt(c.message()));
    }
    if (c.flaky() || c.className() != null) {
      out.writeObjectFieldStart("misc");
      if (c.className() != null) {
        out.writeStringField("class_name", text(c.className()));
      }
      if (c.flaky()) {
        out.writeBooleanField("flaky", true);
      }
      out.writeEndObject();
    }
    out.writeEndObject();
  }

  /** A URL field, written only when it is an absolute http(s) URI (the schema's {@code uri}). */
  private void writeUrl(String field, String url) throws IOException {
    if (url == null) {
      return;
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (uri.isAbsolute() && (scheme.equals("https") || scheme.equals("http"))) {
        out.writeStringField(field, url);
      }
    } catch (URISyntaxException e) {
      // not a URI: left out, as the schema allows
    }
  }

  private static String excerpt(String message) {
    String clean = text(message);
    return clean.length() <= EXCERPT_CHARS ? clean : clean.substring(0, EXCERPT_CHARS);
  }

  /** Text as the schema allows it: anything but NUL. */
  private static String text(String value) {
    return value.replace('\0', '\uFFFD');
  }

  private static String time(Instant at) {
    return at.toString();
  }
}
