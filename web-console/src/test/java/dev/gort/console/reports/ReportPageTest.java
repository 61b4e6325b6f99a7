package dev.gort.console.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gort.console.web.PageInputException;
import org.junit.jupiter.api.Test;

class ReportPageTest {

  @Test
  void theExportsFileNameKeepsOnlySafeCharacters() {
    assertThat(ReportPage.fileName("3f2a-11")).isEqualTo("report-3f2a-11-kcidb.json");
    assertThat(ReportPage.fileName("a\"b\r\n;c")).isEqualTo("report-a_b___c-kcidb.json");
  }

  @Test
  void theStatusFilterTakesAWorkerStatusOrNothing() {
    assertThat(TestStatusFilter.of(" Failed ")).isEqualTo("failed");
    assertThat(TestStatusFilter.of("")).isNull();
    assertThat(TestStatusFilter.of(null)).isNull();
    assertThatThrownBy(() -> TestStatusFilter.of("failed,error"))
        .isInstanceOf(PageInputException.class);
  }
}
