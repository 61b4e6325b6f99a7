package dev.gort.worker.results.tap;

import dev.gort.worker.results.TestCaseResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One level of a TAP stream, the document itself or a subtest in it: its plan, the test points it
 * has seen, and the cases read so far, their suites relative to this level. A subtest's name is
 * known only from its closing test point, so its cases get their suite when it closes.
 */
final class Subtest {

  private final String announcedName;
  private String announcedChild;
  private Long planned;
  private int testPoints;
  private long lastNumber;
  private final Set<Long> numbersSeen = new HashSet<>();
  private final List<TestCaseResult> cases = new ArrayList<>();
  private boolean failing;

  /**
   * @param announcedName the name its {@code # Subtest: name} comment gave, or null
   */
  Subtest(String announcedName) {
    this.announcedName = announcedName;
  }

  String announcedName() {
    return announcedName;
  }

  /** Remembers a {@code # Subtest: name} comment for the child subtest that follows. */
  void announceChild(String name) {
    announcedChild = name;
  }

  String takeAnnouncedChild() {
    String name = announcedChild;
    announcedChild = null;
    return name;
  }

  /** Counts a test point; its number, or the next one when it gave none (as TAP says). */
  long register(Long number) {
    long assigned = number != null ? number : lastNumber + 1;
    lastNumber = assigned;
    testPoints++;
    numbersSeen.add(assigned);
    announcedChild = null;
    return assigned;
  }

  /** Sets the plan; false when it already had one. */
  boolean plan(long count) {
    if (planned != null) {
      return false;
    }
    planned = count;
    return true;
  }

  Long planned() {
    return planned;
  }

  int testPoints() {
    return testPoints;
  }

  /** How many numbers in the plan's range no test point had. */
  long missingCount() {
    if (planned == null) {
      return 0;
    }
    long inRange = numbersSeen.stream().filter(n -> n >= 1 && n <= planned).count();
    return planned - inRange;
  }

  /** The first {@code max} numbers in the plan's range that no test point had. */
  List<Long> missingNumbers(int max) {
    List<Long> missing = new ArrayList<>();
    if (planned == null) {
      return missing;
    }
    for (long n = 1; n <= planned && missing.size() < max; n++) {
      if (!numbersSeen.contains(n)) {
        missing.add(n);
      }
    }
    return missing;
  }

  void add(TestCaseResult result) {
    cases.add(result);
    failing |= result.status().failing();
  }

  /** Takes a closed child's cases, their suites now starting with {@code name}. */
  void adopt(Subtest child, String name) {
    for (TestCaseResult c : child.cases) {
      String suite = c.suite().isEmpty() ? name : name + "/" + c.suite();
      add(
          new TestCaseResult(
              suite,
              c.name(),
              c.className(),
              c.status(),
              c.durationMs(),
              c.message(),
              c.output(),
              c.flaky(),
              c.logUrl()));
    }
  }

  /** Whether any of its cases, at any depth, counts against the run. */
  boolean failing() {
    return failing;
  }

  List<TestCaseResult> cases() {
    return cases;
  }
}
