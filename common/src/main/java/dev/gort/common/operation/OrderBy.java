package dev.gort.common.operation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code $orderby} option of a list: a comma-separated list of {@code field [asc|desc]}, e.g.
 * {@code createdDateTime desc, lastActionDateTime}; a field without a direction is ascending.
 */
public final class OrderBy {

  public static final String OPTION = "$orderby";

  /** One sort key. */
  public record Key(String field, boolean descending) {}

  private OrderBy() {}

  /**
   * Parses {@code text} over the sortable {@code fields}.
   *
   * @throws QueryOptionException for an empty key, an unknown or repeated field, an unknown
   *     direction or anything after the direction, with its position
   */
  public static List<Key> parse(String text, Set<String> fields) {
    List<Key> keys = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int start = 0;
    while (true) {
      int comma = text.indexOf(',', start);
      int end = comma < 0 ? text.length() : comma;
      keys.add(key(text, start, end, fields, seen));
      if (comma < 0) {
        return keys;
      }
      start = comma + 1;
    }
  }

  /** {@code keys} as an SQL {@code ORDER BY} list, with the caller's SQL for each field. */
  public static String toSql(List<Key> keys, Map<String, String> columns) {
    List<String> terms = new ArrayList<>();
    for (Key key : keys) {
      String column = columns.get(key.field());
      if (column == null) {
        throw new IllegalArgumentException("no SQL expression for field '" + key.field() + "'");
      }
      terms.add(column + (key.descending() ? " DESC" : " ASC"));
    }
    return String.join(", ", terms);
  }

  private static Key key(String text, int start, int end, Set<String> fields, Set<String> seen) {
    List<int[]> words = words(text, start, end);
    if (words.isEmpty()) {
      throw new QueryOptionException(OPTION, "expected a field name", skipSpaces(text, start, end));
    }
    String field = text.substring(words.get(0)[0], words.get(0)[1]);
    if (!fields.contains(field)) {
      throw new QueryOptionException(
          OPTION,
          "cannot sort by '" + field + "'; sortable: " + String.join(", ", new TreeSet<>(fields)),
          words.get(0)[0]);
    }
    if (!seen.add(field)) {
      throw new QueryOptionException(OPTION, "'" + field + "' is already a key", words.get(0)[0]);
    }
    boolean descending = false;
    if (words.size() > 1) {
      String direction = text.substring(words.get(1)[0], words.get(1)[1]);
      if (direction.equals("desc")) {
        descending = true;
      } else if (!direction.equals("asc")) {
        throw new QueryOptionException(
            OPTION, "expected 'asc' or 'desc' but found '" + direction + "'", words.get(1)[0]);
      }
    }
    if (words.size() > 2) {
      throw new QueryOptionException(
          OPTION,
          "expected ',' or the end but found '"
              + text.substring(words.get(2)[0], words.get(2)[1])
              + "'",
          words.get(2)[0]);
    }
    return new Key(field, descending);
  }

  /** The [start, end) spans of the whitespace-separated words in text[start, end). */
  private static List<int[]> words(String text, int start, int end) {
    List<int[]> words = new ArrayList<>();
    int i = start;
    while (i < end) {
      if (Character.isWhitespace(text.charAt(i))) {
        i++;
        continue;
      }
      int from = i;
      while (i < end && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      words.add(new int[] {from, i});
    }
    return words;
  }

  private static int skipSpaces(String text, int start, int end) {
    int i = start;
    while (i < end && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }
}
