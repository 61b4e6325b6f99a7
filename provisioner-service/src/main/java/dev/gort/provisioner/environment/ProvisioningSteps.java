package dev.gort.provisioner.environment;

import dev.gort.common.web.Untrusted;
import dev.gort.provisioner.cloud.Cloud;
import dev.gort.provisioner.cloud.CloudException;
import dev.gort.provisioner.cloud.CloudFloatingIp;
import dev.gort.provisioner.cloud.CloudImage;
import dev.gort.provisioner.cloud.CloudKeyPair;
import dev.gort.provisioner.cloud.CloudLease;
import dev.gort.provisioner.cloud.CloudServer;
import dev.gort.provisioner.cloud.CreatedKeyPair;
import dev.gort.provisioner.cloud.LeaseRequest;
import dev.gort.provisioner.cloud.LeaseStatus;
import dev.gort.provisioner.cloud.ServerRequest;
import dev.gort.provisioner.config.ProvisionerConfig;
import dev.gort.provisioner.decision.Decision;
import dev.gort.provisioner.decision.Decisions;
import dev.gort.provisioner.decision.ImageOption;
import dev.gort.provisioner.decision.Requirements;
import dev.gort.provisioner.repository.RepositoryException;
import dev.gort.provisioner.repository.RepositoryFiles;
import dev.gort.provisioner.repository.RepositoryReader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The calls of each provisioning step (seed 004 steps 1–9, issue 12's ten steps) and of the
 * teardown, on a detached copy of the environment: each reads what earlier steps recorded, calls
 * outside (repository, model, cloud) and sets what it found on the copy, which {@link
 * ProvisioningWork} records. Every create is found again before it is repeated (by the name or tag
 * every resource of an environment carries), so a step cut short by a crash never makes a second
 * lease, server or floating IP.
 */
@ApplicationScoped
public class ProvisioningSteps {

  private static final Logger LOG = Logger.getLogger(ProvisioningSteps.class);
  static final String TAG_KEY = Cloud.ENVIRONMENT_TAG;
  private static final String IMAGE_PREFIX = "CC-";

  @Inject RepositoryReader repositories;
  @Inject Decisions decisions;
  @Inject Cloud cloud;
  @Inject ProvisionerConfig config;
  @Inject EnvironmentJson json;
  @Inject PrivateKeys privateKeys;
  @Inject Clock clock;

  /** Runs {@code step} once for {@code env} (a detached copy), setting what it finds on it. */
  public StepOutcome run(Step step, Environment env) {
    try {
      return switch (step) {
        case CLONE -> cloneRepository(env);
        case REQUIREMENTS -> requirements(env);
        case IMAGE -> image(env);
        case KEY_PAIR -> keyPair(env);
        case NETWORK -> network(env);
        case LEASE -> lease(env);
        case SERVER -> server(env);
        case FLOATING_IP -> floatingIp(env);
        case VERIFY -> verify(env);
        case SAVE -> StepOutcome.done("state saved");
      };
    } catch (CloudException e) {
      return e.retryable()
          ? new StepOutcome.Retry(e.getMessage())
          : StepOutcome.fail(step.code() + ": " + e.getMessage());
    }
  }

  // step 1, failure point 1: the reader retries once, then fails with the seed's advice
  private StepOutcome cloneRepository(Environment env) {
    try {
      RepositoryFiles files = repositories.read(env.repositoryUrl);
      env.repositoryCommit = files.commit();
      env.repositoryFiles = json.write(files.files());
      String found =
          files.files().isEmpty()
              ? "no environment files at " + shortCommit(files.commit())
              : String.join(", ", files.files().keySet()) + " at " + shortCommit(files.commit());
      if (!files.cut().isEmpty()) {
        found += " (cut at 10 KB: " + String.join(", ", files.cut()) + ")";
      }
      return StepOutcome.done(found);
    } catch (RepositoryException e) {
      return StepOutcome.fail(e.getMessage());
    }
  }

  // step 2: the model's requirements, or the rules' (failure point 2: the seed's defaults)
  private StepOutcome requirements(Environment env) {
    Map<String, String> files = json.readFiles(env.repositoryFiles);
    Decision<Requirements> decision = decisions.requirements(files);
    env.requirements = json.write(decision.value());
    env.decisions = json.addDecision(env.decisions, decision);
    Requirements r = decision.value();
    return StepOutcome.done(
        r.cpuCores()
            + " CPU, "
            + r.ramGb()
            + " GB RAM, "
            + (r.gpuRequired() ? "GPU " + r.gpuMemoryGb() + " GB" : "no GPU")
            + ", "
            + r.osType()
            + " "
            + r.osVersion()
            + " ("
            + decision.source().name().toLowerCase(Locale.ROOT)
            + ")");
  }

  // step 3: CC-* images, the model's 3–5 candidates, then the final one from their details
  private StepOutcome image(Environment env) {
    Requirements requirements = json.readRequirements(env.requirements);
    List<CloudImage> all = cloud.images();
    Overrides overrides = json.readOverrides(env.overrides);
    if (overrides.image() != null) {
      Optional<CloudImage> asked =
          all.stream()
              .filter(i -> i.name().equals(overrides.image()) || i.id().equals(overrides.image()))
              .findFirst();
      if (asked.isEmpty()) {
        return StepOutcome.fail(
            "image " + Untrusted.quote(overrides.image()) + " is not in the cloud's image list");
      }
      env.imageId = asked.get().id();
      env.imageName = asked.get().name();
      env.decisions =
          json.addDecision(env.decisions, Decision.override("image_choice", asked.get().name()));
      return StepOutcome.done(env.imageName + " (requested)");
    }
    List<CloudImage> offered =
        all.stream().filter(i -> i.name() != null && i.name().startsWith(IMAGE_PREFIX)).toList();
    if (offered.isEmpty()) {
      return StepOutcome.fail("the cloud offers no " + IMAGE_PREFIX + "* images");
    }
    Decision<List<String>> candidates =
        decisions.imageCandidates(requirements, offered.stream().map(CloudImage::name).toList());
    List<ImageOption> details =
        offered.stream()
            .filter(i -> candidates.value().contains(i.name()))
            .map(
                i ->
                    new ImageOption(
                        i.id(),
                        i.name(),
                        i.sizeBytes(),
                        i.minDiskGb(),
                        i.minRamMb(),
                        i.createdAt()))
            .toList();
    Decision<ImageOption> chosen = decisions.image(requirements, details);
    env.imageId = chosen.value().id();
    env.imageName = chosen.value().name();
    env.decisions = json.addDecision(json.addDecision(env.decisions, candidates), chosen);
    return StepOutcome.done(
        env.imageName
            + " from "
            + String.join(", ", candidates.value())
            + " ("
            + source(chosen)
            + ")");
  }

  /**
   * Step 4: the key pair. Without a name, Gort creates one for the environment ({@code gort-<id>},
   * its private key downloadable once, deleted with the environment). A name the owner gives lives
   * in the owner's own namespace of the cloud project ({@link OwnerKeyPairs}), so no owner can put
   * a key on another's server: found and used, imported from the public key given (an existing one
   * with another key is refused), or created (its private key downloadable once); an owner's named
   * key pair outlives the environment, for the next one.
   */
  private StepOutcome keyPair(Environment env) {
    Overrides overrides = json.readOverrides(env.overrides);
    if (overrides.keyName() == null) {
      String name = Environment.resourceName(env.id);
      env.keyName = name;
      if (cloud.keyPair(name).isPresent()) {
        if (env.privateKeySealed != null) {
          return StepOutcome.done("key pair " + name + " exists");
        }
        // made by a try cut short before its private key was kept: make it again
        cloud.deleteKeyPair(name);
      }
      CreatedKeyPair created = cloud.createKeyPair(name);
      env.keyCreated = true;
      env.privateKeySealed = privateKeys.seal(env.id, created.privateKey());
      return StepOutcome.done(
          "key pair " + name + " created; its private key can be downloaded once");
    }
    String name = OwnerKeyPairs.cloudName(env.owner, overrides.keyName());
    env.keyName = name;
    Optional<CloudKeyPair> existing = cloud.keyPair(name);
    if (overrides.publicKey() != null) {
      if (existing.isPresent()) {
        if (!OwnerKeyPairs.sameKey(existing.get().publicKey(), overrides.publicKey())) {
          return StepOutcome.fail(
              "key pair "
                  + Untrusted.quote(overrides.keyName())
                  + " exists with another public key: give another name, or no public key");
        }
        return StepOutcome.done("key pair " + name + " exists with the public key given");
      }
      cloud.importKeyPair(name, overrides.publicKey());
      return StepOutcome.done("key pair " + name + " imported from the public key given");
    }
    if (existing.isPresent()) {
      return StepOutcome.done("key pair " + name + " exists");
    }
    CreatedKeyPair created = cloud.createKeyPair(name);
    env.privateKeySealed = privateKeys.seal(env.id, created.privateKey());
    return StepOutcome.done(
        "key pair " + name + " created; its private key can be downloaded once");
  }

  // step 5: the network by name → its id
  private StepOutcome network(Environment env) {
    Overrides overrides = json.readOverrides(env.overrides);
    String name = overrides.network() != null ? overrides.network() : config.defaultNetwork();
    env.networkName = name;
    Optional<String> id = cloud.networkId(name);
    if (id.isEmpty()) {
      return StepOutcome.fail("network " + Untrusted.quote(name) + " not found");
    }
    env.networkId = id.get();
    return StepOutcome.done("network " + name + " is " + env.networkId);
  }

  // step 6: node type and duration, the Blazar lease, and its wait for ACTIVE (failure points 3, 4)
  private StepOutcome lease(Environment env) {
    if (env.leaseId == null) {
      return createLease(env);
    }
    Optional<CloudLease> seen = cloud.lease(env.leaseId);
    if (seen.isEmpty()) {
      return StepOutcome.fail("lease " + env.leaseId + " disappeared");
    }
    CloudLease lease = seen.get();
    LeaseStatus status = lease.status();
    noteLeaseStatus(env, status);
    env.leaseStatus = lease.rawStatus();
    if (status == LeaseStatus.ACTIVE) {
      if (lease.reservationId() == null) {
        return StepOutcome.fail("lease " + env.leaseId + " is ACTIVE without a reservation");
      }
      env.reservationId = lease.reservationId();
      return StepOutcome.done("lease " + env.leaseId + " ACTIVE, reservation " + env.reservationId);
    }
    if (status == LeaseStatus.ERROR || status == LeaseStatus.TERMINATED) {
      return StepOutcome.fail("lease " + env.leaseId + " went to " + lease.rawStatus());
    }
    Duration waited = Duration.between(env.waitingSince, clock.instant());
    if (waited.compareTo(config.leaseActiveLimit()) >= 0) {
      return StepOutcome.fail(
          "lease "
              + env.leaseId
              + " still "
              + lease.rawStatus()
              + " after "
              + config.leaseActiveLimit().toSeconds()
              + " s: retry later, or check the cloud's status page");
    }
    return StepOutcome.waitFor(
        config.leasePollInterval(), "lease " + env.leaseId + " " + lease.rawStatus());
  }

  private StepOutcome createLease(Environment env) {
    Requirements requirements = json.readRequirements(env.requirements);
    Overrides overrides = json.readOverrides(env.overrides);
    Instant now = clock.instant();
    if (env.nodeType == null) {
      Decision<String> node =
          overrides.nodeType() != null
              ? Decision.override("node_type", overrides.nodeType())
              : decisions.nodeType(requirements);
      env.nodeType = node.value();
      env.decisions = json.addDecision(env.decisions, node);
    }
    if (env.durationHours == null) {
      Decision<Integer> duration =
          overrides.durationHours() != null
              ? Decision.override("lease_duration", overrides.durationHours())
              : decisions.durationHours(requirements, now);
      env.durationHours = duration.value();
      env.decisions = json.addDecision(env.decisions, duration);
    }
    env.leaseName = Environment.resourceName(env.id);
    Optional<CloudLease> earlier =
        cloud.leases().stream().filter(l -> env.leaseName.equals(l.name())).findFirst();
    CloudLease lease;
    if (earlier.isPresent()) {
      lease = earlier.get();
    } else {
      Instant start = now.plus(config.leaseStartDelay()).truncatedTo(ChronoUnit.MINUTES);
      if (!start.isAfter(now)) {
        start = start.plus(Duration.ofMinutes(1));
      }
      Instant end = start.plus(Duration.ofHours(env.durationHours));
      try {
        lease = cloud.createLease(new LeaseRequest(env.leaseName, start, end, env.nodeType));
      } catch (CloudException e) {
        if (e.kind() == CloudException.Kind.NO_RESOURCES) {
          // failure point 3: nothing to fall back on
          return StepOutcome.fail(
              "no "
                  + env.nodeType
                  + " hosts are free for "
                  + env.durationHours
                  + " h: try another node type or another time ("
                  + e.getMessage()
                  + ")");
        }
        throw e;
      }
      env.leaseStart = start;
      env.leaseEnd = end;
    }
    env.leaseId = lease.id();
    env.leaseStatus = lease.rawStatus();
    env.waitingSince = now;
    return StepOutcome.waitFor(
        config.leasePollInterval(),
        "lease "
            + lease.id()
            + " for "
            + env.nodeType
            + ", "
            + env.durationHours
            + " h: "
            + lease.rawStatus());
  }

  private void noteLeaseStatus(Environment env, LeaseStatus now) {
    LeaseStatus before = LeaseStatus.of(env.leaseStatus);
    if (before != LeaseStatus.UNKNOWN
        && now != LeaseStatus.UNKNOWN
        && !LeaseLifecycle.mayFollow(before, now)) {
      LOG.warnf(
          "environment %s: lease %s went from %s to %s, which its state machine does not allow",
          env.id, env.leaseId, before, now);
    }
  }

  // step 7: the bare-metal server on the reservation, and its wait for ACTIVE (failure points 5, 6)
  private StepOutcome server(Environment env) {
    if (env.serverId == null) {
      return createServer(env);
    }
    Optional<CloudServer> seen = cloud.server(env.serverId);
    if (seen.isEmpty()) {
      return StepOutcome.fail("server " + env.serverId + " disappeared while it was built");
    }
    CloudServer server = seen.get();
    Optional<ServerLifecycle.Status> before = ServerLifecycle.Status.of(env.serverStatus);
    Optional<ServerLifecycle.Status> after = ServerLifecycle.Status.of(server.status());
    if (before.isPresent()
        && after.isPresent()
        && !ServerLifecycle.mayFollow(before.get(), after.get())) {
      LOG.warnf(
          "environment %s: server %s went from %s to %s, which its state machine does not allow",
          env.id, env.serverId, before.get(), after.get());
    }
    env.serverStatus = server.status();
    if (after.isPresent() && after.get() == ServerLifecycle.Status.ACTIVE) {
      env.fixedIp = server.fixedIp();
      return StepOutcome.done("server " + env.serverId + " ACTIVE at " + server.fixedIp());
    }
    if (after.isPresent() && after.get() == ServerLifecycle.Status.ERROR) {
      String fault = server.faultMessage() == null ? "no fault given" : server.faultMessage();
      return StepOutcome.fail(
          "server "
              + env.serverId
              + " went to ERROR: "
              + fault
              + " (check the quota, or retry with other resources)");
    }
    Duration waited = Duration.between(env.waitingSince, clock.instant());
    if (waited.compareTo(config.serverActiveLimit()) >= 0) {
      return StepOutcome.fail(
          "server "
              + env.serverId
              + " still "
              + server.status()
              + " after "
              + config.serverActiveLimit().toSeconds()
              + " s: check its console log, or contact the cloud's support");
    }
    return StepOutcome.waitFor(
        config.serverPollInterval(), "server " + env.serverId + " " + server.status());
  }

  private StepOutcome createServer(Environment env) {
    env.serverName = Environment.resourceName(env.id);
    Optional<CloudServer> earlier =
        cloud.taggedServers(TAG_KEY).stream()
            .filter(s -> env.serverName.equals(s.name()))
            .findFirst();
    String id =
        earlier.isPresent()
            ? earlier.get().id()
            : cloud.createServer(
                new ServerRequest(
                    env.serverName,
                    env.imageId,
                    null,
                    env.networkId,
                    env.keyName,
                    env.reservationId,
                    Map.of(TAG_KEY, env.id)));
    env.serverId = id;
    env.serverStatus = ServerLifecycle.Status.BUILD.name();
    env.waitingSince = clock.instant();
    return StepOutcome.waitFor(config.serverPollInterval(), "server " + id + " BUILD");
  }

  // step 8: reuse an unattached floating IP or allocate one, attach it (failure point 7: go on)
  private StepOutcome floatingIp(Environment env) {
    if (env.floatingIpId == null) {
      List<CloudFloatingIp> all = cloud.floatingIps();
      Optional<CloudFloatingIp> ours =
          all.stream()
              .filter(f -> f.tagValue(TAG_KEY).filter(env.id::equals).isPresent())
              .findFirst();
      // a free address nobody tagged: Gort reuses it, and only detaches it at the end
      Optional<CloudFloatingIp> free =
          all.stream().filter(f -> !f.attached() && f.tagValue(TAG_KEY).isEmpty()).findFirst();
      CloudFloatingIp chosen;
      if (ours.isPresent()) {
        chosen = ours.get();
        env.floatingIpAllocated = true;
      } else if (free.isPresent()) {
        chosen = free.get();
        env.floatingIpAllocated = false;
      } else {
        try {
          chosen = cloud.allocateFloatingIp(cloud.externalNetwork(), tag(env.id));
          env.floatingIpAllocated = true;
        } catch (CloudException e) {
          // failure point 7: no address to be had (none left, or no external network to take
          // one from) is not the environment's end
          if (e.kind() == CloudException.Kind.EXHAUSTED
              || e.kind() == CloudException.Kind.NOT_FOUND) {
            String warning =
                "continued without a floating IP: none is free and none could be allocated ("
                    + e.getMessage()
                    + "); reach the server on its fixed address, or release unused floating IPs";
            env.warnings = json.addWarning(env.warnings, warning);
            return StepOutcome.done("no floating IP: " + e.getMessage());
          }
          throw e;
        }
      }
      env.floatingIpId = chosen.id();
      env.floatingIp = chosen.address();
    }
    try {
      cloud.attachFloatingIp(env.floatingIpId, env.serverId);
    } catch (CloudException e) {
      if (env.floatingIpAllocated || e.retryable()) {
        throw e;
      }
      // another environment took the free address first: choose again
      String taken = env.floatingIp;
      env.floatingIpId = null;
      env.floatingIp = null;
      return new StepOutcome.Retry(
          "floating IP " + taken + " was taken meanwhile: " + e.getMessage());
    }
    boolean attached =
        cloud.floatingIps().stream().anyMatch(f -> f.id().equals(env.floatingIpId) && f.attached());
    if (!attached) {
      // Neutron may take a moment: look again, within the step's wait, not as a failed try
      if (env.waitingSince == null) {
        env.waitingSince = clock.instant();
      }
      if (Duration.between(env.waitingSince, clock.instant()).compareTo(config.serverActiveLimit())
          >= 0) {
        return StepOutcome.fail("floating IP " + env.floatingIp + " never showed as attached");
      }
      return StepOutcome.waitFor(
          config.serverPollInterval(), "floating IP " + env.floatingIp + " not attached yet");
    }
    return StepOutcome.done(
        "floating IP "
            + env.floatingIp
            + (env.floatingIpAllocated ? " allocated" : " reused")
            + " and attached");
  }

  // step 9: the final details, the SSH user from the image's OS, the connection string
  private StepOutcome verify(Environment env) {
    CloudServer server =
        cloud
            .server(env.serverId)
            .orElseThrow(() -> new CloudException(CloudException.Kind.NOT_FOUND, "server gone"));
    if (!ServerLifecycle.Status.ACTIVE.name().equalsIgnoreCase(server.status())) {
      return StepOutcome.fail("server " + env.serverId + " is " + server.status() + ", not ACTIVE");
    }
    env.fixedIp = server.fixedIp() != null ? server.fixedIp() : env.fixedIp;
    if (server.floatingIp() != null) {
      env.floatingIp = server.floatingIp();
    }
    env.sshUser = sshUser(env.imageName);
    return StepOutcome.done(env.sshConnection());
  }

  String sshUser(String imageName) {
    String name = imageName == null ? "" : imageName.toLowerCase(Locale.ROOT);
    String fallback = "cc";
    for (String pair : config.sshUsers()) {
      int at = pair.indexOf('=');
      if (at <= 0) {
        continue;
      }
      String os = pair.substring(0, at).trim().toLowerCase(Locale.ROOT);
      String user = pair.substring(at + 1).trim();
      if (os.equals("default")) {
        fallback = user;
      } else if (name.contains(os)) {
        return user;
      }
    }
    return fallback;
  }

  /**
   * One pass of the teardown: a reused floating IP is detached first (while it is still on this
   * environment's server: once the server is gone the address looks free and another environment
   * may take it), then the server is deleted and awaited (so the lease is not cut from under it), a
   * floating IP Gort allocated released, the key pair Gort created for the environment deleted, and
   * the lease deleted. Server and lease are also looked for by the name every resource of the
   * environment carries, so one whose create was cut short is found. Every delete is idempotent; a
   * pass is repeated until done.
   */
  public StepOutcome teardown(Environment env) {
    try {
      String name = Environment.resourceName(env.id);
      if (env.serverId == null) {
        cloud.taggedServers(TAG_KEY).stream()
            .filter(s -> name.equals(s.name()) || env.id.equals(s.metadata().get(TAG_KEY)))
            .findFirst()
            .ifPresent(s -> env.serverId = s.id());
      }
      Optional<CloudServer> server =
          env.serverId == null ? Optional.empty() : cloud.server(env.serverId);
      boolean serverLive = server.isPresent() && !"DELETED".equalsIgnoreCase(server.get().status());
      if (env.floatingIpId != null && !env.floatingIpAllocated && serverLive) {
        boolean stillOurs =
            env.floatingIp != null && env.floatingIp.equals(server.get().floatingIp());
        if (stillOurs) {
          cloud.detachFloatingIp(env.floatingIpId);
        }
      }
      if (serverLive) {
        cloud.deleteServer(env.serverId);
        if (env.waitingSince == null
            || Duration.between(env.waitingSince, clock.instant()).compareTo(config.teardownLimit())
                < 0) {
          return StepOutcome.waitFor(
              config.teardownPollInterval(), "server " + env.serverId + " deleting");
        }
        LOG.warnf(
            "environment %s: server %s not gone after %s; deleting the lease anyway",
            env.id, env.serverId, config.teardownLimit());
      }
      if (env.floatingIpId != null && env.floatingIpAllocated) {
        cloud.releaseFloatingIp(env.floatingIpId);
      }
      for (CloudFloatingIp f : cloud.taggedFloatingIps(TAG_KEY)) {
        if (f.tagValue(TAG_KEY).filter(env.id::equals).isPresent()) {
          cloud.releaseFloatingIp(f.id());
        }
      }
      if (env.keyCreated && env.keyName != null) {
        cloud.deleteKeyPair(env.keyName);
      }
      if (env.leaseId != null) {
        cloud.deleteLease(env.leaseId);
      }
      for (CloudLease lease : cloud.taggedLeases(name)) {
        if (name.equals(lease.name())) {
          cloud.deleteLease(lease.id());
        }
      }
      return StepOutcome.done("removed what Gort created");
    } catch (CloudException e) {
      return e.retryable()
          ? new StepOutcome.Retry(e.getMessage())
          : StepOutcome.fail(e.getMessage());
    }
  }

  static String tag(String environmentId) {
    return Cloud.environmentTag(environmentId);
  }

  private static String source(Decision<?> decision) {
    return decision.source().name().toLowerCase(Locale.ROOT) + ": " + decision.reason();
  }

  private static String shortCommit(String commit) {
    return commit == null ? "?" : commit.substring(0, Math.min(12, commit.length()));
  }
}
