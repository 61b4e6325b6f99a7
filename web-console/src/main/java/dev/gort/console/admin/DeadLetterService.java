package dev.gort.console.admin;

import java.util.Arrays;
import java.util.Optional;

/** A Gort service that keeps dead letters, named by its REST client's config key. */
public enum DeadLetterService {
  SCHEDULER("scheduler", "Scheduler"),
  GATEWAY("gateway", "Runner gateway"),
  WORKER("worker", "Results worker"),
  NOTIFIER("notifier", "Notifier"),
  PROVISIONER("provisioner", "Provisioner");

  private final String code;
  private final String title;

  DeadLetterService(String code, String title) {
    this.code = code;
    this.title = title;
  }

  /** The config key of the service's URL ({@code quarkus.rest-client.<code>.url}), and in paths. */
  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  static Optional<DeadLetterService> of(String code) {
    return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
  }
}
