package dev.gort.simulators.kcidb;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.simulators.web.Rfc3339;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * Keeps the accepted KCIDB submissions in memory, oldest first (the last {@link #MAX_KEPT}: older
 * ones are dropped), and the scripted failure of the next submissions.
 */
@Singleton
public class KcidbSink {

  /** The most submissions kept. */
  static final int MAX_KEPT = 1_000;

  /** The most checkout and test ids kept of one submission. */
  static final int MAX_IDS = 1_000;

  private final Clock clock;
  private final Deque<KcidbSubmission> submissions = new ArrayDeque<>();
  private long sequence;
  private int failing;
  private int failStatus;

  @Inject
  public KcidbSink(Clock clock) {
    this.clock = clock;
  }

  /** Keeps what the control API shows of a valid document. */
  public synchronized KcidbSubmission record(JsonNode document) {
    TreeSet<String> origins = new TreeSet<>();
    for (String list : KcidbValidator.LISTS.keySet()) {
      document.path(list).forEach(o -> origins.add(o.path("origin").asText()));
    }
    List<KcidbSubmission.Checkout> checkouts = new ArrayList<>();
    for (JsonNode c : document.path("checkouts")) {
      if (checkouts.size() < MAX_IDS) {
        JsonNode tree = c.get("tree_name");
        checkouts.add(
            new KcidbSubmission.Checkout(
                c.path("id").asText(), tree == null ? null : tree.asText()));
      }
    }
    List<String> testIds = new ArrayList<>();
    JsonNode tests = document.path("tests");
    for (int i = 0; i < tests.size() && i < MAX_IDS; i++) {
      testIds.add(tests.get(i).path("id").asText());
    }
    KcidbSubmission submission =
        new KcidbSubmission(
            ++sequence,
            Rfc3339.format(clock.instant()),
            document.path("version").path("minor").asInt(0),
            KcidbValidator.counts(document),
            List.copyOf(origins),
            List.copyOf(checkouts),
            List.copyOf(testIds),
            tests.size() > testIds.size());
    submissions.addLast(submission);
    while (submissions.size() > MAX_KEPT) {
      submissions.removeFirst();
    }
    return submission;
  }

  /**
   * The submissions kept, oldest first: those with an object of {@code origin} and a checkout of
   * tree {@code tree} (null: any).
   */
  public synchronized List<KcidbSubmission> submissions(String origin, String tree) {
    return submissions.stream()
        .filter(s -> origin == null || s.origins().contains(origin))
        .filter(
            s -> tree == null || s.checkouts().stream().anyMatch(c -> tree.equals(c.treeName())))
        .toList();
  }

  public synchronized void clear() {
    submissions.clear();
  }

  /** Makes the next {@code count} submissions answer {@code status} (count 0: none). */
  public synchronized void failNext(int count, int status) {
    failing = count;
    failStatus = status;
  }

  /** The scripted failures still to come. */
  public synchronized int failing() {
    return failing;
  }

  /** The status this submission is to answer instead of being looked at, if one is scripted. */
  public synchronized OptionalInt takeFailure() {
    if (failing == 0) {
      return OptionalInt.empty();
    }
    failing--;
    return OptionalInt.of(failStatus);
  }
}
