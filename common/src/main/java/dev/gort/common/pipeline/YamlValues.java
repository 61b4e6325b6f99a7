package dev.gort.common.pipeline;

import dev.gort.common.web.Untrusted;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads values out of composed YAML nodes, reporting what does not fit instead of throwing: every
 * method returns null for a value it could not read, after recording why.
 */
final class YamlValues {

  /** Longest piece of the file quoted back in a message. */
  static final int QUOTED_LENGTH = 80;

  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
  private static final Pattern DECIMAL = Pattern.compile("[-+]?[0-9]{1,9}");

  private final Problems problems;

  YamlValues(Problems problems) {
    this.problems = problems;
  }

  Problems problems() {
    return problems;
  }

  static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  static String item(String path, int index) {
    return path + "[" + index + "]";
  }

  /** Untrusted text for a message: in double quotes, control characters escaped, cut. */
  static String quote(String value) {
    return "\"" + Untrusted.escape(value, QUOTED_LENGTH) + "\"";
  }

  /** What a node holds, for "found …" in a message. */
  static String found(Node node) {
    if (node instanceof MappingNode) {
      return "a map";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    ScalarNode scalar = (ScalarNode) node;
    Tag tag = scalar.getTag();
    if (Tag.NULL.equals(tag)) {
      return "an empty value";
    }
    if (Tag.INT.equals(tag) || Tag.FLOAT.equals(tag)) {
      return "the number " + Untrusted.escape(scalar.getValue(), QUOTED_LENGTH);
    }
    if (Tag.BOOL.equals(tag)) {
      return "the boolean " + Untrusted.escape(scalar.getValue(), QUOTED_LENGTH);
    }
    if (Tag.TIMESTAMP.equals(tag)) {
      return "the date " + Untrusted.escape(scalar.getValue(), QUOTED_LENGTH);
    }
    return "the text " + quote(scalar.getValue());
  }

  MappingNode map(Node node, String path, String what) {
    if (node instanceof MappingNode) {
      return (MappingNode) node;
    }
    problems.at(node, path, what + " must be a map, found " + found(node));
    return null;
  }

  /**
   * The entries of a map with a fixed set of keys, by key, first occurrence kept; unknown and
   * repeated keys are reported.
   */
  Map<String, NodeTuple> keys(MappingNode map, String path, List<String> allowed) {
    Map<String, NodeTuple> entries = entries(map, path, "key");
    entries
        .entrySet()
        .removeIf(
            entry -> {
              if (allowed.contains(entry.getKey())) {
                return false;
              }
              problems.at(
                  entry.getValue().getKeyNode(),
                  child(path, Untrusted.escape(entry.getKey(), QUOTED_LENGTH)),
                  "unknown key "
                      + quote(entry.getKey())
                      + "; allowed keys: "
                      + String.join(", ", allowed));
              return true;
            });
    return entries;
  }

  /**
   * The entries of a map by key text, first occurrence kept; a key that is not a scalar, and a key
   * given twice ({@code what} says what a key is: "job", "tag"), is reported.
   */
  Map<String, NodeTuple> entries(MappingNode map, String path, String what) {
    Map<String, NodeTuple> entries = new LinkedHashMap<>();
    for (NodeTuple tuple : map.getValue()) {
      Node key = tuple.getKeyNode();
      if (!(key instanceof ScalarNode)) {
        problems.at(key, path, "a " + what + " must be a plain name, found " + found(key));
        continue;
      }
      String text = ((ScalarNode) key).getValue();
      NodeTuple first = entries.get(text);
      if (first != null) {
        problems.at(
            key,
            child(path, Untrusted.escape(text, QUOTED_LENGTH)),
            "duplicate "
                + what
                + " "
                + quote(text)
                + " (first at "
                + Problems.position(first.getKeyNode())
                + "); each "
                + what
                + " may appear once");
        continue;
      }
      entries.put(text, tuple);
    }
    return entries;
  }

  /**
   * A name (pipeline, stage, job): any scalar's text as written, so that {@code 2024} or {@code on}
   * stay the names they look like, matching {@link #NAME}.
   */
  String name(Node node, String path, String what) {
    if (!(node instanceof ScalarNode) || Tag.NULL.equals(node.getTag())) {
      problems.at(node, path, what + " must be a name, found " + found(node));
      return null;
    }
    return checkedName(((ScalarNode) node).getValue(), node, path, what);
  }

  String checkedName(String text, Node node, String path, String what) {
    if (!NAME.matcher(text).matches()) {
      problems.at(
          node,
          path,
          quote(text)
              + " is not a valid "
              + what
              + ": use 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit");
      return null;
    }
    return text;
  }

  /** A string that must be text (quoted or plain), not blank. */
  String text(Node node, String path, String what) {
    if (!(node instanceof ScalarNode) || !Tag.STR.equals(node.getTag())) {
      boolean quotable = node instanceof ScalarNode && !Tag.NULL.equals(node.getTag());
      String hint = quotable ? " (put it in quotes to use it as text)" : "";
      problems.at(node, path, what + " must be text, found " + found(node) + hint);
      return null;
    }
    String value = ((ScalarNode) node).getValue();
    if (value.isBlank()) {
      problems.at(node, path, what + " must not be blank");
      return null;
    }
    return value;
  }

  /** A scalar of any kind as its text (tag values: {@code arch: 64} is {@code "64"}). */
  String scalarText(Node node, String path, String what) {
    if (!(node instanceof ScalarNode) || Tag.NULL.equals(node.getTag())) {
      problems.at(node, path, what + " must be a single value, found " + found(node));
      return null;
    }
    return ((ScalarNode) node).getValue();
  }

  Boolean bool(Node node, String path, String what) {
    if (!(node instanceof ScalarNode) || !Tag.BOOL.equals(node.getTag())) {
      problems.at(node, path, what + " must be true or false, found " + found(node));
      return null;
    }
    String value = ((ScalarNode) node).getValue().toLowerCase(Locale.ROOT);
    return value.equals("true") || value.equals("yes") || value.equals("on");
  }

  /** A plain decimal integer in {@code min..max}. */
  Integer integer(Node node, String path, String what, int min, int max) {
    String range = min + " to " + max;
    if (!(node instanceof ScalarNode) || !Tag.INT.equals(node.getTag())) {
      problems.at(node, path, what + " must be a whole number " + range + ", found " + found(node));
      return null;
    }
    String text = ((ScalarNode) node).getValue();
    if (!DECIMAL.matcher(text).matches()) {
      problems.at(
          node, path, what + " must be a plain decimal number " + range + ", found " + found(node));
      return null;
    }
    int value = Integer.parseInt(text);
    if (value < min || value > max) {
      problems.at(node, path, what + " must be " + range + ", found " + value);
      return null;
    }
    return value;
  }

  /** The items of a list, or a single scalar as a list of one ({@code needs: compile}). */
  List<Node> listOrOne(Node node, String path, String what) {
    if (node instanceof SequenceNode) {
      return ((SequenceNode) node).getValue();
    }
    if (node instanceof ScalarNode && !Tag.NULL.equals(node.getTag())) {
      return List.of(node);
    }
    problems.at(node, path, what + " must be a list or a single value, found " + found(node));
    return null;
  }

  /**
   * A list of names (or one name) that may not repeat; an item that is not a valid name, or repeats
   * one before it, is reported and left out.
   */
  List<NameRef> names(Node node, String path, String what, String itemWhat) {
    List<Node> items = listOrOne(node, path, what);
    if (items == null) {
      return null;
    }
    boolean single = !(node instanceof SequenceNode);
    Map<String, NameRef> names = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      Node itemNode = items.get(i);
      String itemPath = single ? path : item(path, i);
      String name = name(itemNode, itemPath, itemWhat);
      if (name == null) {
        continue;
      }
      NameRef first = names.get(name);
      if (first != null) {
        problems.at(
            itemNode,
            itemPath,
            quote(name)
                + " is listed twice in "
                + what
                + " (first at "
                + Problems.position(first.node())
                + ")");
        continue;
      }
      names.put(name, new NameRef(name, itemNode, itemPath));
    }
    return new ArrayList<>(names.values());
  }

  /** A name as the file gives it, with where, for the checks across jobs. */
  record NameRef(String name, Node node, String path) {}
}
