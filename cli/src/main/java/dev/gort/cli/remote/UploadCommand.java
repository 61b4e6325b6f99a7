package dev.gort.cli.remote;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.cli.GortCommand;
import dev.gort.cli.exit.CliFailure;
import dev.gort.cli.http.Answer;
import dev.gort.cli.http.Json;
import dev.gort.cli.output.Table;
import dev.gort.common.pipeline.report.InvalidReportException;
import dev.gort.common.pipeline.report.PipelineReport;
import dev.gort.common.pipeline.report.PipelineReportJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code gort upload REPORT}: sends a report of {@code gort run --local} to the server, where it is
 * listed beside remote runs ({@code gort reports}). The file is read as strictly as the server
 * reads it first (exit 2 when it is not a report), then sent as it is; its {@code Idempotency-Key}
 * is the document's SHA-256, so uploading the same report again stores it once.
 */
@Command(
    name = "upload",
    mixinStandardHelpOptions = true,
    description = "Upload a local pipeline report (from gort run --local) to the server.")
public class UploadCommand implements Callable<Integer> {

  static final long MAX_BYTES = 16L * 1024 * 1024;

  @ParentCommand GortCommand gort;
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "REPORT",
      description = "The report's file, e.g. ~/.gort/reports/demo/1.json.")
  String file;

  @Override
  public Integer call() {
    byte[] bytes = read(file);
    PipelineReport report;
    try {
      report = PipelineReportJson.read(bytes);
    } catch (InvalidReportException e) {
      throw CliFailure.usage(file + " is not a pipeline report: " + e.getMessage());
    }
    Remote remote = Remote.of(gort, spec);
    Answer answer =
        remote
            .client()
            .upload(
                report.pipeline() + " run " + report.run(),
                new String(bytes, StandardCharsets.UTF_8),
                "upload-" + sha256(bytes));
    JsonNode body = answer.body();
    String id = Json.text(body, "id");
    if (id == null) {
      id =
          answer
              .header("Location")
              .map(location -> location.substring(location.lastIndexOf('/') + 1))
              .orElse(null);
    }
    String uploadedId = id;
    remote
        .printer()
        .print(
            body.isMissingNode() ? Json.MAPPER.createObjectNode().put("id", uploadedId) : body,
            ignored ->
                Table.of("ID", "PIPELINE", "RUN", "STATUS", "WHERE")
                    .row(
                        uploadedId,
                        report.pipeline(),
                        report.run(),
                        report.status(),
                        report.where().name().toLowerCase(java.util.Locale.ROOT)));
    return 0;
  }

  private static byte[] read(String file) {
    Path path = Path.of(file);
    try {
      if (Files.isDirectory(path)) {
        throw CliFailure.usage(file + " is a directory, not a report");
      }
      if (Files.size(path) > MAX_BYTES) {
        throw CliFailure.usage(file + " is larger than 16 MiB, the most a report may have");
      }
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw CliFailure.usage("cannot read " + file + ": no such file");
    } catch (IOException e) {
      throw CliFailure.usage("cannot read " + file + ": " + e.getMessage());
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
