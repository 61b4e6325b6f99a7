package dev.gort.common.pipeline;

import static dev.gort.common.pipeline.YamlValues.quote;

import dev.gort.common.pipeline.YamlValues.NameRef;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The checks that need every job: stages, needs, links, and the cycles they make. */
final class JobReferences {

  private final List<String> stages;
  private final Map<String, ParsedJob> jobs;
  private final Problems problems;

  /**
   * @param stages the pipeline's stages, or null when they could not be read (stage checks skipped)
   */
  JobReferences(List<String> stages, Map<String, ParsedJob> jobs, Problems problems) {
    this.stages = stages;
    this.jobs = jobs;
    this.problems = problems;
  }

  void check() {
    Map<String, Set<String>> waitsFor = new LinkedHashMap<>();
    jobs.keySet().forEach(name -> waitsFor.put(name, new LinkedHashSet<>()));
    for (ParsedJob job : jobs.values()) {
      checkStage(job);
      if (job.needs() != null) {
        for (NameRef need : job.needs()) {
          if (checkNeed(job, need)) {
            waitsFor.get(job.name()).add(need.name());
          }
        }
      }
      for (NameRef link : job.links()) {
        if (checkLink(job, link)) {
          // the job a link names waits for the job the link starts from
          waitsFor.get(link.name()).add(job.name());
        }
      }
    }
    for (List<String> cycle : DependencyCycles.find(waitsFor)) {
      ParsedJob first = jobs.get(cycle.get(0));
      problems.at(
          first.keyNode(),
          first.path(),
          "dependency cycle: "
              + String.join(" → ", cycle)
              + " → "
              + cycle.get(0)
              + " (each job waits for the next, so none can start)");
    }
  }

  private void checkStage(ParsedJob job) {
    if (stages != null && job.stage() != null && !stages.contains(job.stage())) {
      problems.at(
          job.stageNode(),
          YamlValues.child(job.path(), "stage"),
          "stage "
              + quote(job.stage())
              + " is not one of this pipeline's stages: "
              + String.join(", ", stages));
    }
  }

  /** Whether {@code need} is an edge of the dependency graph. */
  private boolean checkNeed(ParsedJob job, NameRef need) {
    if (need.name().equals(job.name())) {
      problems.at(need.node(), need.path(), "a job cannot need itself");
      return false;
    }
    ParsedJob needed = jobs.get(need.name());
    if (needed == null) {
      problems.at(
          need.node(),
          need.path(),
          "needs " + quote(need.name()) + ", which is not a job of this pipeline");
      return false;
    }
    if (stageIndex(needed) > stageIndex(job) && stageIndex(job) >= 0) {
      problems.at(
          need.node(),
          need.path(),
          "needs "
              + quote(need.name())
              + " of the later stage "
              + quote(needed.stage())
              + "; a job may need only jobs of its own or an earlier stage");
    }
    return true;
  }

  /** Whether {@code link} is an edge of the dependency graph. */
  private boolean checkLink(ParsedJob job, NameRef link) {
    String key = link.path().startsWith(job.path() + ".on_success") ? "on_success" : "on_failure";
    if (link.name().equals(job.name())) {
      problems.at(link.node(), link.path(), "a job cannot link to itself");
      return false;
    }
    ParsedJob target = jobs.get(link.name());
    if (target == null) {
      problems.at(
          link.node(),
          link.path(),
          key + " names " + quote(link.name()) + ", which is not a job of this pipeline");
      return false;
    }
    if (job.needs() == null && stageIndex(target) >= 0 && stageIndex(target) < stageIndex(job)) {
      // the stage order is an implicit need, outside the graph of needs and links
      problems.at(
          link.node(),
          link.path(),
          key
              + " names "
              + quote(link.name())
              + " of the earlier stage "
              + quote(target.stage())
              + ", but this job has no needs, so it waits for every job of the earlier stages: the"
              + " two would wait for each other; give this job needs, or move "
              + quote(link.name())
              + " to this or a later stage");
    }
    return true;
  }

  private int stageIndex(ParsedJob job) {
    return stages == null || job.stage() == null ? -1 : stages.indexOf(job.stage());
  }
}
