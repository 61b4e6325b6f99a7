package dev.gort.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.cli.http.Json;
import dev.gort.cli.output.Table;

/** A test run as a table row. */
final class RunTable {

  private RunTable() {}

  static Table of(JsonNode run) {
    return Table.of("RUN", "EXPERIMENT", "RUNNER", "STATE", "OUTCOME", "ATTEMPTS", "OPERATION")
        .row(
            Json.text(run, "id"),
            Json.text(run, "experiment"),
            Json.text(run, "runner"),
            Json.text(run, "state"),
            Json.text(run, "outcome"),
            run.path("attempts").asInt(0),
            Json.text(run, "operationId"));
  }
}
