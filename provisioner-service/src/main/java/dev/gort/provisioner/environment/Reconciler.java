package dev.gort.provisioner.environment;

import dev.gort.common.web.Untrusted;
import dev.gort.provisioner.cloud.Cloud;
import dev.gort.provisioner.cloud.CloudException;
import dev.gort.provisioner.cloud.CloudFloatingIp;
import dev.gort.provisioner.cloud.CloudLease;
import dev.gort.provisioner.cloud.CloudServer;
import dev.gort.provisioner.config.ProvisionerConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Finds what provisioning left behind and removes it, logging each: Gort-tagged servers, leases and
 * floating IPs whose environment is gone or finished (a create cut short before its id was kept),
 * and environments stuck at one step past {@code stuck-limit} (failed, then torn down as any
 * failure). A resource of an environment still at work is never touched.
 */
@ApplicationScoped
public class Reconciler {

  private static final Logger LOG = Logger.getLogger(Reconciler.class);
  private static final String LEASE_PREFIX = "gort-";

  @Inject Cloud cloud;
  @Inject EntityManager em;
  @Inject Clock clock;
  @Inject ProvisionerConfig config;
  @Inject ProvisioningWork work;

  /** What one pass removed. */
  public record Report(
      List<String> servers, List<String> leases, List<String> floatingIps, List<String> stuck) {}

  @Scheduled(
      every = "${gort.provisioner.reconcile-interval:PT5M}",
      delayed = "${gort.provisioner.reconcile-interval:PT5M}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    if (cloud.configured()) {
      try {
        reconcile();
      } catch (RuntimeException e) {
        LOG.warnf(
            "reconciling failed, to be tried at the next pass: %s",
            Untrusted.forLog(e.getMessage()));
      }
    }
  }

  /**
   * One pass: stuck environments first (their teardown then removes what they hold), then leaks.
   */
  public Report reconcile() {
    List<String> stuck = failStuck();
    List<String> servers = new ArrayList<>();
    java.util.Set<String> withServers = new java.util.HashSet<>();
    for (CloudServer server : cloud.taggedServers(Cloud.ENVIRONMENT_TAG)) {
      String owner = server.metadata().get(Cloud.ENVIRONMENT_TAG);
      if (leaked(owner)) {
        withServers.add(owner);
        remove("server", server.id(), owner, () -> cloud.deleteServer(server.id()), servers);
      }
    }
    List<String> floatingIps = new ArrayList<>();
    for (CloudFloatingIp ip : cloud.taggedFloatingIps(Cloud.ENVIRONMENT_TAG)) {
      String owner = ip.tagValue(Cloud.ENVIRONMENT_TAG).orElse(null);
      if (leaked(owner)) {
        remove(
            "floating IP " + ip.address(),
            ip.id(),
            owner,
            () -> cloud.releaseFloatingIp(ip.id()),
            floatingIps);
      }
    }
    List<String> leases = new ArrayList<>();
    for (CloudLease lease : cloud.taggedLeases(LEASE_PREFIX)) {
      String owner = lease.name().substring(LEASE_PREFIX.length());
      // a lease whose server was deleted just now goes at the next pass, not from under it
      boolean serverGoing =
          withServers.stream().anyMatch(id -> lease.name().startsWith(LEASE_PREFIX + id));
      if (!serverGoing && EnvironmentRequests.ID.matcher(owner).matches() && leaked(owner)) {
        remove("lease", lease.id(), owner, () -> cloud.deleteLease(lease.id()), leases);
      }
    }
    return new Report(servers, leases, floatingIps, stuck);
  }

  private void remove(String what, String id, String owner, Runnable delete, List<String> removed) {
    try {
      delete.run();
      removed.add(id);
      LOG.warnf(
          "reconciler: removed leaked %s %s of environment %s",
          what, Untrusted.forLog(id), Untrusted.forLog(owner));
    } catch (CloudException e) {
      LOG.warnf(
          "reconciler: leaked %s %s not removed: %s",
          what, Untrusted.forLog(id), Untrusted.forLog(e.getMessage()));
    }
  }

  /** A resource is leaked when its environment does not exist or has finished. */
  @Transactional
  boolean leaked(String environmentId) {
    if (environmentId == null || environmentId.isBlank()) {
      return false;
    }
    Environment env = em.find(Environment.class, environmentId);
    if (env == null) {
      return true;
    }
    // a finished environment's teardown removed all it knew of: what is left was never recorded
    return env.state.isFinal();
  }

  @Transactional
  List<String> failStuck() {
    Instant before = clock.instant().minus(config.stuckLimit());
    List<Environment> found =
        em.createQuery(
                "FROM Environment e WHERE e.state IN ('REQUESTED', 'PROVISIONING') AND e.updatedAt < ?1"
                    + " AND (e.leasedUntil IS NULL OR e.leasedUntil < ?2)",
                Environment.class)
            .setParameter(1, before)
            .setParameter(2, clock.instant())
            .setLockMode(LockModeType.PESSIMISTIC_WRITE)
            .getResultList();
    List<String> ids = new ArrayList<>();
    for (Environment env : found) {
      work.fail(
          env,
          "stuck at step " + env.step + " for longer than " + config.stuckLimit() + ": reconciled",
          clock.instant());
      ids.add(env.id);
    }
    return ids;
  }
}
