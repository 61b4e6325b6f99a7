package dev.gort.worker.results;

import java.util.Map;
import java.util.stream.Collectors;

/** What the parser tests ask of their results: cases counted by status and found by name. */
public final class ParsedCases {

  private ParsedCases() {}

  public static Map<TestStatus, Long> countByStatus(ParsedResults results) {
    return results.cases().stream()
        .collect(Collectors.groupingBy(TestCaseResult::status, Collectors.counting()));
  }

  /** The first case called {@code name}; fails the test when there is none. */
  public static TestCaseResult named(ParsedResults results, String name) {
    return results.cases().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no test case named " + name));
  }
}
