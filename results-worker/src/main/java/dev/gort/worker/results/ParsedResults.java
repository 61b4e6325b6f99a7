package dev.gort.worker.results;

import java.util.List;

/**
 * What a results document said, in one shape for every format.
 *
 * @param format the format it was read as
 * @param cases every test case, in document order
 * @param builds builds it reported (TuxSuite build results, KCIDB builds); empty for test formats
 * @param problems what the document itself reported as wrong beyond its test cases (a TAP {@code
 *     Bail out!}, a plan not met, a TuxSuite boot that failed), each a short sentence
 */
public record ParsedResults(
    ResultsFormat format,
    List<TestCaseResult> cases,
    List<BuildResult> builds,
    List<String> problems) {

  public ParsedResults {
    cases = List.copyOf(cases);
    builds = List.copyOf(builds);
    problems = List.copyOf(problems);
  }

  public static ParsedResults of(ResultsFormat format, List<TestCaseResult> cases) {
    return new ParsedResults(format, cases, List.of(), List.of());
  }
}
