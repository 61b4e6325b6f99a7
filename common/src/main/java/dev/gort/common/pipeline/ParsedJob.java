package dev.gort.common.pipeline;

import dev.gort.common.pipeline.YamlValues.NameRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A job as read from the file, with the nodes the checks across jobs point at. A field is null when
 * the file does not give it or gives it wrongly (then a problem was recorded).
 */
record ParsedJob(
    String name,
    Node keyNode,
    String path,
    String stage,
    Node stageNode,
    String runner,
    String kind,
    String image,
    List<String> script,
    List<NameRef> needs,
    AllowFailure allowFailure,
    Duration timeout,
    RetryPolicy retry,
    Map<String, String> tags,
    List<NameRef> onSuccess,
    List<NameRef> onFailure,
    String input) {

  /** A job whose value is not a map: its name is known (needs may name it), nothing else. */
  static ParsedJob unreadable(String name, Node keyNode, String path) {
    return new ParsedJob(
        name, keyNode, path, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null);
  }

  /** Only called when the whole file had no problem, so every required field is there. */
  JobSpec toSpec() {
    return new JobSpec(
        name,
        stage,
        runner,
        kind,
        image,
        script,
        needs == null ? null : names(needs),
        allowFailure,
        timeout,
        retry,
        tags,
        names(onSuccess),
        names(onFailure),
        input);
  }

  List<NameRef> links() {
    return concat(onSuccess, onFailure);
  }

  private static List<NameRef> concat(List<NameRef> a, List<NameRef> b) {
    if (a == null) {
      return b == null ? List.of() : b;
    }
    if (b == null) {
      return a;
    }
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  private static List<String> names(List<NameRef> refs) {
    return refs == null ? List.of() : refs.stream().map(NameRef::name).toList();
  }
}
