package dev.gort.scheduler.poll;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;

/** Every poll, as it ended; read latest first. */
@ApplicationScoped
public class PollLog {

  static final int MAX_REASON = 4000;
  private static final Sort LATEST_FIRST =
      Sort.by("startedAt", Sort.Direction.Descending).and("id", Sort.Direction.Descending);

  @Transactional
  public PollView record(ExperimentPoll poll) {
    if (poll.reason != null && poll.reason.length() > MAX_REASON) {
      poll.reason = poll.reason.substring(0, MAX_REASON - 3) + "...";
    }
    poll.persist();
    return PollView.of(poll);
  }

  /** Polls from the {@code offset}-th latest on, at most {@code limit}. */
  @Transactional
  public List<PollView> latestFirst(int limit, int offset) {
    return ExperimentPoll.<ExperimentPoll>findAll(LATEST_FIRST)
        .range(offset, offset + limit - 1)
        .list()
        .stream()
        .map(PollView::of)
        .toList();
  }

  @Transactional
  public Optional<PollView> latest() {
    return latestFirst(1, 0).stream().findFirst();
  }
}
