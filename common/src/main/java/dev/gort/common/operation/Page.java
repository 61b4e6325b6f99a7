package dev.gort.common.operation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.function.Supplier;

/** One page of a list: {@code {"value": [...], "nextLink": "…"}}, no nextLink on the last page. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Page<T>(List<T> value, String nextLink) {

  public Page {
    value = List.copyOf(value);
  }

  /**
   * The page from {@code fetched}, the rows read with a limit of {@code top + 1}: one row more than
   * the page means there is a next page, whose link {@code nextLink} gives.
   */
  public static <T> Page<T> of(List<T> fetched, int top, Supplier<String> nextLink) {
    if (fetched.size() > top) {
      return new Page<>(fetched.subList(0, top), nextLink.get());
    }
    return new Page<>(fetched, null);
  }
}
