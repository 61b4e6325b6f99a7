package dev.gort.console.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RunLinksTest {

  @Test
  void aRunsApiLocationBecomesItsPage() {
    assertThat(RunLinks.pageOf(URI.create("http://127.0.0.1:8081/api/v1/test-runs/abc")))
        .hasPath("/runs/abc");
    assertThat(RunLinks.pageOf(URI.create("/api/v1/pipeline-runs/p1")))
        .hasPath("/pipeline-runs/p1");
    assertThat(RunLinks.pageOf(null)).hasPath("/experiments");
  }
}
