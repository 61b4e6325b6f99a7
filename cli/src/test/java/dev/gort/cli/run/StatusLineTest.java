package dev.gort.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class StatusLineTest {

  @Test
  void onATerminalTheLineIsRedrawnInPlace() {
    StringWriter out = new StringWriter();
    StatusLine line = StatusLine.forOutput(new PrintWriter(out), true);

    line.show("demo run 1: QUEUED", "0.1 s");
    line.show("demo run 1: QUEUED", "1.1 s");
    line.show("demo run 1: FINISHED PASSED", "2.0 s");
    line.end();

    assertThat(out.toString())
        .isEqualTo(
            "\r\u001b[2Kdemo run 1: QUEUED  0.1 s"
                + "\r\u001b[2Kdemo run 1: QUEUED  1.1 s"
                + "\r\u001b[2Kdemo run 1: FINISHED PASSED  2.0 s"
                + System.lineSeparator());
  }

  @Test
  void elsewhereAPlainLineIsPrintedOnlyWhenTheStateChanges() {
    StringWriter out = new StringWriter();
    StatusLine line = StatusLine.forOutput(new PrintWriter(out), false);

    line.show("demo run 1: QUEUED", "0.1 s");
    line.show("demo run 1: QUEUED", "1.1 s");
    line.show("demo run 1: RUNNING, attempt 1", "2.1 s");
    line.show("demo run 1: RUNNING, attempt 1", "3.1 s");
    line.end();

    assertThat(out.toString().lines())
        .containsExactly("demo run 1: QUEUED  0.1 s", "demo run 1: RUNNING, attempt 1  2.1 s");
    assertThat(out.toString()).doesNotContain("\u001b").doesNotContain("\r");
  }
}
