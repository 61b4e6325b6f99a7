package dev.gort.cli.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.cli.http.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class OutputTest {

  private static final JsonNode RUN =
      Json.parseLenient("{\"id\":\"r-1\",\"experiment\":\"demo\",\"outcome\":null}");

  private static Table table(JsonNode run) {
    return Table.of("RUN", "EXPERIMENT", "OUTCOME")
        .row(Json.text(run, "id"), Json.text(run, "experiment"), Json.text(run, "outcome"));
  }

  @Test
  void aTableAlignsItsColumnsAndShowsMissingValuesAsADash() {
    String table = Table.of("RUN", "STATE").row("a-long-run-id", "QUEUED").row("b", null).render();

    assertThat(table)
        .isEqualTo("RUN            STATE\n" + "a-long-run-id  QUEUED\n" + "b              -\n");
  }

  @Test
  void theTableFormatPrintsTheTable() {
    StringWriter out = new StringWriter();

    new Printer(OutputFormat.TABLE, new PrintWriter(out)).print(RUN, OutputTest::table);

    assertThat(out.toString()).isEqualTo("RUN  EXPERIMENT  OUTCOME\nr-1  demo        -\n");
  }

  @Test
  void theJsonFormatPrintsTheServersJsonAsItIs() {
    String json =
        new Printer(OutputFormat.JSON, new PrintWriter(new StringWriter()))
            .render(RUN, OutputTest::table);

    assertThat(Json.parseLenient(json)).isEqualTo(RUN);
    assertThat(json).endsWith("}\n").contains("\"outcome\" : null");
  }

  @Test
  void theFormatIsTableOrJsonInAnyCase() {
    OutputFormat.Converter converter = new OutputFormat.Converter();

    assertThat(converter.convert("JSON")).isEqualTo(OutputFormat.JSON);
    assertThat(converter.convert("table")).isEqualTo(OutputFormat.TABLE);
    assertThatThrownBy(() -> converter.convert("yaml"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessage("'yaml' is not an output format; use table or json");
  }
}
