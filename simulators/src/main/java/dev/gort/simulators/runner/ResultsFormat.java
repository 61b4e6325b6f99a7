package dev.gort.simulators.runner;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The formats of a results document a scenario may carry (the codes the results worker reads), and
 * the content type the simulated runner serves each with.
 */
public enum ResultsFormat {
  /** JUnit XML: a Surefire/Failsafe report, pytest's {@code --junitxml}, Gradle's. */
  JUNIT("junit", "application/xml"),
  /** A Test Anything Protocol stream (prove, Test::More, kselftest). */
  TAP("tap", "text/plain; charset=utf-8"),
  /** TuxSuite test or build results JSON. */
  TUXSUITE("tuxsuite", "application/json"),
  /** KCIDB I/O JSON. */
  KCIDB("kcidb", "application/json"),
  /** Gort's own {@code {"tests": [...]}}, what the runner serves without a scenario's results. */
  GORT("gort", "application/json");

  private final String code;
  private final String mediaType;

  ResultsFormat(String code, String mediaType) {
    this.code = code;
    this.mediaType = mediaType;
  }

  public String code() {
    return code;
  }

  public String mediaType() {
    return mediaType;
  }

  public static Optional<ResultsFormat> ofCode(String code) {
    return Arrays.stream(values()).filter(f -> f.code.equals(code)).findFirst();
  }

  public static String codes() {
    return Arrays.stream(values()).map(ResultsFormat::code).collect(Collectors.joining(", "));
  }
}
