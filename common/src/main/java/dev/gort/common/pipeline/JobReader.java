package dev.gort.common.pipeline;

import static dev.gort.common.pipeline.YamlValues.child;
import static dev.gort.common.pipeline.YamlValues.item;
import static dev.gort.common.pipeline.YamlValues.quote;

import dev.gort.common.pipeline.YamlValues.NameRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads one job's map; what needs the other jobs (stages, needs, links) is checked later. */
final class JobReader {

  static final List<String> KEYS =
      List.of(
          "stage",
          "runner",
          "kind",
          "image",
          "script",
          "needs",
          "allow_failure",
          "timeout",
          "retry",
          "tags",
          "on_success",
          "on_failure",
          "input");
  static final List<String> KINDS = List.of("test", "build", "boot");
  static final Pattern RUNNER = Pattern.compile("[a-z][a-z0-9-]{0,31}");
  static final int MAX_TAG_VALUE = 256;

  private final YamlValues values;
  private final Problems problems;

  JobReader(YamlValues values) {
    this.values = values;
    this.problems = values.problems();
  }

  ParsedJob read(String name, Node keyNode, Node valueNode) {
    String path = child("jobs", name);
    MappingNode map = values.map(valueNode, path, "a job");
    if (map == null) {
      return ParsedJob.unreadable(name, keyNode, path);
    }
    Map<String, NodeTuple> keys = values.keys(map, path, KEYS);
    Node stageNode = value(keys, "stage");
    String stage = null;
    if (stageNode == null) {
      problems.at(keyNode, child(path, "stage"), "a job must have a stage");
    } else {
      stage = values.name(stageNode, child(path, "stage"), "a stage name");
    }
    Node scriptNode = value(keys, "script");
    List<String> script = null;
    if (scriptNode == null) {
      problems.at(keyNode, child(path, "script"), "a job must have a script (commands to run)");
    } else {
      script = script(scriptNode, child(path, "script"));
    }
    return new ParsedJob(
        name,
        keyNode,
        path,
        stage,
        stageNode,
        optional(keys, "runner", path, this::runner).orElse(JobSpec.DEFAULT_RUNNER),
        optional(keys, "kind", path, this::kind).orElse(JobSpec.DEFAULT_KIND),
        optional(keys, "image", path, (node, at) -> values.text(node, at, "image")).orElse(null),
        script,
        optional(keys, "needs", path, (node, at) -> values.names(node, at, "needs", "a job name"))
            .orElse(null),
        optional(keys, "allow_failure", path, this::allowFailure).orElse(AllowFailure.NONE),
        optional(keys, "timeout", path, this::timeout).orElse(null),
        optional(keys, "retry", path, this::retry).orElse(RetryPolicy.NONE),
        optional(keys, "tags", path, this::tags).orElse(Map.of()),
        optional(keys, "on_success", path, this::links).orElse(List.of()),
        optional(keys, "on_failure", path, this::links).orElse(List.of()),
        optional(keys, "input", path, (node, at) -> values.text(node, at, "input")).orElse(null));
  }

  private interface ValueReader<T> {
    T read(Node node, String path);
  }

  private static Node value(Map<String, NodeTuple> keys, String key) {
    NodeTuple tuple = keys.get(key);
    return tuple == null ? null : tuple.getValueNode();
  }

  private static <T> Optional<T> optional(
      Map<String, NodeTuple> keys, String key, String path, ValueReader<T> reader) {
    Node node = value(keys, key);
    return node == null
        ? Optional.empty()
        : Optional.ofNullable(reader.read(node, child(path, key)));
  }

  private List<String> script(Node node, String path) {
    List<Node> items = values.listOrOne(node, path, "script");
    if (items == null) {
      return null;
    }
    if (items.isEmpty() || items.size() > PipelineParser.MAX_COMMANDS) {
      problems.at(
          node,
          path,
          "script must have 1 to "
              + PipelineParser.MAX_COMMANDS
              + " commands, found "
              + items.size());
      return null;
    }
    boolean single = !(node instanceof SequenceNode);
    List<String> commands = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      commands.add(values.text(items.get(i), single ? path : item(path, i), "a command"));
    }
    return commands.contains(null) ? null : commands;
  }

  private String runner(Node node, String path) {
    String runner = values.text(node, path, "runner");
    if (runner != null && !RUNNER.matcher(runner).matches()) {
      problems.at(
          node,
          path,
          quote(runner)
              + " is not a runner code: use 1 to 32 lower-case letters, digits or '-', starting with"
              + " a letter");
      return null;
    }
    return runner;
  }

  private String kind(Node node, String path) {
    String kind = values.text(node, path, "kind");
    if (kind != null && !KINDS.contains(kind)) {
      problems.at(
          node, path, "unknown kind " + quote(kind) + "; allowed: " + String.join(", ", KINDS));
      return null;
    }
    return kind;
  }

  private AllowFailure allowFailure(Node node, String path) {
    if (!(node instanceof MappingNode)) {
      Boolean any = values.bool(node, path, "allow_failure (or {exit_codes: [...]})");
      return any == null ? null : (any ? AllowFailure.ANY : AllowFailure.NONE);
    }
    Map<String, NodeTuple> keys = values.keys((MappingNode) node, path, List.of("exit_codes"));
    Node codesNode = value(keys, "exit_codes");
    if (codesNode == null) {
      problems.at(node, child(path, "exit_codes"), "allow_failure as a map must give exit_codes");
      return null;
    }
    String codesPath = child(path, "exit_codes");
    List<Node> items = values.listOrOne(codesNode, codesPath, "exit_codes");
    if (items == null) {
      return null;
    }
    if (items.isEmpty()) {
      problems.at(codesNode, codesPath, "exit_codes must list at least one exit code");
      return null;
    }
    boolean single = !(codesNode instanceof SequenceNode);
    Set<Integer> codes = new LinkedHashSet<>();
    boolean allRead = true;
    for (int i = 0; i < items.size(); i++) {
      Integer code =
          values.integer(
              items.get(i), single ? codesPath : item(codesPath, i), "an exit code", 0, 255);
      allRead &= code != null;
      if (code != null) {
        codes.add(code);
      }
    }
    return allRead ? new AllowFailure(false, codes) : null;
  }

  private Duration timeout(Node node, String path) {
    String text = values.text(node, path, "timeout");
    if (text == null) {
      return null;
    }
    Duration timeout = TimeoutText.parse(text);
    if (timeout == null) {
      problems.at(
          node,
          path,
          "timeout " + quote(text) + " is not a duration; write it like " + TimeoutText.FORMATS);
      return null;
    }
    String outOfRange = TimeoutText.outOfRange(timeout);
    if (outOfRange != null) {
      problems.at(node, path, "timeout " + outOfRange);
      return null;
    }
    return timeout;
  }

  private RetryPolicy retry(Node node, String path) {
    if (!(node instanceof MappingNode)) {
      Integer max =
          values.integer(node, path, "retry (or {max: ..., when: [...]})", 0, RetryPolicy.MAX);
      return max == null ? null : new RetryPolicy(max, Set.of());
    }
    Map<String, NodeTuple> keys = values.keys((MappingNode) node, path, List.of("max", "when"));
    Node maxNode = value(keys, "max");
    Integer max = null;
    if (maxNode == null) {
      problems.at(
          node, child(path, "max"), "retry as a map must give max (0 to " + RetryPolicy.MAX + ")");
    } else {
      max = values.integer(maxNode, child(path, "max"), "retry max", 0, RetryPolicy.MAX);
    }
    Node whenNode = value(keys, "when");
    Set<FailureClass> when =
        whenNode == null ? Set.of() : failureClasses(whenNode, child(path, "when"));
    return max == null || when == null ? null : new RetryPolicy(max, when);
  }

  private Set<FailureClass> failureClasses(Node node, String path) {
    List<Node> items = values.listOrOne(node, path, "retry when");
    if (items == null) {
      return null;
    }
    if (items.isEmpty()) {
      problems.at(
          node,
          path,
          "retry when must name at least one failure class; allowed: " + allowedClasses());
      return null;
    }
    boolean single = !(node instanceof SequenceNode);
    Set<FailureClass> classes = new LinkedHashSet<>();
    boolean allRead = true;
    for (int i = 0; i < items.size(); i++) {
      String itemPath = single ? path : item(path, i);
      String name = values.text(items.get(i), itemPath, "a failure class");
      Optional<FailureClass> failure =
          name == null ? Optional.empty() : FailureClass.fromWireName(name);
      if (name != null && failure.isEmpty()) {
        problems.at(
            items.get(i),
            itemPath,
            "unknown failure class " + quote(name) + "; allowed: " + allowedClasses());
      }
      allRead &= failure.isPresent();
      failure.ifPresent(classes::add);
    }
    return allRead ? classes : null;
  }

  private static String allowedClasses() {
    return Stream.of(FailureClass.values())
        .map(FailureClass::wireName)
        .collect(Collectors.joining(", "));
  }

  private Map<String, String> tags(Node node, String path) {
    MappingNode map = values.map(node, path, "tags");
    if (map == null) {
      return null;
    }
    Map<String, String> tags = new LinkedHashMap<>();
    boolean allRead = true;
    for (Map.Entry<String, NodeTuple> entry : values.entries(map, path, "tag").entrySet()) {
      NodeTuple tuple = entry.getValue();
      String key = values.checkedName(entry.getKey(), tuple.getKeyNode(), path, "tag name");
      String tagPath = key == null ? path : child(path, key);
      String value = values.scalarText(tuple.getValueNode(), tagPath, "a tag value");
      if (value != null && value.length() > MAX_TAG_VALUE) {
        problems.at(
            tuple.getValueNode(),
            tagPath,
            "a tag value may have at most "
                + MAX_TAG_VALUE
                + " characters, found "
                + value.length());
        value = null;
      }
      allRead &= key != null && value != null;
      if (key != null && value != null) {
        tags.put(key, value);
      }
    }
    return allRead ? tags : null;
  }

  private List<NameRef> links(Node node, String path) {
    String key = path.substring(path.lastIndexOf('.') + 1);
    return values.names(node, path, key, "a job name");
  }
}
