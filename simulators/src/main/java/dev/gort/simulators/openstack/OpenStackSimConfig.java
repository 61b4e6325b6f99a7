package dev.gort.simulators.openstack;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The simulated OpenStack cloud's settings ({@code gort.sim.openstack.*}), documented in
 * application.properties.
 */
@ConfigMapping(prefix = "gort.sim.openstack")
public interface OpenStackSimConfig {

  /** The one user Keystone knows. */
  @WithDefault("gort")
  String username();

  /** Its password (password method). */
  @WithDefault("gort-sim-password")
  String password();

  /** The one project, which every token is scoped to. */
  @WithDefault("gort")
  String projectName();

  /** The domain of the user and of the project, by name ({@code Default}; its id is default). */
  @WithDefault("Default")
  String domainName();

  /** The region of every catalog endpoint. */
  @WithDefault("RegionOne")
  String region();

  /** The one application credential's id (application_credential method). */
  @WithDefault("gort-sim-application-credential")
  String applicationCredentialId();

  /** Its secret. */
  @WithDefault("gort-sim-application-credential-secret")
  String applicationCredentialSecret();

  /**
   * Base URL the catalog's endpoints are built on; empty: the base URL of the token request (the
   * host and port the client used).
   */
  Optional<String> publicUrl();

  /** Lifetime of a token (expires_at). */
  @WithDefault("PT1H")
  Duration tokenLifetime();

  /** A new lease is CREATING this long, then PENDING. */
  @WithDefault("PT0.5S")
  Duration leasePendingAfter();

  /** A new lease turns ACTIVE this long after it was created. */
  @WithDefault("PT2S")
  Duration leaseActiveAfter();

  /** A new server turns ACTIVE (or ERROR) this long after it was created. */
  @WithDefault("PT3S")
  Duration serverActiveAfter();

  /** Bare-metal hosts of each node type Blazar can reserve. */
  @WithDefault("3")
  int hostsPerNodeType();

  /** Addresses in the public network's floating IP pool. */
  @WithDefault("8")
  int floatingIpPoolSize();

  /** Size of the RSA keys Nova generates for a key pair created without a public key. */
  @WithDefault("2048")
  int keyBits();
}
