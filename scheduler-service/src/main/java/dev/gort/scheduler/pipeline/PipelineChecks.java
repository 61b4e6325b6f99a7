package dev.gort.scheduler.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.common.pipeline.JobSpec;
import dev.gort.common.pipeline.PipelineJson;
import dev.gort.common.pipeline.PipelineParser;
import dev.gort.common.pipeline.PipelineProblem;
import dev.gort.common.pipeline.PipelineSpec;
import dev.gort.common.pipeline.PipelineValidationException;
import dev.gort.common.web.Problem;
import dev.gort.common.web.ProblemException;
import dev.gort.common.web.Untrusted;
import dev.gort.scheduler.runner.RunnerChecks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything a pipeline-run request must pass before anything is stored, asked outside any
 * transaction: the pipeline valid (the same check as the CLI's, every problem listed), each job on
 * a runner that runs scripts, and each job's runner, kind and settings as the gateway checks them.
 */
@ApplicationScoped
public class PipelineChecks {

  private static final Pattern LABEL = Pattern.compile("[\\x21-\\x7e]{1,200}");

  @Inject RunnerChecks runners;

  /**
   * The run {@code request} asks for.
   *
   * @param authorization the caller's {@code Authorization} header, forwarded to the gateway
   * @throws ProblemException 400 listing the problems, 503 when the gateway cannot be asked
   */
  public PipelineRuns.NewRun check(PipelineRunRequest request, String authorization) {
    if (request == null || request.pipeline() == null || request.pipeline().isNull()) {
      throw ProblemException.badRequest(
          "pipeline is required: the pipeline file as a JSON object (or its YAML as a string)");
    }
    label("experiment", request.experiment());
    label("repository", request.repository());
    label("commit", request.commit());
    PipelineSpec spec = validate(request.pipeline(), authorization);
    return new PipelineRuns.NewRun(
        spec,
        request.experiment(),
        request.repository(),
        request.commit(),
        request.start() == null || request.start(),
        request.pauseOnFailure() != null && request.pauseOnFailure());
  }

  /**
   * The pipeline {@code pipeline} (the file as a JSON object, or its YAML as a string), valid and
   * with every job as the gateway would take its first attempt: what a pipeline-run request and an
   * experiment's test configuration hold.
   *
   * @throws ProblemException 400 listing the problems, 503 when the gateway cannot be asked
   */
  public PipelineSpec validate(JsonNode pipeline, String authorization) {
    PipelineSpec spec = parse(pipeline);
    for (JobSpec job : spec.jobs().values()) {
      String refusal = PipelineJobSettings.refusal(job);
      if (refusal != null) {
        throw new ProblemException(
            400,
            "Bad Request",
            refusal,
            Map.of("job", job.name(), "runners", PipelineJobSettings.SCRIPT_RUNNERS));
      }
    }
    for (JobSpec job : spec.jobs().values()) {
      checkAtGateway(spec, job, authorization);
    }
    return spec;
  }

  /** Whether {@code value} is a label a run takes (experiment, repository, commit). */
  public static boolean isLabel(String value) {
    return value != null && LABEL.matcher(value).matches();
  }

  private static PipelineSpec parse(JsonNode pipeline) {
    try {
      if (pipeline.isTextual()) {
        return new PipelineParser().parse(pipeline.asText());
      }
      if (!pipeline.isObject()) {
        throw ProblemException.badRequest(
            "pipeline must be the pipeline file as a JSON object, or its YAML as a string");
      }
      return PipelineJson.fromJsonNode(pipeline);
    } catch (PipelineValidationException e) {
      throw invalid(e);
    }
  }

  /** The 400 of an invalid pipeline: every problem, with its line, column and path. */
  static ProblemException invalid(PipelineValidationException e) {
    List<Map<String, Object>> problems = new ArrayList<>();
    for (PipelineProblem problem : e.problems()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("line", problem.line());
      p.put("column", problem.column());
      p.put("path", problem.path());
      p.put("message", problem.message());
      problems.add(p);
    }
    return new ProblemException(
        400,
        "Bad Request",
        e.getMessage(),
        Map.of("problems", problems, "problemCount", e.total()));
  }

  /** The gateway's check of the job as attempt 1 will be handed over; its 400s name the job. */
  private void checkAtGateway(PipelineSpec spec, JobSpec job, String authorization) {
    try {
      runners.check(
          authorization,
          job.runner(),
          job.kind(),
          PipelineJobSettings.of(spec.name(), 1, "check", job, 1, null, null, List.of()));
    } catch (ProblemException e) {
      if (e.status() != 400) {
        throw e;
      }
      Problem problem = e.toProblem();
      Map<String, Object> extensions = new LinkedHashMap<>(problem.extensions());
      extensions.put("job", job.name());
      throw new ProblemException(
          400, "Bad Request", "job " + job.name() + ": " + problem.getDetail(), extensions);
    }
  }

  private static void label(String name, String value) {
    if (value != null && !LABEL.matcher(value).matches()) {
      throw new ProblemException(
          400,
          "Bad Request",
          name + ": " + Untrusted.quote(value) + " must be 1 to 200 visible ASCII characters",
          Map.of("field", name));
    }
  }
}
