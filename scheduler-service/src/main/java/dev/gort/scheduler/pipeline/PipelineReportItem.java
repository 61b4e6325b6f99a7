package dev.gort.scheduler.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One report as {@code /api/v1/pipeline-reports} shows it: where it comes from and the report
 * itself in the format of local reports ({@code PipelineReportJson}: {@code version} 1, {@code
 * snake_case} fields), so a client reads {@code report} as it reads a local report file.
 *
 * @param id the pipeline run's id ({@code origin} {@code remote}) or the upload's ({@code
 *     uploaded})
 * @param origin {@code remote} (a run of this scheduler) or {@code uploaded} ({@code gort upload})
 * @param owner who asked for the run, or who uploaded the report
 * @param uploadedDateTime when it was uploaded; absent for a remote run
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PipelineReportItem(
    String id, String origin, String owner, Instant uploadedDateTime, JsonNode report) {

  public static final String REMOTE = "remote";
  public static final String UPLOADED = "uploaded";
}
