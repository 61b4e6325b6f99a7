package dev.gort.cli.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.gort.cli.CliContext;
import dev.gort.cli.GortCommand;
import dev.gort.cli.exit.CliFailure;
import dev.gort.cli.exit.ExitCode;
import dev.gort.cli.http.Json;
import dev.gort.cli.output.OutputFormat;
import dev.gort.cli.remote.RemoteReports;
import dev.gort.common.pipeline.report.PipelineReport;
import dev.gort.common.pipeline.report.PipelineReportJson;
import dev.gort.common.pipeline.report.ReportFilter;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gort reports}: the reports of the server's runs and uploaded reports ({@link
 * RemoteReports}), or with {@code --local} of local runs, newest first, filtered (seed 003: by
 * repository, pipeline, run number, stage or job; a stage or job narrows the jobs shown). One run
 * ({@code --pipeline P --run N}) is shown in detail. With {@code --output json}, always a JSON list
 * of reports.
 */
@Command(
    name = "reports",
    mixinStandardHelpOptions = true,
    description =
        "List the reports of pipeline runs: on the server (remote runs and uploaded reports), or"
            + " with --local of runs on this machine.")
public class ReportsCommand implements Callable<Integer> {

  @ParentCommand GortCommand gort;
  @Spec CommandSpec spec;

  @Option(names = "--local", description = "The reports stored here by gort run --local.")
  boolean local;

  @Option(names = "--repo", paramLabel = "R", description = "Only runs of this repository.")
  String repository;

  @Option(names = "--pipeline", paramLabel = "P", description = "Only runs of this pipeline.")
  String pipeline;

  @Option(names = "--run", paramLabel = "N", description = "Only the run with this number.")
  Integer run;

  @Option(names = "--stage", paramLabel = "S", description = "Only the jobs of this stage.")
  String stage;

  @Option(names = "--job", paramLabel = "J", description = "Only the job of this name.")
  String job;

  @Option(names = "--logs", description = "With one run in detail: every attempt's log too.")
  boolean logs;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "50",
      description =
          "From the server: at most this many reports, 1 to 1000 (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() throws IOException {
    if (!local) {
      if (limit < 1 || limit > 1000) {
        throw CliFailure.usage("--limit must be 1 to 1000, not " + limit);
      }
      return RemoteReports.print(
          gort, spec, new RemoteReports.Query(repository, pipeline, run, stage, job, logs), limit);
    }
    CliContext context = gort.context();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ReportFilter filter = new ReportFilter(repository, pipeline, run, stage, job);
    List<PipelineReport> reports =
        filter.apply(new ReportStore(context.home()).all(skipped -> warn(err, skipped)));
    if (context.output() == OutputFormat.JSON) {
      ArrayNode list = Json.MAPPER.createArrayNode();
      reports.forEach(report -> list.add(PipelineReportJson.toTree(report)));
      out.print(list.toPrettyString() + "\n");
    } else if (reports.isEmpty()) {
      out.println("no local reports" + (filter.isEmpty() ? "" : " match"));
    } else if (pipeline != null && run != null && reports.size() == 1) {
      out.print(ReportView.detail(reports.get(0), logs));
    } else if (stage != null || job != null) {
      out.print(ReportView.jobs(reports));
    } else {
      out.print(ReportView.runs(reports));
    }
    out.flush();
    return ExitCode.SUCCESS.code();
  }

  private static void warn(PrintWriter err, String skipped) {
    err.println("gort: skipped " + skipped);
    err.flush();
  }
}
