package dev.gort.provisioner.cloud;

import java.util.List;
import java.util.Optional;

/**
 * The OpenStack cloud as the provisioner uses it (seed 004, steps 2–8): Glance images, Nova key
 * pairs and servers, Neutron networks and floating IPs, Blazar leases. Blocking and thread-safe;
 * every failure is a {@link CloudException} whose kind says whether to retry. Deletions are
 * idempotent: a resource already gone counts as deleted.
 */
public interface Cloud {

  /** Metadata key (servers) and tag key (floating IPs) naming the environment a resource is for. */
  String ENVIRONMENT_TAG = "gort-environment";

  /** The Neutron tag a floating IP allocated for {@code environmentId} carries. */
  static String environmentTag(String environmentId) {
    return ENVIRONMENT_TAG + "=" + environmentId;
  }

  /**
   * Whether a cloud is configured ({@code gort.provisioner.cloud.auth-url}); if not, every other
   * method throws {@link CloudException.Kind#REFUSED} saying so.
   */
  boolean configured();

  /** The external network floating IPs are allocated on ({@code public} by default). */
  String externalNetwork();

  /** Every image the project sees (all Glance pages). */
  List<CloudImage> images();

  /** One image with its details, empty if there is none with that id. */
  Optional<CloudImage> image(String id);

  /** The key pair of that name, empty if there is none. */
  Optional<CloudKeyPair> keyPair(String name);

  /**
   * Creates a key pair whose private key Nova generates and returns once: the caller must hand it
   * on and forget it; it is never logged.
   */
  CreatedKeyPair createKeyPair(String name);

  /** Imports a public key as a key pair. */
  CloudKeyPair importKeyPair(String name, String publicKey);

  /** Deletes a key pair; one already gone counts as deleted. */
  void deleteKeyPair(String name);

  /** The id of the network of that name, empty if there is none. */
  Optional<String> networkId(String name);

  /**
   * Creates a Blazar lease for one host of the request's node type; a cloud without free hosts
   * answers {@link CloudException.Kind#NO_RESOURCES}.
   */
  CloudLease createLease(LeaseRequest request);

  /** The lease with its status and first reservation, empty if it is gone. */
  Optional<CloudLease> lease(String id);

  /** Every lease the project sees. */
  List<CloudLease> leases();

  /** Deletes a lease; one already gone counts as deleted. */
  void deleteLease(String id);

  /**
   * Boots a server on the lease's reserved host ({@code os:scheduler_hints.reservation}) and
   * answers its id; the server then builds (poll {@link #server}).
   */
  String createServer(ServerRequest request);

  /** The server with its status, fault, addresses and metadata, empty if it is gone. */
  Optional<CloudServer> server(String id);

  /** Every server the project sees, with details. */
  List<CloudServer> servers();

  /** Deletes a server; one already gone counts as deleted. */
  void deleteServer(String id);

  /** Every floating IP the project holds. */
  List<CloudFloatingIp> floatingIps();

  /**
   * Allocates a floating IP on the external network of that name and tags it; a pool with no
   * address left answers {@link CloudException.Kind#EXHAUSTED}.
   */
  CloudFloatingIp allocateFloatingIp(String externalNetwork, String tag);

  /** Attaches a floating IP to the server's port (the server must be ACTIVE and have one). */
  void attachFloatingIp(String floatingIpId, String serverId);

  /** Detaches a floating IP from whatever port it is on; one already gone counts as detached. */
  void detachFloatingIp(String floatingIpId);

  /** Releases a floating IP back to the pool; one already gone counts as released. */
  void releaseFloatingIp(String floatingIpId);

  /** Servers whose metadata has {@code key} (e.g. {@link #ENVIRONMENT_TAG}). */
  default List<CloudServer> taggedServers(String key) {
    return servers().stream().filter(s -> s.metadata().containsKey(key)).toList();
  }

  /** Leases whose name starts with {@code namePrefix} (e.g. {@code gort-}). */
  default List<CloudLease> taggedLeases(String namePrefix) {
    return leases().stream()
        .filter(l -> l.name() != null && l.name().startsWith(namePrefix))
        .toList();
  }

  /** Floating IPs carrying a tag {@code key=<value>} (e.g. {@link #ENVIRONMENT_TAG}). */
  default List<CloudFloatingIp> taggedFloatingIps(String key) {
    return floatingIps().stream().filter(f -> f.tagValue(key).isPresent()).toList();
  }
}
