package dev.gort.common.pipeline;

import java.util.List;
import java.util.Map;

/**
 * A pipeline as its file declares it, after validation: stages in order and jobs in file order. The
 * same value travels from the CLI to the scheduler (seed 003: the backend does not look the
 * pipeline up, it is given it).
 *
 * @param name the pipeline's name; run numbers count per name
 * @param stages stage names in the order they run
 * @param jobs jobs by name, in file order (an insertion-ordered map)
 */
public record PipelineSpec(String name, List<String> stages, Map<String, JobSpec> jobs) {
  public PipelineSpec {
    stages = List.copyOf(stages);
    jobs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(jobs));
  }
}
