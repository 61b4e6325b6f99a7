package dev.gort.scheduler.experiment;

import dev.gort.common.web.ProblemException;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code $top}/{@code $skip} paging of a list (architecture, "HTTP APIs": every list is {@code
 * {"value": [...], "nextLink": "..."}}). Any other query parameter, a repeated one or a bad number
 * is a 400, so that a typo never silently returns the unfiltered list.
 *
 * @param top how many items a page holds: default 50, at most 1000
 * @param skip how many items come before the page
 */
public record Paging(int top, int skip) {

  public static final int DEFAULT_TOP = 50;
  public static final int MAX_TOP = 1000;
  private static final Set<String> PARAMETERS = Set.of("$top", "$skip");

  /**
   * @throws ProblemException 400 for unknown, repeated or malformed parameters
   */
  public static Paging of(MultivaluedMap<String, String> query) {
    Set<String> unknown = new TreeSet<>(query.keySet());
    unknown.removeAll(PARAMETERS);
    if (!unknown.isEmpty()) {
      throw ProblemException.badRequest(
          "unknown query parameter"
              + (unknown.size() > 1 ? "s " : " ")
              + String.join(", ", unknown)
              + "; this list takes $top and $skip");
    }
    int top = number(query, "$top", DEFAULT_TOP, 1, MAX_TOP);
    int skip = number(query, "$skip", 0, 0, Integer.MAX_VALUE - MAX_TOP);
    return new Paging(top, skip);
  }

  /**
   * The page out of {@code fetched}, which the caller read with {@link #top()} + 1 as its limit:
   * the extra item only says whether a next page exists.
   */
  public <T> List<T> page(List<T> fetched) {
    return fetched.size() > top ? List.copyOf(fetched.subList(0, top)) : List.copyOf(fetched);
  }

  /** The link to the next page of {@code path}, or null when {@code fetched} was the last page. */
  public String nextLink(String path, List<?> fetched) {
    return fetched.size() > top ? path + "?$top=" + top + "&$skip=" + (skip + top) : null;
  }

  private static int number(
      MultivaluedMap<String, String> query, String name, int fallback, int min, int max) {
    List<String> values = query.get(name);
    if (values == null || values.isEmpty()) {
      return fallback;
    }
    if (values.size() > 1) {
      throw ProblemException.badRequest(name + " is given more than once");
    }
    String value = values.get(0);
    try {
      int n = Integer.parseInt(value.trim());
      if (n < min || n > max) {
        throw ProblemException.badRequest(
            name + " must be between " + min + " and " + max + ", not " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw ProblemException.badRequest(
          name + " must be a whole number, not '" + abbreviate(value) + "'");
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
