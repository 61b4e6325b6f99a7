package dev.gort.simulators.github;

import dev.gort.simulators.runner.TestResults;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The JUnit XML report a simulated workflow uploads, as Maven Surefire writes one: a {@code
 * testsuite} with counts and a {@code testcase} per test, a {@code failure} for a failed one.
 */
final class JunitReport {

  private JunitReport() {}

  static byte[] of(TestResults results) {
    long failures = results.tests().stream().filter(t -> "failed".equals(t.status())).count();
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append("<testsuite name=\"gort.")
        .append(escape(results.experiment()))
        .append("\" tests=\"")
        .append(results.tests().size())
        .append("\" failures=\"")
        .append(failures)
        .append("\" errors=\"0\" skipped=\"0\">\n");
    for (TestResults.TestCase test : results.tests()) {
      xml.append("  <testcase name=\"")
          .append(escape(test.name()))
          .append("\" classname=\"gort.")
          .append(escape(results.experiment()))
          .append("\" time=\"")
          .append(String.format(Locale.ROOT, "%.3f", test.durationMs() / 1000.0))
          .append('"');
      if ("failed".equals(test.status())) {
        xml.append(">\n    <failure message=\"")
            .append(escape(test.message()))
            .append("\" type=\"AssertionError\"/>\n  </testcase>\n");
      } else {
        xml.append("/>\n");
      }
    }
    xml.append("</testsuite>\n");
    return xml.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String escape(String text) {
    if (text == null) {
      return "";
    }
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
