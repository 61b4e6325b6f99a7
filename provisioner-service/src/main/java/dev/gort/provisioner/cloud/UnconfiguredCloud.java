package dev.gort.provisioner.cloud;

import dev.gort.provisioner.cloud.CloudException.Kind;
import java.util.List;
import java.util.Optional;

/** No cloud configured: every call is refused, saying what to set. */
final class UnconfiguredCloud implements Cloud {

  static final String MESSAGE =
      "no OpenStack cloud is configured: set gort.provisioner.cloud.auth-url (OS_AUTH_URL),"
          + " username, password and project-name";

  private final String externalNetwork;

  UnconfiguredCloud(String externalNetwork) {
    this.externalNetwork = externalNetwork;
  }

  private static CloudException refused() {
    return new CloudException(Kind.REFUSED, MESSAGE);
  }

  @Override
  public boolean configured() {
    return false;
  }

  @Override
  public String externalNetwork() {
    return externalNetwork;
  }

  @Override
  public List<CloudImage> images() {
    throw refused();
  }

  @Override
  public Optional<CloudImage> image(String id) {
    throw refused();
  }

  @Override
  public Optional<CloudKeyPair> keyPair(String name) {
    throw refused();
  }

  @Override
  public CreatedKeyPair createKeyPair(String name) {
    throw refused();
  }

  @Override
  public CloudKeyPair importKeyPair(String name, String publicKey) {
    throw refused();
  }

  @Override
  public void deleteKeyPair(String name) {
    throw refused();
  }

  @Override
  public Optional<String> networkId(String name) {
    throw refused();
  }

  @Override
  public CloudLease createLease(LeaseRequest request) {
    throw refused();
  }

  @Override
  public Optional<CloudLease> lease(String id) {
    throw refused();
  }

  @Override
  public List<CloudLease> leases() {
    throw refused();
  }

  @Override
  public void deleteLease(String id) {
    throw refused();
  }

  @Override
  public String createServer(ServerRequest request) {
    throw refused();
  }

  @Override
  public Optional<CloudServer> server(String id) {
    throw refused();
  }

  @Override
  public List<CloudServer> servers() {
    throw refused();
  }

  @Override
  public void deleteServer(String id) {
    throw refused();
  }

  @Override
  public List<CloudFloatingIp> floatingIps() {
    throw refused();
  }

  @Override
  public CloudFloatingIp allocateFloatingIp(String externalNetwork, String tag) {
    throw refused();
  }

  @Override
  public void attachFloatingIp(String floatingIpId, String serverId) {
    throw refused();
  }

  @Override
  public void detachFloatingIp(String floatingIpId) {
    throw refused();
  }

  @Override
  public void releaseFloatingIp(String floatingIpId) {
    throw refused();
  }
}
