package dev.gort.worker.results.tuxsuite;

import dev.gort.worker.results.TestCaseResult;
import java.util.List;

/**
 * One suite of a TuxSuite results.json as read ({@code {"0_ltp-smoke": {"access01": {"result":
 * "pass", …}, …}}}).
 *
 * @param name the member's name as the document has it
 * @param cases its tests, in document order
 * @param bootFailed whether it says the boot failed (a test of the {@code boot} suite, or LAVA's
 *     login action, failed)
 * @param jobIncomplete when LAVA's {@code job} failed ({@code lava} suite only): LAVA's error
 *     message, or the empty string when it gave none; null when the job completed
 * @param notATest the first member that is not a test with a result, or null when all are: then
 *     this object is something else than a suite (a status document's {@code parameters}, say)
 */
record SuiteResults(
    String name,
    List<TestCaseResult> cases,
    boolean bootFailed,
    String jobIncomplete,
    String notATest) {

  boolean isSuite() {
    return notATest == null;
  }
}
