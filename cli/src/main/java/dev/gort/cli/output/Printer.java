package dev.gort.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.cli.http.Json;
import java.io.PrintWriter;
import java.util.function.Function;

/**
 * Prints a command's answer in the chosen format: as the server's JSON (pretty, for {@code jq}) or
 * as a table made from it.
 */
public final class Printer {

  private final OutputFormat format;
  private final PrintWriter out;

  public Printer(OutputFormat format, PrintWriter out) {
    this.format = format;
    this.out = out;
  }

  public OutputFormat format() {
    return format;
  }

  public void print(JsonNode answer, Function<JsonNode, Table> asTable) {
    out.print(render(answer, asTable));
    out.flush();
  }

  public String render(JsonNode answer, Function<JsonNode, Table> asTable) {
    return renderText(answer, table -> asTable.apply(table).render());
  }

  /** Like {@link #print}, for answers people read as more than one table. */
  public void printText(JsonNode answer, Function<JsonNode, String> asText) {
    out.print(renderText(answer, asText));
    out.flush();
  }

  public String renderText(JsonNode answer, Function<JsonNode, String> asText) {
    if (format == OutputFormat.JSON) {
      try {
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(answer) + "\n";
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("the answer could not be written as JSON", e);
      }
    }
    return asText.apply(answer);
  }
}
