package dev.gort.provisioner.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Provisioning settings ({@code gort.provisioner.*}); each documented in application.properties.
 * Seed 004's intervals and limits are the defaults; the local stack and the tests shorten them.
 */
@ConfigMapping(prefix = "gort.provisioner")
public interface ProvisionerConfig {

  /** Where the lease starts, after now (seed 004 step 5B: now + 2 minutes). */
  @WithDefault("PT2M")
  Duration leaseStartDelay();

  /** How often a lease is looked at while it is not ACTIVE (seed: every 10 s). */
  @WithDefault("PT10S")
  Duration leasePollInterval();

  /** Longest wait for a lease to become ACTIVE (seed: 5 minutes, failure point 4). */
  @WithDefault("PT5M")
  Duration leaseActiveLimit();

  /** How often a server is looked at while it builds (seed: every 30 s). */
  @WithDefault("PT30S")
  Duration serverPollInterval();

  /** Longest wait for a server to become ACTIVE (seed: 30 minutes, failure point 6). */
  @WithDefault("PT30M")
  Duration serverActiveLimit();

  /** How often a teardown looks whether a deleted server is gone. */
  @WithDefault("PT5S")
  Duration teardownPollInterval();

  /** Longest a teardown waits for a deleted server to go before it deletes the lease anyway. */
  @WithDefault("PT10M")
  Duration teardownLimit();

  /** Tries of one step whose calls fail for a reason that can pass (a 5xx, a timeout). */
  @WithDefault("5")
  int stepMaxTries();

  /** Wait after a step's first failed try; it doubles per try up to max-backoff. */
  @WithDefault("PT2S")
  Duration firstBackoff();

  @WithDefault("PT1M")
  Duration maxBackoff();

  /**
   * How long a replica holds an environment while it runs one step (longer than any step's calls
   * take: a clone, a model call); another replica takes it over once this lapses.
   */
  @WithDefault("PT5M")
  Duration workLease();

  /** Steps run at once (environments provisioned in parallel by this replica). */
  @WithDefault("4")
  int workers();

  /** Pause of each work loop when nothing is due. */
  @WithDefault("PT0.5S")
  Duration workInterval();

  /** Duration when neither the request nor the model says (seed: 24 h). */
  @WithDefault("24")
  int defaultDurationHours();

  /** The network servers join when the request names none (seed step 4). */
  @WithDefault("sharednet1")
  String defaultNetwork();

  /**
   * SSH user by the image's OS (seed step 8), {@code os=user} pairs matched against the image name
   * in lower case: the first whose OS the name contains wins, {@code default} otherwise.
   */
  @WithDefault("ubuntu=ubuntu,centos=centos,rocky=rocky,debian=debian,fedora=fedora,default=cc")
  List<String> sshUsers();

  /**
   * Key sealing Gort-created private keys until their one download (any length; it is hashed to an
   * AES-256 key). None: a key made per process, so a restart loses an undelivered key.
   */
  Optional<String> privateKeySecret();

  /** Where this service is reached from outside: operation and environment links start with it. */
  @WithDefault("http://127.0.0.1:8085")
  String publicUrl();

  /** How often the reconciler looks for leaked resources and stuck environments. */
  @WithDefault("PT5M")
  Duration reconcileInterval();

  /**
   * An environment whose step has not moved for this long is stuck (a lost worker, a wait that
   * never ends) and is failed and cleaned up by the reconciler.
   */
  @WithDefault("PT2H")
  Duration stuckLimit();
}
