package dev.gort.worker.results.tuxsuite;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gort.worker.results.TestCaseResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The top level of a TuxSuite document as read, before it is decided which document it is: the
 * decision needs every key, and JSON does not order them.
 */
final class TuxDocument {

  /** Scalar members, and the arrays a build or test status is read with ({@code kconfig}, …). */
  final ObjectNode fields = JsonNodeFactory.instance.objectNode();

  /** Object members read as suites of tests, in document order (results.json has only these). */
  final List<SuiteResults> suites = new ArrayList<>();

  /** A test status's {@code results}, when it is an object. */
  Results results;

  /** A callback payload's {@code status}, when it is an object. */
  TuxDocument status;

  /**
   * A test status's {@code results}: the summary's words ({@code {"boot": "pass"}}) and any suites
   * of tests it holds instead.
   */
  static final class Results {
    /** Every test case, in document order: summary words and suites' tests alike. */
    final List<TestCaseResult> cases = new ArrayList<>();

    /** The suites among them. */
    final List<SuiteResults> suites = new ArrayList<>();

    /** Whether the summary's {@code boot} failed. */
    boolean bootFailed;
  }
}
