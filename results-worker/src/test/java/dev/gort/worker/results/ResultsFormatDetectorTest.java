package dev.gort.worker.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResultsFormatDetectorTest {

  private static ResultsFormat detect(byte[] document) throws UnprocessableResultsException {
    return ResultsFormatDetector.detect(() -> new ByteArrayInputStream(document));
  }

  private static ResultsFormat detect(String document) throws UnprocessableResultsException {
    return detect(document.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "<?xml version=\"1.0\"?><testsuite/>|JUNIT",
        "\uFEFF  <testsuites></testsuites>|JUNIT",
        "TAP version 14\\n1..2\\nok 1\\n|TAP",
        "# comment first\\n1..3\\n|TAP",
        "not ok 1 - boots\\n|TAP",
        "{\"tests\": [{\"name\": \"a\", \"status\": \"passed\"}]}|GORT",
        "{\"tests\": [{\"name\": \"a\", \"status\": |GORT",
        "{\"version\": {\"major\": 5, \"minor\": 3}, \"checkouts\": []}|KCIDB",
        "{\"tests\": [{\"id\": \"gort:1\"}], \"version\": {\"major\": 5}}|KCIDB",
        "{\"boot\": {\"boot\": {\"result\": \"pass\"}}}|TUXSUITE",
        "{\"build_status\": \"pass\", \"tests\": [\"boot\"]}|TUXSUITE",
      })
  void tellsTheFormatFromTheContent(String document, ResultsFormat expected) throws Exception {
    assertThat(detect(document.replace("\\n", "\n"))).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void aZipIsAGitHubArtifact() throws Exception {
    assertThat(detect(new byte[] {'P', 'K', 3, 4, 0, 0})).isEqualTo(ResultsFormat.GITHUB_ARTIFACT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "hello world", "okay then\n", "[1, 2]"})
  void anythingElseIsNoFormatGortReads(String document) {
    assertThatThrownBy(() -> detect(document))
        .isInstanceOf(UnprocessableResultsException.class)
        .hasMessageStartingWith("results are in no format Gort reads");
  }
}
