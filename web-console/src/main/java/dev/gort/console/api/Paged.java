package dev.gort.console.api;

import java.net.URI;
import java.util.List;
import java.util.OptionalInt;

/**
 * A page of a service's list ({@code value}, {@code nextLink}), as every Gort list answers. The
 * console pages through with {@code ?skip=}: {@link #nextSkip()} is the next page's offset, read
 * from the service's {@code nextLink}.
 */
public record Paged<T>(List<T> value, String nextLink) {

  public Paged {
    value = value == null ? List.of() : value;
  }

  public OptionalInt nextSkip() {
    return skipOf(nextLink);
  }

  public boolean hasNext() {
    return nextSkip().isPresent();
  }

  static OptionalInt skipOf(String link) {
    if (link == null || link.isBlank()) {
      return OptionalInt.empty();
    }
    String query;
    try {
      query = URI.create(link).getRawQuery();
    } catch (IllegalArgumentException e) {
      return OptionalInt.empty();
    }
    if (query == null) {
      return OptionalInt.empty();
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      if (name.equals("$skip") || name.equals("%24skip")) {
        try {
          return OptionalInt.of(Integer.parseInt(pair.substring(eq + 1)));
        } catch (NumberFormatException e) {
          return OptionalInt.empty();
        }
      }
    }
    return OptionalInt.empty();
  }
}
