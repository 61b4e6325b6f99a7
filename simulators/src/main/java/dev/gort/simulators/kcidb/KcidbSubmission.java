package dev.gort.simulators.kcidb;

import java.util.List;
import java.util.Map;

/**
 * One accepted submission as the control API shows it: when it came, how many objects of each kind
 * it held, the origins they named, its checkouts (id and tree) and the ids of its first {@link
 * KcidbSink#MAX_IDS} tests. The document itself is not kept.
 *
 * @param testIdsTruncated whether the submission held more tests than {@code testIds} lists
 */
public record KcidbSubmission(
    long id,
    String receivedAt,
    int minor,
    Map<String, Integer> counts,
    List<String> origins,
    List<Checkout> checkouts,
    List<String> testIds,
    boolean testIdsTruncated) {

  /** A checkout: its id and its {@code tree_name} (null when it gave none). */
  public record Checkout(String id, String treeName) {}
}
