package dev.gort.worker.results.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import dev.gort.worker.results.ParseLimits;
import dev.gort.worker.results.ParsedResults;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How long JUnit XML takes to parse and what the result costs to hold, for 1 000 and 100 000 test
 * cases. Not part of the build (Surefire runs {@code *Test} only); run it with {@code ./mvnw -q -o
 * -pl results-worker test -Dtest=JunitParseBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class JunitParseBenchmark {

  private static final double MB = 1024.0 * 1024.0;

  private final JunitXmlParser parser = new JunitXmlParser();

  @Test
  void parseTimesAndHeld(@TempDir Path dir) throws Exception {
    measure(dir, 1_000, 30, 30);
    measure(dir, 100_000, 3, 7);
  }

  private void measure(Path dir, int cases, int warmUps, int runs) throws Exception {
    Path file = dir.resolve("junit-" + cases + ".xml");
    write(file, cases);
    for (int i = 0; i < warmUps; i++) {
      parse(file);
    }
    long[] millis = new long[runs];
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long allocated = 0;
    for (int i = 0; i < runs; i++) {
      long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
      long start = System.nanoTime();
      ParsedResults results = parse(file);
      millis[i] = (System.nanoTime() - start) / 1_000_000;
      allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
      assertThat(results.cases()).hasSize(cases);
    }
    Arrays.sort(millis);

    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long before = settledHeap(memory);
    ParsedResults held = parse(file);
    long holding = settledHeap(memory);
    assertThat(held.cases()).hasSize(cases);

    System.out.printf(
        "JUnit XML, %,d test cases, %.1f MB file: parse best %d ms, median %d ms (%d runs after %d"
            + " warm-up); %.1f MB allocated per parse; heap %.1f MB before, %.1f MB holding the"
            + " result (+%.1f MB)%n",
        cases,
        Files.size(file) / MB,
        millis[0],
        millis[runs / 2],
        runs,
        warmUps,
        allocated / MB,
        before / MB,
        holding / MB,
        (holding - before) / MB);
  }

  private ParsedResults parse(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return parser.parse(in, ParseLimits.DEFAULT);
    }
  }

  private static long settledHeap(MemoryMXBean memory) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }

  /**
   * Suites of 100 cases; every 20th fails with a message and a 30-line stack trace, every 50th is
   * skipped, every 10th printed half a kilobyte.
   */
  private static void write(Path file, int cases) throws IOException {
    String printed = "line of output from the test under load\n".repeat(12);
    StringBuilder trace = new StringBuilder();
    for (int frame = 0; frame < 30; frame++) {
      trace.append("\tat dev.gort.sample.Layer").append(frame).append(".call(Layer").append(frame);
      trace.append(".java:").append(40 + frame).append(")\n");
    }
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
      for (int i = 0; i < cases; i++) {
        String suite = "dev.gort.sample.Suite" + i / 100;
        if (i % 100 == 0) {
          out.write("  <testsuite name=\"" + suite + "\" tests=\"100\">\n");
        }
        out.write(
            "    <testcase name=\"case"
                + i
                + "\" classname=\""
                + suite
                + "\" time=\"0."
                + (i % 1000)
                + "\"");
        if (i % 20 == 7) {
          out.write(">\n      <failure message=\"expected: &lt;" + i + "&gt; but was: &lt;0&gt;\"");
          out.write(" type=\"org.opentest4j.AssertionFailedError\"><![CDATA[");
          out.write("org.opentest4j.AssertionFailedError: expected: <" + i + "> but was: <0>\n");
          out.write(trace.toString());
          out.write("]]></failure>\n");
          out.write(
              "      <system-out><![CDATA[" + printed + "]]></system-out>\n    </testcase>\n");
        } else if (i % 50 == 3) {
          out.write(">\n      <skipped message=\"not on this platform\"/>\n    </testcase>\n");
        } else if (i % 10 == 1) {
          out.write(">\n      <system-out><![CDATA[" + printed + "]]></system-out>\n");
          out.write("    </testcase>\n");
        } else {
          out.write("/>\n");
        }
        if (i % 100 == 99 || i == cases - 1) {
          out.write("  </testsuite>\n");
        }
      }
      out.write("</testsuites>\n");
    }
  }
}
