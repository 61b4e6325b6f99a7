package dev.gort.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gort.cli.GortCommand;
import dev.gort.cli.exit.CliFailure;
import dev.gort.cli.http.Json;
import dev.gort.cli.local.ReportView;
import dev.gort.cli.output.Table;
import dev.gort.common.pipeline.report.InvalidReportException;
import dev.gort.common.pipeline.report.PipelineReport;
import dev.gort.common.pipeline.report.PipelineReportJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gort reports} without {@code --local}: the server's reports (remote runs and uploaded
 * ones, newest first), filtered there as {@code --local} filters here; shown as the local ones are,
 * with the server's id and the report's origin.
 */
public final class RemoteReports {

  /** The fields of a report document; a list item's other fields (id, origin) are the server's. */
  static final Set<String> REPORT_FIELDS =
      Set.of(
          "version",
          "pipeline",
          "run",
          "repository",
          "commit",
          "where",
          "status",
          "started_at",
          "finished_at",
          "notes",
          "stages",
          "jobs");

  /** The filters of {@code gort reports}. */
  public record Query(
      String repository, String pipeline, Integer run, String stage, String job, boolean logs) {}

  /** One listed report: the server's id and origin, and the report. */
  record Listed(String id, String origin, PipelineReport report) {}

  private RemoteReports() {}

  public static int print(GortCommand gort, CommandSpec spec, Query query, int limit) {
    Remote remote = Remote.of(gort, spec);
    Map<String, String> filters = new LinkedHashMap<>();
    filters.put("repository", query.repository());
    filters.put("pipeline", query.pipeline());
    filters.put("run", query.run() == null ? null : query.run().toString());
    filters.put("stage", query.stage());
    filters.put("job", query.job());
    ArrayNode items = remote.client().reports(filters, limit);
    if (remote.json()) {
      remote.out().print(items.toPrettyString() + "\n");
      remote.out().flush();
      return 0;
    }
    List<Listed> listed = new ArrayList<>();
    for (JsonNode item : items) {
      listed.add(listed(item));
    }
    remote.out().print(render(listed, query));
    remote.out().flush();
    return 0;
  }

  static String render(List<Listed> listed, Query query) {
    if (listed.isEmpty()) {
      return "no reports" + (isEmpty(query) ? "" : " match") + "\n";
    }
    List<PipelineReport> reports = listed.stream().map(Listed::report).toList();
    if (query.pipeline() != null && query.run() != null && listed.size() == 1) {
      Listed one = listed.get(0);
      return "id:         "
          + one.id()
          + "\norigin:     "
          + one.origin()
          + "\n"
          + ReportView.detail(one.report(), query.logs());
    }
    if (query.stage() != null || query.job() != null) {
      return ReportView.jobs(reports);
    }
    Table table =
        Table.of(
            "PIPELINE",
            "RUN",
            "STATUS",
            "ORIGIN",
            "REPOSITORY",
            "COMMIT",
            "STARTED",
            "TOOK",
            "JOBS",
            "ID");
    for (Listed one : listed) {
      PipelineReport report = one.report();
      table.row(
          report.pipeline(),
          report.run(),
          report.status(),
          one.origin(),
          report.repository(),
          report.commit(),
          report.startedAt(),
          ReportView.took(report.startedAt(), report.finishedAt()),
          report.jobs().size(),
          one.id());
    }
    return table.render();
  }

  /** An item as listed: the report itself beside the server's fields, or under {@code report}. */
  static Listed listed(JsonNode item) {
    JsonNode source = item.path("report").isObject() ? item.path("report") : item;
    ObjectNode document = Json.MAPPER.createObjectNode();
    source
        .fields()
        .forEachRemaining(
            field -> {
              if (REPORT_FIELDS.contains(field.getKey())) {
                document.set(field.getKey(), field.getValue());
              }
            });
    String origin = Json.text(item, "origin");
    if (origin == null) {
      origin = Json.text(document, "where");
    }
    try {
      return new Listed(
          Json.text(item, "id"),
          origin == null ? null : origin.toLowerCase(Locale.ROOT),
          PipelineReportJson.read(document.toString()));
    } catch (InvalidReportException e) {
      throw CliFailure.runFailed(
          "reports: the server's report "
              + Json.text(item, "id")
              + " cannot be read: "
              + e.getMessage());
    }
  }

  private static boolean isEmpty(Query query) {
    return query.repository() == null
        && query.pipeline() == null
        && query.run() == null
        && query.stage() == null
        && query.job() == null;
  }
}
