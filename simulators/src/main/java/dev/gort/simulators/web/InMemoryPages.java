package dev.gort.simulators.web;

import dev.gort.common.operation.Page;
import dev.gort.common.operation.PageRequest;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The simulators' lists, paged like every Gort list ({@code $top}, {@code $skip}, {@code
 * nextLink}): the control API holds its records in memory, so a page is cut from the whole list.
 */
public final class InMemoryPages {

  private InMemoryPages() {}

  /**
   * The page of the list {@code of} gives for the request's filters (named in {@code filters}; any
   * other parameter is a 400), linking on from the request's path.
   */
  public static <T> Page<T> page(
      UriInfo uri, List<String> filters, Function<Map<String, String>, List<T>> of) {
    PageRequest paging = PageRequest.of(uri.getQueryParameters(), filters);
    List<T> all = of.apply(paging.filters());
    int from = Math.min(paging.skip(), all.size());
    int to = (int) Math.min((long) from + paging.limit(), all.size());
    return paging.page(all.subList(from, to), uri.getRequestUri().getRawPath());
  }
}
