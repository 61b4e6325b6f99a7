package dev.gort.scheduler.experiment;

import dev.gort.common.security.Caller;
import dev.gort.common.web.ProblemException;
import dev.gort.common.web.Untrusted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.regex.Pattern;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Whose an experiment is: the experiment source says (its {@code owner}), read now. An owner
 * reaches only its own experiments; another owner's answers 404 as an unknown one does.
 */
@ApplicationScoped
public class ExperimentAccess {

  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

  @Inject ExperimentSource source;

  /** 400 unless {@code slug} is an experiment slug. */
  public static void checkSlug(String slug) {
    if (!SLUG.matcher(slug).matches()) {
      throw ProblemException.badRequest(Untrusted.quote(slug) + " is not an experiment slug");
    }
  }

  /**
   * The experiment as the source says it now, if the caller may act on it. Call it outside any
   * transaction, so no database connection waits on the source.
   *
   * @throws ExperimentSource.ExperimentNotFound when unknown, or not the caller's
   * @throws ExperimentSource.SourceUnavailable when the source is not answering
   */
  public SourceExperiment forCaller(Caller caller, String slug) {
    SourceExperiment experiment;
    try {
      experiment = source.get(slug);
    } catch (CircuitBreakerOpenException | TimeoutException e) {
      throw new ExperimentSource.SourceUnavailable("the experiment source is not answering");
    }
    if (!caller.mayActFor(experiment.owner())) {
      // another owner's experiment is not there for this caller
      throw new ExperimentSource.ExperimentNotFound(slug);
    }
    return experiment;
  }
}
