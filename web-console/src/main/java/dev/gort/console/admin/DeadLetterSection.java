package dev.gort.console.admin;

import dev.gort.console.api.Paged;
import dev.gort.console.web.Pager;

/**
 * One service's part of the admin page: a page of its dead letters, or why it could not be read
 * ({@code error}); {@code notice} and {@code replayError} say how a replay went.
 */
public record DeadLetterSection(
    DeadLetterService service,
    Paged<DeadLetter> page,
    Pager pager,
    String error,
    String notice,
    String replayError) {

  public String anchor() {
    return "dead-letters-" + service.code();
  }

  public String pagerLabel() {
    return "Pages of the " + service.title() + "'s dead letters";
  }
}
