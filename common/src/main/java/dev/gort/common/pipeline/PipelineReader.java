package dev.gort.common.pipeline;

import dev.gort.common.pipeline.YamlValues.NameRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads a composed pipeline file's root map into a spec, recording every problem. */
final class PipelineReader {

  static final List<String> KEYS = List.of("pipeline", "stages", "jobs");

  private final Problems problems;
  private final YamlValues values;

  PipelineReader(Problems problems) {
    this.problems = problems;
    this.values = new YamlValues(problems);
  }

  /** The spec, or null when there was a problem. */
  PipelineSpec read(Node root) {
    if (!(root instanceof MappingNode)) {
      problems.at(
          root,
          "",
          "a pipeline file must be a map with the keys pipeline, stages and jobs, found "
              + YamlValues.found(root));
      return null;
    }
    MappingNode map = (MappingNode) root;
    Map<String, NodeTuple> keys = values.keys(map, "", KEYS);
    String name = name(map, keys);
    List<String> stages = stages(map, keys);
    Map<String, ParsedJob> jobs = jobs(map, keys);
    if (jobs != null) {
      new JobReferences(stages, jobs, problems).check();
    }
    if (problems.any()) {
      return null;
    }
    Map<String, JobSpec> specs = new LinkedHashMap<>();
    jobs.values().forEach(job -> specs.put(job.name(), job.toSpec()));
    return new PipelineSpec(name, stages, specs);
  }

  private Node required(MappingNode map, Map<String, NodeTuple> keys, String key, String what) {
    NodeTuple tuple = keys.get(key);
    if (tuple == null) {
      problems.at(map, key, "missing " + key + ": a pipeline file must give " + what);
      return null;
    }
    return tuple.getValueNode();
  }

  private String name(MappingNode map, Map<String, NodeTuple> keys) {
    Node node = required(map, keys, "pipeline", "the pipeline's name");
    return node == null ? null : values.name(node, "pipeline", "pipeline name");
  }

  private List<String> stages(MappingNode map, Map<String, NodeTuple> keys) {
    Node node = required(map, keys, "stages", "its stages in the order they run");
    if (node == null) {
      return null;
    }
    if (!(node instanceof SequenceNode)) {
      problems.at(
          node, "stages", "stages must be a list of stage names, found " + YamlValues.found(node));
      return null;
    }
    if (((SequenceNode) node).getValue().isEmpty()) {
      problems.at(node, "stages", "stages must list at least one stage");
      return null;
    }
    int before = problemCount();
    List<NameRef> stages = values.names(node, "stages", "stages", "stage name");
    return problemCount() > before ? null : stages.stream().map(NameRef::name).toList();
  }

  private Map<String, ParsedJob> jobs(MappingNode map, Map<String, NodeTuple> keys) {
    Node node = required(map, keys, "jobs", "its jobs");
    MappingNode jobsMap = node == null ? null : values.map(node, "jobs", "jobs");
    if (jobsMap == null) {
      return null;
    }
    if (jobsMap.getValue().isEmpty()) {
      problems.at(jobsMap, "jobs", "jobs must have at least one job");
      return null;
    }
    if (jobsMap.getValue().size() > PipelineParser.MAX_JOBS) {
      problems.at(
          keys.get("jobs").getKeyNode(),
          "jobs",
          "a pipeline may have at most "
              + PipelineParser.MAX_JOBS
              + " jobs, found "
              + jobsMap.getValue().size());
      return null;
    }
    JobReader reader = new JobReader(values);
    Map<String, ParsedJob> jobs = new LinkedHashMap<>();
    for (Map.Entry<String, NodeTuple> entry : values.entries(jobsMap, "jobs", "job").entrySet()) {
      Node keyNode = entry.getValue().getKeyNode();
      String name = values.checkedName(entry.getKey(), keyNode, "jobs", "job name");
      ParsedJob job =
          name == null ? null : reader.read(name, keyNode, entry.getValue().getValueNode());
      if (job != null) {
        jobs.put(name, job);
      }
    }
    return jobs;
  }

  private int problemCount() {
    return problems.count();
  }
}
