package dev.gort.common.pipeline;

import dev.gort.common.web.Untrusted;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads and validates a pipeline file (YAML, or JSON, which is YAML), the one check the CLI and the
 * scheduler share. The file is read as YAML nodes only: no Java object is ever built from it, so
 * its tags cannot reach a constructor; standard tags only, few aliases (no "billion laughs"), 256
 * KiB at most.
 */
public final class PipelineParser {

  public static final int MAX_BYTES = 256 * 1024;
  public static final int MAX_JOBS = 500;
  public static final int MAX_COMMANDS = 100;
  static final int MAX_ALIASES = 10;

  /** How SnakeYAML's composer words its refusal of a global tag (ours refuses every one). */
  private static final String GLOBAL_TAG_REFUSED = "Global tag is not allowed: ";

  private static final Set<Tag> STANDARD_TAGS =
      Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP, Tag.SEQ, Tag.MAP);

  /**
   * The pipeline {@code text} declares.
   *
   * @throws PipelineValidationException listing every problem, in file order
   */
  public PipelineSpec parse(String text) {
    Problems problems = new Problems();
    if (utf8Length(text) > MAX_BYTES) {
      problems.at(
          1,
          1,
          "",
          "the file is larger than 256 KiB ("
              + MAX_BYTES
              + " bytes), the most a pipeline file may have");
      problems.throwIfAny();
    }
    Node root = compose(text, problems);
    if (root != null) {
      checkTags(root, problems);
    }
    // a file with unknown tags is refused as a whole: what they would mean is anyone's guess
    PipelineSpec spec = problems.any() ? null : new PipelineReader(problems).read(root);
    problems.throwIfAny();
    return spec;
  }

  private static Node compose(String text, Problems problems) {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setAllowDuplicateKeys(true); // reported by the reader, with both positions
    options.setAllowRecursiveKeys(false);
    options.setCodePointLimit(MAX_BYTES);
    options.setMergeOnCompose(false);
    options.setTagInspector(tag -> false);
    try {
      Composer composer =
          new Composer(new ParserImpl(new StreamReader(text), options), new Resolver(), options);
      Node root = composer.getSingleNode();
      if (root == null) {
        problems.at(1, 1, "", "the file is empty; it must give pipeline, stages and jobs");
      }
      return root;
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = String.valueOf(e.getProblem());
      if (problem.startsWith(GLOBAL_TAG_REFUSED)) {
        problems.at(mark, "", tagNotAllowed(problem.substring(GLOBAL_TAG_REFUSED.length())));
      } else {
        String what = e.getContext() == null ? problem : e.getContext() + ", " + problem;
        problems.at(mark, "", "not valid YAML: " + Untrusted.escape(what, 200));
      }
      return null;
    } catch (YAMLException e) {
      String message = String.valueOf(e.getMessage());
      if (message.contains("aliases")) {
        problems.at(
            1,
            1,
            "",
            "the file uses more than "
                + MAX_ALIASES
                + " aliases (*name) of lists or maps; repeat the values instead");
      } else {
        problems.at(1, 1, "", "not valid YAML: " + Untrusted.escape(message, 200));
      }
      return null;
    }
  }

  /** Every node, walked without recursion; an alias is the node it names, visited once. */
  private static void checkTags(Node root, Problems problems) {
    Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Node> pending = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      Node node = pending.pop();
      if (!seen.add(node)) {
        continue;
      }
      if (Tag.MERGE.equals(node.getTag())) {
        problems.at(node, "", "merge keys (<<) are not supported; write the keys out");
      } else if (!STANDARD_TAGS.contains(node.getTag())) {
        problems.at(node, "", tagNotAllowed(node.getTag().getValue()));
      }
      if (node instanceof SequenceNode) {
        ((SequenceNode) node).getValue().forEach(pending::push);
      } else if (node instanceof MappingNode) {
        for (NodeTuple tuple : ((MappingNode) node).getValue()) {
          pending.push(tuple.getKeyNode());
          pending.push(tuple.getValueNode());
        }
      }
    }
  }

  private static String tagNotAllowed(String tag) {
    return "the tag "
        + YamlValues.quote(tag)
        + " is not allowed; a pipeline file holds only plain text, numbers, booleans, lists and"
        + " maps";
  }

  /** The text's length in UTF-8, counted only up to just past the limit. */
  private static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
      if (bytes > MAX_BYTES) {
        return bytes;
      }
    }
    return bytes;
  }
}
