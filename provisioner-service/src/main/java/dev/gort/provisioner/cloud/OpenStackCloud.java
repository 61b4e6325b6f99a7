package dev.gort.provisioner.cloud;

import dev.gort.common.web.Untrusted;
import dev.gort.provisioner.cloud.CloudException.Kind;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.openstack4j.api.Builders;
import org.openstack4j.api.OSClient.OSClientV3;
import org.openstack4j.api.exceptions.AuthenticationException;
import org.openstack4j.api.exceptions.ResponseException;
import org.openstack4j.api.types.Facing;
import org.openstack4j.core.transport.Config;
import org.openstack4j.core.transport.internal.HttpExecutor;
import org.openstack4j.model.compute.Address;
import org.openstack4j.model.compute.Flavor;
import org.openstack4j.model.compute.Keypair;
import org.openstack4j.model.compute.Server;
import org.openstack4j.model.compute.ServerCreate;
import org.openstack4j.model.compute.builder.ServerCreateBuilder;
import org.openstack4j.model.identity.v3.Token;
import org.openstack4j.model.image.v2.Image;
import org.openstack4j.model.network.NetFloatingIP;
import org.openstack4j.model.network.Network;
import org.openstack4j.model.network.Port;
import org.openstack4j.model.network.Resource;
import org.openstack4j.model.network.options.PortListOptions;
import org.openstack4j.openstack.OSFactory;
import org.openstack4j.openstack.internal.OSClientSession;

/**
 * {@link Cloud} on a real OpenStack (Chameleon) or the simulator: openstack4j with its OkHttp
 * connector for Keystone v3, Glance v2, Nova and Neutron, {@link BlazarLeases} for Blazar. One
 * token for all threads ({@link KeystoneSession}); each call builds its thread's openstack4j client
 * from it ({@code OSFactory.clientFromToken}).
 */
public final class OpenStackCloud implements Cloud {

  /** openstack4j's name of its OkHttp connector, the one this class expects to run on. */
  static final String OKHTTP_CONNECTOR = "OKHttp Connector";

  private static final Logger LOG = Logger.getLogger(OpenStackCloud.class);
  private static final int IMAGE_PAGE = 100;
  private static final int MAX_IMAGES = 10_000;

  private final CloudSettings settings;
  private final KeystoneSession keystone;
  private final BlazarLeases blazar;

  public OpenStackCloud(CloudSettings settings, Clock clock) {
    this.settings = settings;
    Config config =
        Config.newConfig()
            .withConnectionTimeout(millis(settings.connectTimeout().toMillis()))
            .withReadTimeout(millis(settings.requestTimeout().toMillis()))
            .withEndpointURLResolver(new CatalogEndpoints(settings.region()));
    this.keystone = new KeystoneSession(settings, config, clock);
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.blazar = new BlazarLeases(keystone, settings.region(), http, settings.requestTimeout());
    String connector = connectorName();
    if (!OKHTTP_CONNECTOR.equals(connector)) {
      LOG.warnf("openstack4j runs on %s, not on its OkHttp connector", connector);
    }
  }

  /** The openstack4j connector found through ServiceLoader (META-INF/services). */
  static String connectorName() {
    return HttpExecutor.create().getExecutorName();
  }

  private static int millis(long millis) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, millis));
  }

  @Override
  public boolean configured() {
    return true;
  }

  @Override
  public String externalNetwork() {
    return settings.externalNetwork();
  }

  // --- Glance

  @Override
  public List<CloudImage> images() {
    return call(
        "list Glance images",
        os -> {
          List<CloudImage> images = new ArrayList<>();
          String marker = null;
          while (images.size() < MAX_IMAGES) {
            Map<String, String> params = new HashMap<>();
            params.put("limit", String.valueOf(IMAGE_PAGE));
            if (marker != null) {
              params.put("marker", marker);
            }
            List<? extends Image> page = os.imagesV2().list(params);
            if (page == null || page.isEmpty()) {
              break;
            }
            page.forEach(image -> images.add(image(image)));
            String last = page.get(page.size() - 1).getId();
            // a page shorter than asked for is the last; a marker not moving would loop forever
            if (page.size() < IMAGE_PAGE || last == null || last.equals(marker)) {
              break;
            }
            marker = last;
          }
          return images;
        });
  }

  @Override
  public Optional<CloudImage> image(String id) {
    Ids.checked("image", id);
    return call(
        "read Glance image " + Untrusted.quote(id),
        os -> Optional.ofNullable(os.imagesV2().get(id)).map(OpenStackCloud::image));
  }

  private static CloudImage image(Image image) {
    return new CloudImage(
        image.getId(),
        image.getName(),
        image.getSize() == null ? 0 : image.getSize(),
        image.getMinDisk() == null ? 0 : image.getMinDisk().intValue(),
        image.getMinRam() == null ? 0 : image.getMinRam().intValue(),
        image.getCreatedAt() == null ? null : image.getCreatedAt().toInstant(),
        image.getOsDistro(),
        image.getOsVersion(),
        image.getStatus() == null
            ? null
            : image.getStatus().name().toLowerCase(java.util.Locale.ROOT),
        image.getVisibility() == null
            ? null
            : image.getVisibility().name().toLowerCase(java.util.Locale.ROOT));
  }

  // --- Nova key pairs

  @Override
  public Optional<CloudKeyPair> keyPair(String name) {
    Ids.keyName(name);
    return call(
        "read key pair " + Untrusted.quote(name),
        os -> Optional.ofNullable(os.compute().keypairs().get(name)).map(OpenStackCloud::keyPair));
  }

  @Override
  public CreatedKeyPair createKeyPair(String name) {
    Ids.keyName(name);
    Keypair created =
        call(
            "create key pair " + Untrusted.quote(name),
            os -> os.compute().keypairs().create(name, null));
    if (created == null || created.getPrivateKey() == null) {
      throw new CloudException(
          Kind.UNAVAILABLE,
          "create key pair " + Untrusted.quote(name) + " failed: Nova returned no private key");
    }
    return new CreatedKeyPair(created.getName(), created.getPrivateKey(), created.getFingerprint());
  }

  @Override
  public CloudKeyPair importKeyPair(String name, String publicKey) {
    Ids.keyName(name);
    if (publicKey == null || publicKey.isBlank()) {
      throw new CloudException(Kind.REFUSED, "import key pair: no public key given");
    }
    Keypair imported =
        call(
            "import key pair " + Untrusted.quote(name),
            os -> os.compute().keypairs().create(name, publicKey.trim()));
    return keyPair(imported);
  }

  @Override
  public void deleteKeyPair(String name) {
    Ids.keyName(name);
    String what = "delete key pair " + Untrusted.quote(name);
    call(what, os -> checked(what, os.compute().keypairs().delete(name)));
  }

  private static CloudKeyPair keyPair(Keypair keypair) {
    return new CloudKeyPair(keypair.getName(), keypair.getFingerprint(), keypair.getPublicKey());
  }

  // --- Neutron networks

  @Override
  public Optional<String> networkId(String name) {
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    return call(
        "find network " + Untrusted.quote(name),
        os ->
            os.networking().network().list(Map.of("name", name)).stream()
                .filter(n -> name.equals(n.getName()))
                .map(Network::getId)
                .findFirst());
  }

  // --- Blazar

  @Override
  public CloudLease createLease(LeaseRequest request) {
    return blazar.create(request);
  }

  @Override
  public Optional<CloudLease> lease(String id) {
    return blazar.get(id);
  }

  @Override
  public List<CloudLease> leases() {
    return blazar.list();
  }

  @Override
  public void deleteLease(String id) {
    blazar.delete(id);
  }

  // --- Nova servers

  @Override
  public String createServer(ServerRequest request) {
    String what = "create server " + Untrusted.quote(request.name());
    String flavorName = request.flavorName() == null ? settings.flavor() : request.flavorName();
    return call(
        what,
        os -> {
          String flavorId =
              os.compute().flavors().list().stream()
                  .filter(f -> flavorName.equals(f.getName()))
                  .map(Flavor::getId)
                  .findFirst()
                  .orElseThrow(
                      () ->
                          new CloudException(
                              Kind.NOT_FOUND,
                              what + " failed: no flavor " + Untrusted.quote(flavorName)));
          ServerCreateBuilder builder =
              Builders.server()
                  .name(request.name())
                  .image(request.imageId())
                  .flavor(flavorId)
                  .networks(List.of(request.networkId()));
          if (request.keyName() != null) {
            builder.keypairName(request.keyName());
          }
          if (!request.metadata().isEmpty()) {
            builder.addMetadata(new LinkedHashMap<>(request.metadata()));
          }
          if (request.reservationId() != null) {
            // openstack4j then sends {"server": {...}, "os:scheduler_hints": {...}}, as Nova wants
            builder.addSchedulerHint("reservation", request.reservationId());
          }
          ServerCreate server = builder.build();
          Server booted = os.compute().servers().boot(server);
          if (booted == null || booted.getId() == null) {
            throw new CloudException(
                Kind.UNAVAILABLE, what + " failed: Nova returned no server id");
          }
          return booted.getId();
        });
  }

  @Override
  public Optional<CloudServer> server(String id) {
    Ids.checked("server", id);
    return call(
        "read server " + Untrusted.quote(id),
        os -> Optional.ofNullable(os.compute().servers().get(id)).map(OpenStackCloud::server));
  }

  @Override
  public List<CloudServer> servers() {
    return call(
        "list servers",
        os -> os.compute().servers().list(true).stream().map(OpenStackCloud::server).toList());
  }

  @Override
  public void deleteServer(String id) {
    Ids.checked("server", id);
    String what = "delete server " + Untrusted.quote(id);
    call(what, os -> checked(what, os.compute().servers().delete(id)));
  }

  private static CloudServer server(Server server) {
    String fixed = null;
    String floating = null;
    if (server.getAddresses() != null && server.getAddresses().getAddresses() != null) {
      for (List<? extends Address> addresses : server.getAddresses().getAddresses().values()) {
        for (Address address : addresses) {
          if (address.getVersion() == 6 || address.getAddr() == null) {
            continue;
          }
          if ("floating".equalsIgnoreCase(address.getType())) {
            floating = floating == null ? address.getAddr() : floating;
          } else {
            fixed = fixed == null ? address.getAddr() : fixed;
          }
        }
      }
    }
    String fault = server.getFault() == null ? null : server.getFault().getMessage();
    return new CloudServer(
        server.getId(),
        server.getName(),
        server.getStatus() == null ? null : server.getStatus().name(),
        fault,
        fixed,
        floating,
        server.getMetadata());
  }

  // --- Neutron floating IPs

  @Override
  public List<CloudFloatingIp> floatingIps() {
    return call(
        "list floating IPs",
        os ->
            os.networking().floatingip().list().stream().map(OpenStackCloud::floatingIp).toList());
  }

  @Override
  public CloudFloatingIp allocateFloatingIp(String externalNetwork, String tag) {
    Ids.tag(tag);
    String what = "allocate a floating IP on " + Untrusted.quote(externalNetwork);
    String networkId =
        networkId(externalNetwork)
            .orElseThrow(
                () ->
                    new CloudException(
                        Kind.NOT_FOUND,
                        what + " failed: no network " + Untrusted.quote(externalNetwork)));
    NetFloatingIP allocated;
    try {
      allocated =
          call(
              what,
              os ->
                  os.networking()
                      .floatingip()
                      .create(Builders.netFloatingIP().floatingNetworkId(networkId).build()));
    } catch (CloudException e) {
      if (exhausted(e)) {
        // seed 004, failure point 7: the caller continues without a floating IP
        throw e.as(Kind.EXHAUSTED);
      }
      throw e;
    }
    String id = allocated.getId();
    String tagging = "tag floating IP " + Untrusted.quote(id);
    try {
      call(
          tagging,
          os ->
              checked(
                  tagging,
                  os.networking().resourceTags().addSingle(Resource.FLOATING_IP, id, tag)));
    } catch (CloudException e) {
      // an untagged address would be invisible to the reconciler: give it back
      try {
        releaseFloatingIp(id);
      } catch (CloudException again) {
        LOG.warnf(
            "Untagged floating IP %s could not be released: %s",
            Untrusted.forLog(id), again.getMessage());
      }
      throw e;
    }
    List<String> tags =
        new ArrayList<>(allocated.getTags() == null ? List.of() : allocated.getTags());
    if (!tags.contains(tag)) {
      tags.add(tag);
    }
    return new CloudFloatingIp(
        id, allocated.getFloatingIpAddress(), allocated.getPortId(), networkId, tags);
  }

  /** Neutron's 409 IpAddressGenerationFailure, or its floating IP quota used up. */
  private static boolean exhausted(CloudException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    return message.contains("HTTP 409")
        || message.contains("No more IP addresses")
        || message.contains("IpAddressGenerationFailure")
        || message.contains("Quota exceeded");
  }

  @Override
  public void attachFloatingIp(String floatingIpId, String serverId) {
    Ids.checked("floating IP", floatingIpId);
    Ids.checked("server", serverId);
    String what =
        "attach floating IP "
            + Untrusted.quote(floatingIpId)
            + " to server "
            + Untrusted.quote(serverId);
    call(
        what,
        os -> {
          List<? extends Port> ports =
              os.networking().port().list(PortListOptions.create().deviceId(serverId));
          String portId =
              ports.stream()
                  .filter(p -> serverId.equals(p.getDeviceId()))
                  .map(Port::getId)
                  .findFirst()
                  .orElseThrow(
                      () ->
                          new CloudException(
                              Kind.NOT_FOUND, what + " failed: the server has no port"));
          os.networking().floatingip().associateToPort(floatingIpId, portId);
          return null;
        });
  }

  @Override
  public void detachFloatingIp(String floatingIpId) {
    Ids.checked("floating IP", floatingIpId);
    try {
      call(
          "detach floating IP " + Untrusted.quote(floatingIpId),
          os -> os.networking().floatingip().disassociateFromPort(floatingIpId));
    } catch (CloudException e) {
      if (e.kind() != Kind.NOT_FOUND) {
        throw e;
      }
    }
  }

  @Override
  public void releaseFloatingIp(String floatingIpId) {
    Ids.checked("floating IP", floatingIpId);
    String what = "release floating IP " + Untrusted.quote(floatingIpId);
    call(what, os -> checked(what, os.networking().floatingip().delete(floatingIpId)));
  }

  private static CloudFloatingIp floatingIp(NetFloatingIP ip) {
    return new CloudFloatingIp(
        ip.getId(),
        ip.getFloatingIpAddress(),
        ip.getPortId(),
        ip.getFloatingNetworkId(),
        ip.getTags());
  }

  // --- calls

  private static Void checked(String what, org.openstack4j.model.common.ActionResponse answer) {
    OpenStackErrors.check(what, answer, true);
    return null;
  }

  /**
   * Runs {@code operation} with this thread's openstack4j client on the shared token. openstack4j
   * re-authenticates by itself on a 401 (then the renewed token is kept); a 401 surviving that
   * drops the token and tries once more with a fresh one.
   */
  private <T> T call(String what, Function<OSClientV3, T> operation) {
    for (int attempt = 0; ; attempt++) {
      Token token = keystone.token();
      OSClientV3 os = OSFactory.clientFromToken(token, Facing.PUBLIC, keystone.config());
      try {
        T result = operation.apply(os);
        keystone.adopt(token, currentToken());
        return result;
      } catch (AuthenticationException e) {
        keystone.invalidate(token);
        if (attempt > 0) {
          throw OpenStackErrors.map(what, e);
        }
      } catch (ResponseException e) {
        if (e.getStatus() == 401 && attempt == 0) {
          keystone.invalidate(token);
          continue;
        }
        throw OpenStackErrors.map(what, e);
      } catch (RuntimeException e) {
        throw OpenStackErrors.map(what, e);
      }
    }
  }

  private static Token currentToken() {
    Object session = OSClientSession.getCurrent();
    return session instanceof OSClientSession.OSClientSessionV3 v3 ? v3.getToken() : null;
  }
}
