package dev.gort.common.pipeline.report;

import dev.gort.common.pipeline.PipelineParser;
import dev.gort.common.web.Untrusted;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The bounds of a pipeline report, checked as it is made (so also as it is read): a report from
 * {@code gort upload} is untrusted input. Sizes follow the pipeline file's own limits.
 */
final class ReportLimits {

  /** The whole document, as bytes. */
  static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

  static final int MAX_STAGES = 100;
  static final int MAX_JOBS = PipelineParser.MAX_JOBS;
  static final int MAX_ATTEMPTS = 50;
  static final int MAX_NOTES = 20;
  static final int MAX_NOTE = 1000;
  static final int MAX_LABEL = 256;
  static final int MAX_URL = 2048;

  /** One attempt's log text: the local run's output cap and its own notes fit well within. */
  static final int MAX_LOG_CHARS = 256 * 1024;

  private ReportLimits() {}

  static void required(String field, Object value) {
    if (value == null) {
      throw new InvalidReportException(field + " is missing");
    }
  }

  static void name(String field, String value) {
    required(field, value);
    if (!PipelineReport.NAME.matcher(value).matches()) {
      throw new InvalidReportException(
          field + " " + Untrusted.quote(value) + " is not a pipeline, stage or job name");
    }
  }

  static void text(String field, String value, int max) {
    required(field, value);
    optionalText(field, value, max);
  }

  static void optionalText(String field, String value, int max) {
    if (value != null && value.length() > max) {
      throw new InvalidReportException(
          field + " has " + value.length() + " characters, more than " + max);
    }
  }

  static <T> List<T> list(String field, List<T> values, int max) {
    required(field, values);
    if (values.size() > max) {
      throw new InvalidReportException(
          field + " has " + values.size() + " entries, more than " + max);
    }
    for (T value : values) {
      required(field + "[]", value);
    }
    return List.copyOf(values);
  }

  static void httpUrl(String field, URI url) {
    String text = url.toString();
    if (text.length() > MAX_URL
        || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
        || url.getHost() == null) {
      throw new InvalidReportException(field + " must be an http(s) URL of at most " + MAX_URL);
    }
  }

  /** Unique stage and job names, and every job in one of the stages. */
  static void consistent(List<StageReport> stages, List<JobReport> jobs) {
    Set<String> stageNames = new HashSet<>();
    for (StageReport stage : stages) {
      if (!stageNames.add(stage.name())) {
        throw new InvalidReportException("stage " + stage.name() + " is reported twice");
      }
    }
    Set<String> jobNames = new HashSet<>();
    for (JobReport job : jobs) {
      if (!jobNames.add(job.name())) {
        throw new InvalidReportException("job " + job.name() + " is reported twice");
      }
      if (!stageNames.contains(job.stage())) {
        throw new InvalidReportException(
            "job " + job.name() + " is in stage " + job.stage() + ", which is not reported");
      }
    }
  }
}
