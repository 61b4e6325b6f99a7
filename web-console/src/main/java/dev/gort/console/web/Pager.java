package dev.gort.console.web;

import dev.gort.console.api.Paged;

/**
 * Links to the previous and next page of a list ({@code tags/pager.html}). {@code path} is the
 * page's own URL with its other query parameters, already encoded.
 */
public record Pager(String path, int skip, int pageSize, Integer nextSkip) {

  public static Pager of(String path, int skip, int pageSize, Paged<?> page) {
    return new Pager(
        path, skip, pageSize, page.nextSkip().isPresent() ? page.nextSkip().getAsInt() : null);
  }

  public boolean hasPrevious() {
    return skip > 0;
  }

  public boolean hasNext() {
    return nextSkip != null;
  }

  public String previousHref() {
    return href(Math.max(0, skip - pageSize));
  }

  public String nextHref() {
    return nextSkip == null ? "" : href(nextSkip);
  }

  private String href(int to) {
    return path + (path.contains("?") ? "&" : "?") + "skip=" + to;
  }
}
