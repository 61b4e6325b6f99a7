package dev.gort.worker.results.tap;

import dev.gort.common.web.Untrusted;
import dev.gort.worker.results.ParseLimits;
import dev.gort.worker.results.ParsedResults;
import dev.gort.worker.results.ResultsFormat;
import dev.gort.worker.results.TestCaseResult;
import dev.gort.worker.results.TestStatus;
import dev.gort.worker.results.UnprocessableResultsException;
import java.util.ArrayList;
import java.util.List;

/**
 * What one TAP document has said so far, fed a line at a time: the open subtests (the document
 * itself at depth 0), the latest test point still gathering its diagnostics, the problems found.
 */
final class TapParseState {

  private static final String UNNAMED_SUBTEST = "(unnamed subtest)";

  private final ParseLimits limits;
  // index = depth; the document itself at 0
  private final List<Subtest> open = new ArrayList<>();
  private final ProblemList problems = new ProblemList();
  private PendingCase pending;
  private int cases;
  private boolean sawTap;
  private boolean bailedOut;
  private long lineNumber;

  TapParseState(ParseLimits limits) {
    this.limits = limits;
    open.add(new Subtest(null));
  }

  /** Whether the document said {@code Bail out!}: nothing after it is read. */
  boolean bailedOut() {
    return bailedOut;
  }

  void accept(String raw, long number) throws UnprocessableResultsException {
    lineNumber = number;
    if (pending != null && pending.acceptYaml(raw)) {
      return;
    }
    TapLine line = TapLine.of(raw);
    switch (line.kind()) {
      case TEST_POINT -> testPoint(line);
      case PLAN -> plan(line);
      case BAIL_OUT -> bailOut(line);
      case SUBTEST_COMMENT -> announceSubtest(line);
      case COMMENT -> comment(line);
      case OTHER -> maybeStartYaml(line);
      default -> {
        // version, pragma and blank lines change nothing here
      }
    }
  }

  ParsedResults finish() throws UnprocessableResultsException {
    if (!sawTap) {
      throw new UnprocessableResultsException("not TAP: no plan and no test lines", null);
    }
    finishPending();
    closeDeeperThan(0);
    checkPlan(open.get(0), null);
    return new ParsedResults(ResultsFormat.TAP, open.get(0).cases(), List.of(), problems.list());
  }

  private void testPoint(TapLine line) throws UnprocessableResultsException {
    finishPending();
    sawTap = true;
    int level = line.level();
    requireDepth(level);
    closeDeeperThan(level + 1);
    Subtest child = open.size() > level + 1 ? open.remove(level + 1) : null;
    openTo(level);
    Subtest subtest = open.get(level);
    TestPoint point = TestPoint.parse(line.content());
    long number = subtest.register(point.number());
    boolean recorded = true;
    if (child != null) {
      String name = subtestName(point, child, number);
      checkPlan(child, name);
      // TAP14: the closing test point is the subtest's own result; it is a case of its own only
      // when the subtest had no test points, or when it failed and nothing in it says why (node's
      // failing after() hook)
      recorded = child.testPoints() == 0 || (point.fails() && !child.failing());
      subtest.adopt(child, name);
    }
    pending =
        new PendingCase(point, subtest, number, line.indent(), recorded, limits.maxOutputChars());
  }

  private void plan(TapLine line) throws UnprocessableResultsException {
    finishPending();
    sawTap = true;
    int level = line.level();
    requireDepth(level);
    closeDeeperThan(level);
    openTo(level);
    if (!open.get(level).plan(Long.parseLong(line.detail()))) {
      problems.add("a second plan on line " + lineNumber + " was ignored");
    }
  }

  private void bailOut(TapLine line) throws UnprocessableResultsException {
    finishPending();
    sawTap = true;
    bailedOut = true;
    String reason = TapEscapes.unescape(line.detail());
    problems.add(reason.isEmpty() ? "bailed out" : "bailed out: " + Untrusted.quote(reason));
  }

  private void announceSubtest(TapLine line) throws UnprocessableResultsException {
    finishPending();
    if (line.level() < open.size()) {
      open.get(line.level()).announceChild(line.detail());
    }
  }

  private void comment(TapLine line) {
    if (pending != null && pending.level() == line.level()) {
      pending.addComment(line.detail());
    }
  }

  private void maybeStartYaml(TapLine line) {
    if (line.content().equals("---") && pending != null && pending.canStartYaml(line.indent())) {
      pending.startYaml(line.indent());
    }
  }

  private void finishPending() throws UnprocessableResultsException {
    if (pending == null) {
      return;
    }
    PendingCase finished = pending;
    pending = null;
    if (finished.recorded()) {
      count(1);
      finished.owner().add(finished.toResult(limits));
    }
  }

  private void count(int more) throws UnprocessableResultsException {
    cases += more;
    if (cases > limits.maxTestCases()) {
      throw new UnprocessableResultsException(
          "the TAP document holds more than "
              + limits.maxTestCases()
              + " test cases, the most accepted (line "
              + lineNumber
              + ")",
          null);
    }
  }

  private void requireDepth(int level) throws UnprocessableResultsException {
    if (level > limits.maxDepth()) {
      throw new UnprocessableResultsException(
          "the TAP document nests subtests deeper than "
              + limits.maxDepth()
              + " levels (line "
              + lineNumber
              + ")",
          null);
    }
  }

  /** Opens bare subtests (TAP14: a 4-space indented line starts one) down to {@code level}. */
  private void openTo(int level) {
    while (open.size() <= level) {
      open.add(new Subtest(open.get(open.size() - 1).takeAnnouncedChild()));
    }
  }

  /** Closes the subtests below {@code depth} that never had their closing test point. */
  private void closeDeeperThan(int depth) {
    while (open.size() - 1 > depth) {
      Subtest child = open.remove(open.size() - 1);
      String name = child.announcedName();
      if (name == null || name.isEmpty()) {
        name = UNNAMED_SUBTEST;
      }
      name = ParseLimits.cut(name, PendingCase.MAX_NAME_CHARS);
      if (!bailedOut) {
        problems.add("subtest " + Untrusted.quote(name) + " ended without its closing test line");
      }
      checkPlan(child, name);
      open.get(open.size() - 1).adopt(child, name);
    }
  }

  private String subtestName(TestPoint point, Subtest child, long number) {
    String name = point.description();
    if (name.isEmpty()) {
      name = child.announcedName();
    }
    if (name == null || name.isEmpty()) {
      name = "test " + number;
    }
    return ParseLimits.cut(name, PendingCase.MAX_NAME_CHARS);
  }

  /**
   * Says whether {@code subtest} ran what it planned and adds a MISSED case for each planned number
   * that never appeared, as many as the case limit leaves room for.
   *
   * @param name the subtest's name, null for the document itself
   */
  private void checkPlan(Subtest subtest, String name) {
    Long planned = subtest.planned();
    if (planned == null) {
      if (name == null && subtest.testPoints() > 0 && !bailedOut) {
        problems.add("no plan: the document never said how many tests it would run");
      }
      return;
    }
    int ran = subtest.testPoints();
    long missing = subtest.missingCount();
    if (!bailedOut) {
      String who = name == null ? "" : "subtest " + Untrusted.quote(name) + " ";
      String plannedTests = "planned " + planned + (planned == 1 ? " test" : " tests");
      if (ran != planned) {
        problems.add(who + plannedTests + ", " + ran + " ran");
      } else if (missing > 0) {
        problems.add(
            who
                + plannedTests
                + " and "
                + ran
                + " ran, but "
                + missing
                + " planned numbers never did");
      }
    }
    for (long n : subtest.missingNumbers(limits.maxTestCases() - cases)) {
      cases++;
      subtest.add(TestCaseResult.of("", "test " + n + " (never ran)", TestStatus.MISSED));
    }
  }
}
