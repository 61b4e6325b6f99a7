package dev.gort.provisioner.environment;

import dev.gort.common.web.ProblemException;
import dev.gort.common.web.Untrusted;
import dev.gort.provisioner.repository.RepositoryReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Creates environments (from the API or an {@code EnvironmentRequested} event), cancels and deletes
 * them, and hands out a created private key once. Each change commits with its status event.
 */
@ApplicationScoped
public class EnvironmentService {

  private static final Logger LOG = Logger.getLogger(EnvironmentService.class);

  @Inject EntityManager em;
  @Inject Clock clock;
  @Inject EnvironmentJson json;
  @Inject StatusEvents status;
  @Inject StepRecords steps;
  @Inject PrivateKeys privateKeys;

  /** What {@link #create} did: the environment, and whether it was made now (not a repeat). */
  public record Created(Environment environment, boolean created) {}

  /**
   * Creates environment {@code id} (a new id when null) for {@code owner}, REQUESTED at step 1; the
   * same id again answers the environment that exists, unchanged.
   */
  @Transactional
  public Created create(
      String id, String owner, String requestedBy, String repositoryUrl, Overrides overrides) {
    if (id != null) {
      Environment existing = em.find(Environment.class, id);
      if (existing != null) {
        return new Created(existing, false);
      }
    }
    Instant now = clock.instant();
    Environment env = new Environment();
    env.id = id != null ? id : UUID.randomUUID().toString();
    env.operationId = UUID.randomUUID().toString();
    env.owner = owner;
    env.requestedBy = requestedBy;
    env.repositoryUrl = repositoryUrl;
    env.overrides = json.write(overrides);
    env.state = EnvironmentState.REQUESTED;
    env.step = Step.CLONE.code();
    env.nextAt = now;
    env.createdAt = now;
    env.updatedAt = now;
    em.persist(env);
    steps.create(env.id);
    status.changed(env);
    // the host only: a URL's path or query may carry a token
    LOG.infof(
        "environment %s requested by %s for a repository at %s",
        env.id, Untrusted.forLog(requestedBy), RepositoryReader.hostOf(repositoryUrl));
    return new Created(env, true);
  }

  /** What a cancel or delete found: the environment after it, and whether it had already ended. */
  public record Cancelled(Environment environment, boolean alreadyFinished) {}

  /**
   * Stops provisioning, or tears a ready environment down: idempotent, a repeat while the teardown
   * runs or after it changes nothing.
   */
  @Transactional
  public Optional<Cancelled> cancel(String id, String by) {
    Environment env = em.find(Environment.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (env == null) {
      return Optional.empty();
    }
    if (env.state.isFinal()) {
      return Optional.of(new Cancelled(env, true));
    }
    if (env.state.isTearingDown()) {
      return Optional.of(new Cancelled(env, false));
    }
    Instant now = clock.instant();
    EnvironmentState from = env.state;
    steps.cancelRunning(env.id, now);
    steps.skipRest(env.id);
    EnvironmentLifecycle.stop(env, EnvironmentTrigger.CANCEL, now);
    LOG.infof(
        "environment %s: %s by %s",
        env.id, from == EnvironmentState.READY ? "delete" : "cancel", Untrusted.forLog(by));
    status.changed(env);
    return Optional.of(new Cancelled(env, false));
  }

  /**
   * Cancels the environment's provisioning operation (seed 001's DELETE of an operation), deciding
   * under the environment's lock: an operation that already finished — the environment is ready or
   * being deleted, torn down or failed — is answered {@code alreadyFinished} and nothing changes (a
   * ready environment is torn down by its own DELETE); a cancelled one answers again as it is.
   */
  @Transactional
  public Optional<Cancelled> cancelOperation(String id, String by) {
    Environment env = em.find(Environment.class, id, LockModeType.PESSIMISTIC_WRITE);
    if (env == null) {
      return Optional.empty();
    }
    boolean finished =
        env.state == EnvironmentState.READY
            || env.state == EnvironmentState.DELETING
            || (env.state.isFinal() && env.state != EnvironmentState.CANCELLED);
    if (finished) {
      return Optional.of(new Cancelled(env, true));
    }
    return cancel(id, by);
  }

  /**
   * The private key Gort created for the environment, once: the first call answers it and forgets
   * it; every later one is refused with 410.
   */
  @Transactional
  public String takePrivateKey(Environment found) {
    Environment env = em.find(Environment.class, found.id, LockModeType.PESSIMISTIC_WRITE);
    if (env.privateKeyDelivered) {
      throw new ProblemException(
          410, "Gone", "the private key of this environment was downloaded already");
    }
    if (env.privateKeySealed == null) {
      throw ProblemException.notFound(
          env.keyName == null
              ? "this environment's key pair is not made yet"
              : "Gort made no private key for this environment (its key pair existed or was"
                  + " imported from a public key)");
    }
    String key = privateKeys.open(env.id, env.privateKeySealed);
    env.privateKeySealed = null;
    env.privateKeyDelivered = true;
    env.updatedAt = clock.instant();
    LOG.infof("environment %s: private key downloaded", env.id);
    return key;
  }
}
