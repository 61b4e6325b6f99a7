package dev.gort.scheduler.poll;

import dev.gort.common.web.ProblemException;
import dev.gort.scheduler.experiment.ExperimentSource;
import dev.gort.scheduler.experiment.SeenExperiments;
import dev.gort.scheduler.experiment.SourceExperiment;
import dev.gort.scheduler.experiment.SourceListing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

/**
 * One poll of the experiment source (seed 000, "Github Scheduler" and "No Available Experiments"):
 * list the experiments, remember them, start a run for each one that is due, and record the poll
 * whatever happened. A failed poll is recorded with its reason and then thrown, so that the poll
 * loop backs off.
 */
@ApplicationScoped
public class ExperimentPoller {

  private static final Logger LOG = Logger.getLogger(ExperimentPoller.class);

  @Inject ExperimentSource source;
  @Inject SeenExperiments seen;
  @Inject ScheduledRuns scheduled;
  @Inject PollLog log;
  @Inject PollConfig config;
  @Inject Clock clock;

  private volatile String instance;

  /**
   * Polls once and records the poll.
   *
   * @throws PollFailed after recording a failed poll
   */
  public PollView pollOnce() {
    ExperimentPoll poll = new ExperimentPoll();
    poll.id = UUID.randomUUID().toString();
    poll.instance = instance();
    poll.startedAt = clock.instant();
    SourceListing listing;
    List<String> failures = new ArrayList<>();
    try {
      listing = source.list();
      poll.experimentsSeen = listing.experiments().size();
      poll.entriesSkipped = listing.skipped().size();
      seen.record(listing.experiments(), poll.startedAt);
      for (SourceExperiment experiment : bySlug(listing.experiments())) {
        if (experiment.readyForTest()) {
          poll.experimentsReady++;
          schedule(experiment, poll).ifPresent(failures::add);
        }
      }
    } catch (RuntimeException e) {
      throw failed(poll, reasonOf(e), e);
    }
    String skipped =
        listing.skipped().isEmpty()
            ? null
            : "skipped "
                + listing.skipped().size()
                + " of "
                + listing.entries()
                + " source entries: "
                + String.join("; ", listing.skipped());
    if (!failures.isEmpty()) {
      if (skipped != null) {
        failures.add(skipped);
      }
      throw failed(poll, String.join("; ", failures), null);
    }
    poll.status = ExperimentPoll.Status.SUCCEEDED;
    poll.reason = skipped;
    poll.finishedAt = clock.instant();
    return log.record(poll);
  }

  /** Starts the run {@code experiment} is due, if any; says why it could not, if it could not. */
  private Optional<String> schedule(SourceExperiment experiment, ExperimentPoll poll) {
    try {
      if (scheduled.startIfDue(experiment, poll.id) == ScheduledRuns.Decision.CREATED) {
        poll.runsCreated++;
      }
    } catch (ProblemException e) {
      if (e.status() != 409) {
        LOG.warnf("poll %s: could not schedule %s: %s", poll.id, experiment.slug(), e.getMessage());
        return Optional.of("could not schedule '" + experiment.slug() + "': " + e.getMessage());
      }
      busy(experiment, poll, e);
    } catch (PersistenceException e) {
      busy(experiment, poll, e);
    } catch (RuntimeException e) {
      LOG.warnf(e, "poll %s: could not schedule %s", poll.id, experiment.slug());
      return Optional.of("could not schedule '" + experiment.slug() + "': " + e.getMessage());
    }
    return Optional.empty();
  }

  /**
   * A triggered run, or another replica's run of another revision, committed first: the experiment
   * is busy, and a later poll decides again.
   */
  private static void busy(SourceExperiment experiment, ExperimentPoll poll, RuntimeException e) {
    LOG.debugf("poll %s: %s is busy: %s", poll.id, experiment.slug(), e.getMessage());
  }

  /** Records the poll as failed (when the database lets it) and gives what to throw. */
  private PollFailed failed(ExperimentPoll poll, String reason, RuntimeException cause) {
    poll.status = ExperimentPoll.Status.FAILED;
    poll.reason = reason;
    poll.finishedAt = clock.instant();
    try {
      log.record(poll);
    } catch (RuntimeException e) {
      LOG.warnf("poll %s failed (%s) and could not be recorded: %s", poll.id, reason, e);
    }
    return new PollFailed(reason, cause);
  }

  private static List<SourceExperiment> bySlug(List<SourceExperiment> experiments) {
    return experiments.stream().sorted(Comparator.comparing(SourceExperiment::slug)).toList();
  }

  static String reasonOf(Throwable e) {
    if (e instanceof TimeoutException) {
      return "the experiment source did not answer in time: " + e.getMessage();
    }
    if (e instanceof ProblemException) {
      return e.getMessage();
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private String instance() {
    if (instance == null) {
      instance = config.instance().orElseGet(ExperimentPoller::hostAndPid);
    }
    return instance;
  }

  private static String hostAndPid() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "localhost";
    }
    return host + "/" + ProcessHandle.current().pid();
  }

  /** A poll that failed; its reason is recorded before this is thrown. */
  public static class PollFailed extends RuntimeException {
    PollFailed(String reason, Throwable cause) {
      super(reason, cause);
    }
  }
}
