package dev.gort.worker.results;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The results formats the worker reads. */
public enum ResultsFormat {
  /** JUnit XML (Surefire/Failsafe, pytest, Gradle, go-junit-report). */
  JUNIT("junit"),
  /** Test Anything Protocol, versions 12 to 14. */
  TAP("tap"),
  /** TuxSuite test or build results JSON. */
  TUXSUITE("tuxsuite"),
  /** KCIDB I/O JSON, version 5. */
  KCIDB("kcidb"),
  /** A GitHub Actions artifact: a zip of JUnit XML and TAP files. */
  GITHUB_ARTIFACT("github-artifact"),
  /** Gort's own {@code {"tests": [{"name", "status"}]}}, as the {@code sim} runner serves it. */
  GORT("gort");

  private final String code;

  ResultsFormat(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  public static Optional<ResultsFormat> ofCode(String code) {
    if (code == null) {
      return Optional.empty();
    }
    String wanted = code.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(f -> f.code.equals(wanted)).findFirst();
  }
}
