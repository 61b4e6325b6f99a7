package dev.gort.worker.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every format through the one reader (detected, then parsed), with the real results files the
 * local stack ships: the counts are what the tool that wrote each file printed.
 */
class ResultsReaderTest {

  private static final Path SHIPPED = Path.of("..", "deploy", "local", "results");
  private final ResultsReader reader = new ResultsReader();

  private ParsedResults read(byte[] document) throws UnprocessableResultsException {
    return reader.read(() -> new ByteArrayInputStream(document), ParseLimits.DEFAULT);
  }

  private static long count(ParsedResults results, TestStatus status) {
    return results.cases().stream().filter(c -> c.status() == status).count();
  }

  @ParameterizedTest
  @CsvSource({
    "TEST-org.example.ledger.LedgerTest.xml, JUNIT, 6, 4, 1, 0, 1",
    "pytest-inventory.xml, JUNIT, 9, 6, 1, 1, 1",
    "config.tap, TAP, 7, 5, 1, 0, 1"
  })
  void theShippedFilesGiveTheirToolsCounts(
      String file, ResultsFormat format, int total, int passed, int failed, int errors, int skipped)
      throws Exception {
    ParsedResults r = read(Files.readAllBytes(SHIPPED.resolve(file)));

    assertThat(r.format()).isEqualTo(format);
    assertThat(r.cases()).hasSize(total);
    assertThat(count(r, TestStatus.PASSED)).isEqualTo(passed);
    assertThat(count(r, TestStatus.FAILED)).isEqualTo(failed);
    assertThat(count(r, TestStatus.ERROR)).isEqualTo(errors);
    assertThat(count(r, TestStatus.SKIPPED)).isEqualTo(skipped);
  }

  @Test
  void anArtifactZipOfJunitAndTapFilesIsReadWhole() throws Exception {
    byte[] zip =
        zip(
            Map.of(
                "surefire-reports/TEST-org.example.ledger.LedgerTest.xml",
                Files.readAllBytes(SHIPPED.resolve("TEST-org.example.ledger.LedgerTest.xml")),
                "tap/config.tap",
                Files.readAllBytes(SHIPPED.resolve("config.tap")),
                "coverage.txt",
                "not results".getBytes()));

    ParsedResults r = read(zip);

    assertThat(r.format()).isEqualTo(ResultsFormat.GITHUB_ARTIFACT);
    assertThat(r.cases()).hasSize(6 + 7);
    assertThat(count(r, TestStatus.FAILED)).isEqualTo(2);
  }

  private static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (var e : new java.util.TreeMap<>(entries).entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
