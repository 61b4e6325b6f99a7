package dev.gort.common.operation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The page a client asked for of a list that takes no query option but {@code $top} and {@code
 * $skip}, and perhaps a few plain filter parameters ({@code ?experiment=…}); lists with more
 * options ({@code $filter}, {@code $orderby}) use {@link Paging} directly.
 *
 * @param filters the plain filter parameters given, in the order the list named them
 */
public record PageRequest(int top, int skip, Map<String, String> filters) {

  private static final Set<String> OPTIONS = Set.of(Paging.TOP, Paging.SKIP);

  /**
   * Reads {@code $top} and {@code $skip} from the request's query.
   *
   * @throws dev.gort.common.web.ProblemException 400 for any other parameter, a repeated one or a
   *     bad number
   */
  public static PageRequest of(Map<String, ? extends List<String>> query) {
    return of(query, List.of());
  }

  /**
   * Reads {@code $top}, {@code $skip} and the plain parameters named in {@code filterNames}.
   *
   * @throws dev.gort.common.web.ProblemException 400 for any other parameter, a repeated one or a
   *     bad number
   */
  public static PageRequest of(
      Map<String, ? extends List<String>> query, List<String> filterNames) {
    try {
      Paging.checkParameters(query, OPTIONS, filterNames);
      Map<String, String> filters = new LinkedHashMap<>();
      for (String name : filterNames) {
        String value = first(query, name);
        if (value != null) {
          filters.put(name, value);
        }
      }
      return new PageRequest(
          Paging.top(first(query, Paging.TOP)),
          Paging.skip(first(query, Paging.SKIP)),
          Map.copyOf(filters));
    } catch (QueryOptionException e) {
      throw e.toProblem();
    }
  }

  /** How many rows to read: one more than the page, to know whether a next page exists. */
  public int limit() {
    return top + 1;
  }

  /**
   * The page out of {@code fetched} (read with {@link #limit()}), linking on from {@code path} with
   * the same filters.
   */
  public <T> Page<T> page(List<T> fetched, String path) {
    return Page.of(
        fetched,
        top,
        () -> {
          Map<String, Object> next = new LinkedHashMap<>(new TreeMap<>(filters));
          next.put(Paging.TOP, top);
          next.put(Paging.SKIP, (long) skip + top);
          return Paging.link(path, next);
        });
  }

  private static String first(Map<String, ? extends List<String>> query, String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
