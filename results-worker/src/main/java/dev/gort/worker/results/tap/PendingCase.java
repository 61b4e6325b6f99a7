package dev.gort.worker.results.tap;

import dev.gort.worker.results.ParseLimits;
import dev.gort.worker.results.TestCaseResult;
import dev.gort.worker.results.TestStatus;
import dev.gort.worker.results.tap.TestPoint.Directive;
import java.util.Set;

/**
 * The latest test point, still gathering what follows it: its YAML diagnostics block and the
 * comment lines after it at its own level (Test::More's {@code # Failed test ...}).
 */
final class PendingCase {

  /** Longest test name kept. */
  static final int MAX_NAME_CHARS = 1_000;

  // node's failure types for a test whose own code or set-up broke, rather than an assertion
  private static final Set<String> NODE_BREAKAGES =
      Set.of(
          "hookFailed",
          "testTimeoutFailure",
          "uncaughtException",
          "cancelledByParent",
          "callbackAndPromisePresent",
          "multipleCallbackInvocations",
          "parentAlreadyFinished");

  private final TestPoint point;
  private final Subtest owner;
  private final long number;
  private final int indent;
  private final boolean recorded;
  private final int maxCommentChars;
  private YamlBlock yaml;
  private final StringBuilder comments = new StringBuilder();

  /**
   * @param owner the level whose case it becomes
   * @param number its number within that level
   * @param indent its line's indentation
   * @param recorded whether it becomes a case at all (a subtest's closing line mostly does not)
   * @param maxCommentChars most comment text kept
   */
  PendingCase(
      TestPoint point,
      Subtest owner,
      long number,
      int indent,
      boolean recorded,
      int maxCommentChars) {
    this.point = point;
    this.owner = owner;
    this.number = number;
    this.indent = indent;
    this.recorded = recorded;
    this.maxCommentChars = maxCommentChars;
  }

  Subtest owner() {
    return owner;
  }

  boolean recorded() {
    return recorded;
  }

  int level() {
    return indent / 4;
  }

  /** Whether a {@code ---} indented by {@code spaces} opens this test point's YAML block. */
  boolean canStartYaml(int spaces) {
    return yaml == null && spaces > indent;
  }

  void startYaml(int spaces) {
    yaml = new YamlBlock(spaces);
  }

  /** Whether {@code raw} was a line of the open YAML block. */
  boolean acceptYaml(String raw) {
    return yaml != null && yaml.open() && yaml.accept(raw);
  }

  void addComment(String text) {
    // Test::More's end-of-file summary, not about this test
    if (text.startsWith("Looks like you") || comments.length() > maxCommentChars) {
      return;
    }
    comments.append(text).append('\n');
  }

  TestCaseResult toResult(ParseLimits limits) {
    YamlDiagnostics diagnostics = yaml == null ? YamlDiagnostics.NONE : YamlDiagnostics.of(yaml);
    String diag = comments.toString().stripTrailing().stripIndent().strip();
    TestStatus status = status(diagnostics);
    String message = message(status, diagnostics, diag);
    boolean diagIsMessage = message != null && !diag.isEmpty() && message.equals(diag);
    String output = join(diagnostics.output(), diagIsMessage ? "" : diag);
    Long durationMs = diagnostics.durationMs() != null ? diagnostics.durationMs() : point.timeMs();
    String name = point.description().isEmpty() ? "test " + number : point.description();
    return new TestCaseResult(
        "",
        ParseLimits.cut(name, MAX_NAME_CHARS),
        null,
        status,
        durationMs,
        limits.message(message),
        limits.output(output),
        false,
        null);
  }

  private TestStatus status(YamlDiagnostics diagnostics) {
    if (point.directive() == Directive.SKIP) {
      return TestStatus.SKIPPED;
    }
    if (point.directive() == Directive.TODO) {
      // TAP: a failing TODO test is not a failure
      return point.ok() ? TestStatus.PASSED : TestStatus.SKIPPED;
    }
    if (point.ok()) {
      return TestStatus.PASSED;
    }
    String failureType = diagnostics.failureType();
    return failureType != null && NODE_BREAKAGES.contains(failureType)
        ? TestStatus.ERROR
        : TestStatus.FAILED;
  }

  private String message(TestStatus status, YamlDiagnostics diagnostics, String diag) {
    String directive =
        switch (point.directive()) {
          case TODO -> point.reason().isEmpty() ? "TODO" : "TODO: " + point.reason();
          case SKIP -> point.reason().isEmpty() ? null : point.reason();
          case NONE -> null;
        };
    String fromYaml = diagnostics.message();
    if (directive != null) {
      return fromYaml == null ? directive : directive + "\n" + fromYaml;
    }
    if (fromYaml != null) {
      return fromYaml;
    }
    return status.failing() && !diag.isEmpty() ? diag : null;
  }

  private static String join(String first, String second) {
    boolean hasFirst = first != null && !first.isEmpty();
    if (!hasFirst) {
      return second.isEmpty() ? null : second;
    }
    return second.isEmpty() ? first : first + "\n" + second;
  }
}
