package dev.gort.simulators.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gort.common.web.ProblemException;
import dev.gort.common.web.Untrusted;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jboss.logging.Logger;

/**
 * The simulated cloud's state, in memory: Blazar's hosts and leases, Nova's flavors, key pairs and
 * servers, Neutron's networks, ports and floating IPs, and the scripted faults and timings. One
 * monitor guards it all (every public method is synchronized), since a server's creation checks a
 * lease, its activation makes a port, a floating IP names the port.
 *
 * <p>States follow from time: a lease is CREATING until {@code leasePendingAfter}, PENDING until
 * {@code leaseActiveAfter}, then ACTIVE; a server BUILD until {@code serverActiveAfter}, then
 * ACTIVE. What a fault does to a lease or a server, and its timings, are fixed when it is created:
 * clearing a fault later does not release a stuck lease.
 */
@Singleton
public class SimulatedCloud {

  /** The scripted faults, one per seed failure point. */
  enum Fault {
    NO_HOSTS("no-hosts"),
    LEASE_STUCK_PENDING("lease-stuck-pending"),
    LEASE_ERROR("lease-error"),
    SERVER_ERROR("server-error"),
    SERVER_STUCK_BUILD("server-stuck-build"),
    NO_FLOATING_IPS("no-floating-ips");

    final String wire;

    Fault(String wire) {
      this.wire = wire;
    }

    static Optional<Fault> of(String wire) {
      return Arrays.stream(values()).filter(f -> f.wire.equals(wire)).findFirst();
    }
  }

  static final List<String> NODE_TYPES =
      List.of(
          "compute_haswell",
          "compute_skylake",
          "compute_cascadelake_r640",
          "compute_cascadelake_r_384gb",
          "gpu_a100",
          "gpu_rtx_6000",
          "gpu_rtx_5000");

  static final String ENVIRONMENT_TAG = "gort-environment";
  static final String NO_VALID_HOST =
      "No valid host was found. There are not enough hosts available.";

  private static final Logger LOG = Logger.getLogger(SimulatedCloud.class);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9 _.@-]{1,255}");

  record Flavor(String id, String name, int vcpus, int ramMb, int diskGb) {}

  record Network(
      String id,
      String name,
      boolean external,
      String subnetId,
      String subnetName,
      String cidr,
      String gateway,
      String poolStart,
      String poolEnd) {}

  record Host(String id, String name, String nodeType) {}

  record KeyPair(int id, String name, String publicKey, String fingerprint, Instant createdAt) {}

  private enum LeaseFate {
    NORMAL,
    STUCK_PENDING,
    ERROR
  }

  private enum ServerFate {
    NORMAL,
    ERROR,
    STUCK_BUILD
  }

  private static final class Reservation {
    final String id = UUID.randomUUID().toString();
    final String resourceId = UUID.randomUUID().toString();
    String resourceType;
    int min;
    int max;
    String resourceProperties;
    String hypervisorProperties;
    final List<Host> hosts = new ArrayList<>();
  }

  private static final class Lease {
    final String id = UUID.randomUUID().toString();
    final String trustId = Keystone.hexId(UUID.randomUUID().toString());
    String name;
    Instant start;
    Instant end;
    Instant createdAt;
    Instant updatedAt;
    Instant pendingAt;
    Instant activeAt;
    LeaseFate fate;
    final List<Reservation> reservations = new ArrayList<>();

    String status(Instant now) {
      if (fate == LeaseFate.ERROR && !now.isBefore(activeAt)) {
        return "ERROR";
      }
      if (now.isBefore(pendingAt)) {
        return "CREATING";
      }
      if (now.isBefore(activeAt) || fate == LeaseFate.STUCK_PENDING) {
        return "PENDING";
      }
      if (!now.isBefore(end)) {
        return "TERMINATED";
      }
      return "ACTIVE";
    }

    boolean holdsHosts(Instant now) {
      return Set.of("CREATING", "PENDING", "ACTIVE").contains(status(now));
    }
  }

  private static final class Server {
    final String id = UUID.randomUUID().toString();
    String name;
    String imageId;
    String flavorId;
    String networkId;
    String keyName;
    String reservationId;
    Host host;
    Map<String, String> metadata;
    Instant createdAt;
    Instant activeAt;
    ServerFate fate;
    String faultMessage;
    Port port;

    String status(Instant now) {
      if (now.isBefore(activeAt) || fate == ServerFate.STUCK_BUILD) {
        return "BUILD";
      }
      return fate == ServerFate.ERROR ? "ERROR" : "ACTIVE";
    }
  }

  private static final class Port {
    final String id = UUID.randomUUID().toString();
    String networkId;
    String subnetId;
    String deviceId;
    String mac;
    String ip;
    Instant createdAt;
  }

  private static final class FloatingIp {
    final String id = UUID.randomUUID().toString();
    String address;
    String networkId;
    String portId;
    String fixedIp;
    String description = "";
    final Set<String> tags = new LinkedHashSet<>();
    Instant createdAt;
    Instant updatedAt;
    int revision;
  }

  private final OpenStackSimConfig config;
  private final Keystone keystone;
  private final ImageCatalog images = new ImageCatalog();
  private final Clock clock;
  private final ObjectMapper mapper;
  private final SecureRandom random = new SecureRandom();

  private final List<Flavor> flavors;
  private final List<Network> networks;
  private final List<Host> hosts;
  private final String routerId = UUID.nameUUIDFromBytes("router:public".getBytes()).toString();
  private final String securityGroupId = UUID.nameUUIDFromBytes("sg:default".getBytes()).toString();

  private final Map<String, Lease> leases = new LinkedHashMap<>();
  private final Map<String, Server> servers = new LinkedHashMap<>();
  private final Map<String, Port> ports = new LinkedHashMap<>();
  private final Map<String, FloatingIp> floatingIps = new LinkedHashMap<>();
  private final Map<String, KeyPair> keyPairs = new LinkedHashMap<>();
  private final Map<Fault, String> faults = new LinkedHashMap<>();
  private int keyPairIds;
  private int nextFixedIp;
  private Duration leasePendingAfter;
  private Duration leaseActiveAfter;
  private Duration serverActiveAfter;

  @Inject
  public SimulatedCloud(
      OpenStackSimConfig config, Keystone keystone, Clock clock, ObjectMapper mapper) {
    this.config = config;
    this.keystone = keystone;
    this.clock = clock;
    this.mapper = mapper;
    this.flavors =
        List.of(
            new Flavor(stableId("flavor:baremetal"), "baremetal", 48, 196608, 240),
            new Flavor(stableId("flavor:m1.tiny"), "m1.tiny", 1, 512, 1),
            new Flavor(stableId("flavor:m1.small"), "m1.small", 1, 2048, 20),
            new Flavor(stableId("flavor:m1.medium"), "m1.medium", 2, 4096, 40),
            new Flavor(stableId("flavor:m1.large"), "m1.large", 4, 8192, 80));
    this.networks =
        List.of(
            new Network(
                stableId("network:sharednet1"),
                "sharednet1",
                false,
                stableId("subnet:sharednet1"),
                "sharednet1-subnet",
                "10.140.80.0/22",
                "10.140.83.254",
                "10.140.81.1",
                "10.140.83.250"),
            new Network(
                stableId("network:public"),
                "public",
                true,
                stableId("subnet:public"),
                "public-subnet",
                "129.114.108.0/24",
                "129.114.108.1",
                "129.114.108.100",
                "129.114.108." + (99 + Math.max(0, Math.min(config.floatingIpPoolSize(), 150)))));
    List<Host> all = new ArrayList<>();
    for (String type : NODE_TYPES) {
      for (int i = 1; i <= config.hostsPerNodeType(); i++) {
        String name = String.format(Locale.ROOT, "%s-%02d", type, i);
        all.add(new Host(stableId("host:" + name), name, type));
      }
    }
    this.hosts = List.copyOf(all);
    resetTimings();
  }

  private static String stableId(String seed) {
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
  }

  ImageCatalog images() {
    return images;
  }

  // ---------------------------------------------------------------- Blazar

  /**
   * {@code POST /v1/leases}: the lease, CREATING, its hosts taken.
   *
   * @throws OpenStackError 400 for an invalid request, 409 when there are not enough hosts
   */
  public synchronized ObjectNode createLease(JsonNode body) {
    Instant now = clock.instant();
    String name = text(body, "name");
    if (name == null || name.isBlank()) {
      throw OpenStackError.blazar(400, "InvalidInput", "Expected a value for name");
    }
    Instant start = blazarDate(body, "start_date", now);
    Instant end = blazarDate(body, "end_date", now);
    if (start.isBefore(now.truncatedTo(ChronoUnit.MINUTES))) {
      throw OpenStackError.blazar(400, "InvalidDate", "Start date must be later than current date");
    }
    if (!end.isAfter(start)) {
      throw OpenStackError.blazar(
          400, "InvalidRange", "End date must be later than the start date");
    }
    JsonNode requested = body.path("reservations");
    if (!requested.isArray() || requested.isEmpty()) {
      throw OpenStackError.blazar(400, "MissingParameter", "Missing parameter: reservations");
    }
    if (matches(Fault.NO_HOSTS, name)) {
      LOG.infof("lease %s refused: fault no-hosts", Untrusted.forLog(name));
      throw notEnoughHosts();
    }
    Lease lease = new Lease();
    lease.name = name;
    lease.start = start;
    lease.end = end;
    lease.createdAt = now;
    lease.pendingAt = now.plus(leasePendingAfter);
    lease.activeAt = now.plus(leaseActiveAfter);
    lease.fate =
        matches(Fault.LEASE_ERROR, name)
            ? LeaseFate.ERROR
            : matches(Fault.LEASE_STUCK_PENDING, name) ? LeaseFate.STUCK_PENDING : LeaseFate.NORMAL;
    Set<Host> taken = new LinkedHashSet<>();
    for (JsonNode r : requested) {
      Reservation reservation = reservation(r);
      List<Host> free =
          freeHosts(now).stream()
              .filter(h -> !taken.contains(h))
              .filter(hostFilter(reservation.resourceProperties))
              .toList();
      if (free.size() < reservation.min) {
        LOG.infof(
            "lease %s refused: %d free hosts for %s",
            Untrusted.forLog(name), free.size(), Untrusted.forLog(reservation.resourceProperties));
        throw notEnoughHosts();
      }
      reservation.hosts.addAll(free.subList(0, Math.min(free.size(), reservation.max)));
      taken.addAll(reservation.hosts);
      lease.reservations.add(reservation);
    }
    lease.updatedAt = now;
    leases.put(lease.id, lease);
    LOG.infof("lease %s created (%s): %s", lease.id, lease.fate, Untrusted.forLog(name));
    return wrap("lease", leaseJson(lease, now));
  }

  private static OpenStackError notEnoughHosts() {
    return OpenStackError.blazar(409, "NotEnoughHostsAvailable", "Not enough hosts available");
  }

  private Reservation reservation(JsonNode r) {
    Reservation reservation = new Reservation();
    reservation.resourceType = text(r, "resource_type");
    if (!"physical:host".equals(reservation.resourceType)) {
      throw OpenStackError.blazar(
          400,
          "UnsupportedResourceType",
          "The "
              + Untrusted.quote(reservation.resourceType)
              + " resource type is not supported by this simulator");
    }
    reservation.min = positive(r, "min");
    reservation.max = positive(r, "max");
    if (reservation.max < reservation.min) {
      throw OpenStackError.blazar(
          400,
          "InvalidRange",
          "Invalid values for min/max of hosts. Max must be equal to or larger than min.");
    }
    JsonNode properties = r.path("resource_properties");
    if (!properties.isMissingNode() && !properties.isNull() && !properties.isTextual()) {
      throw OpenStackError.blazar(
          400, "InvalidInput", "resource_properties must be a JSON-encoded string");
    }
    reservation.resourceProperties = properties.asText("");
    JsonNode hypervisor = r.path("hypervisor_properties");
    reservation.hypervisorProperties = hypervisor.isTextual() ? hypervisor.asText() : "";
    hostFilter(reservation.resourceProperties); // fails early on a malformed query
    return reservation;
  }

  private int positive(JsonNode node, String field) {
    JsonNode value = node.path(field);
    int n;
    if (value.isInt()) {
      n = value.asInt();
    } else if (value.isTextual() && value.asText().matches("[0-9]{1,4}")) {
      n = Integer.parseInt(value.asText());
    } else {
      throw OpenStackError.blazar(400, "MissingParameter", "Missing parameter: " + field);
    }
    if (n < 1) {
      throw OpenStackError.blazar(400, "InvalidInput", field + " must be at least 1");
    }
    return n;
  }

  /** Blazar's resource_properties query, on the only property hosts have here: node_type. */
  private Predicate<Host> hostFilter(String query) {
    if (query == null || query.isBlank()) {
      return h -> true;
    }
    JsonNode tree;
    try {
      tree = mapper.readTree(query);
    } catch (Exception e) {
      throw OpenStackError.blazar(
          400, "MalformedRequirements", "Malformed requirements " + Untrusted.quote(query));
    }
    return predicate(tree, query);
  }

  private Predicate<Host> predicate(JsonNode tree, String query) {
    if (!tree.isArray() || tree.isEmpty()) {
      if (tree.isArray()) {
        return h -> true;
      }
      throw OpenStackError.blazar(
          400, "MalformedRequirements", "Malformed requirements " + Untrusted.quote(query));
    }
    String op = tree.get(0).asText();
    if ("and".equals(op) || "or".equals(op)) {
      List<Predicate<Host>> parts = new ArrayList<>();
      for (int i = 1; i < tree.size(); i++) {
        parts.add(predicate(tree.get(i), query));
      }
      return "and".equals(op)
          ? h -> parts.stream().allMatch(p -> p.test(h))
          : h -> parts.stream().anyMatch(p -> p.test(h));
    }
    if (tree.size() != 3 || !("==".equals(op) || "!=".equals(op))) {
      throw OpenStackError.blazar(
          400, "MalformedRequirements", "Malformed requirements " + Untrusted.quote(query));
    }
    String property = tree.get(1).asText();
    String value = tree.get(2).asText();
    Predicate<Host> equal =
        switch (property) {
          case "$node_type" -> h -> h.nodeType().equals(value);
          case "$uid", "$hypervisor_hostname" -> h -> h.name().equals(value);
          default -> h -> false;
        };
    return "==".equals(op) ? equal : equal.negate();
  }

  private List<Host> freeHosts(Instant now) {
    Set<Host> held = new LinkedHashSet<>();
    for (Lease lease : leases.values()) {
      if (lease.holdsHosts(now)) {
        lease.reservations.forEach(r -> held.addAll(r.hosts));
      }
    }
    return hosts.stream().filter(h -> !held.contains(h)).toList();
  }

  private Instant blazarDate(JsonNode body, String field, Instant now) {
    String value = text(body, field);
    if (value == null) {
      throw OpenStackError.blazar(400, "MissingParameter", "Missing parameter: " + field);
    }
    try {
      return OpenStackTime.parseBlazar(value, now);
    } catch (IllegalArgumentException e) {
      throw OpenStackError.blazar(
          400,
          "InvalidDate",
          Untrusted.quote(value) + " is an invalid date; the format is YYYY-MM-DD HH:MM");
    }
  }

  public synchronized ObjectNode leases() {
    Instant now = clock.instant();
    ObjectNode root = JSON.objectNode();
    ArrayNode list = root.putArray("leases");
    leases.values().forEach(l -> list.add(leaseJson(l, now)));
    return root;
  }

  public synchronized ObjectNode lease(String id) {
    return wrap("lease", leaseJson(requireLease(id), clock.instant()));
  }

  /** {@code PUT /v1/leases/{id}}: a new name, start or end date. */
  public synchronized ObjectNode updateLease(String id, JsonNode body) {
    Lease lease = requireLease(id);
    Instant now = clock.instant();
    String name = text(body, "name");
    if (name != null && !name.isBlank()) {
      lease.name = name;
    }
    if (text(body, "start_date") != null) {
      if ("ACTIVE".equals(lease.status(now))) {
        throw OpenStackError.blazar(
            400, "CantUpdateParameter", "Cannot update start date of an active lease");
      }
      lease.start = blazarDate(body, "start_date", now);
    }
    if (text(body, "end_date") != null) {
      Instant end = blazarDate(body, "end_date", now);
      if (!end.isAfter(lease.start)) {
        throw OpenStackError.blazar(
            400, "InvalidRange", "End date must be later than the start date");
      }
      lease.end = end;
    }
    lease.updatedAt = now;
    return wrap("lease", leaseJson(lease, now));
  }

  /** {@code DELETE /v1/leases/{id}}: gone at once, its hosts free (its servers stay). */
  public synchronized void deleteLease(String id) {
    Lease lease = requireLease(id);
    leases.remove(lease.id);
    LOG.infof("lease %s deleted", lease.id);
  }

  private Lease requireLease(String id) {
    Lease lease = leases.get(id);
    if (lease == null) {
      throw OpenStackError.blazar(
          404, "LeaseNotFound", "Object with {'lease_id': " + Untrusted.quote(id) + "} not found");
    }
    return lease;
  }

  private ObjectNode leaseJson(Lease lease, Instant now) {
    String status = lease.status(now);
    ObjectNode json = JSON.objectNode();
    json.put("id", lease.id);
    json.put("name", lease.name);
    json.put("user_id", keystone.userId);
    json.put("project_id", keystone.projectId);
    json.put("start_date", OpenStackTime.blazar(lease.start));
    json.put("end_date", OpenStackTime.blazar(lease.end));
    json.put("status", status);
    json.put("degraded", false);
    json.put("trust_id", lease.trustId);
    json.put("created_at", OpenStackTime.blazarRecord(lease.createdAt));
    json.put("updated_at", OpenStackTime.blazarRecord(lease.updatedAt));
    json.putNull("before_end_date");
    ArrayNode reservations = json.putArray("reservations");
    String reservationStatus =
        switch (status) {
          case "ACTIVE" -> "active";
          case "ERROR" -> "error";
          case "TERMINATED" -> "deleted";
          default -> "pending";
        };
    for (Reservation r : lease.reservations) {
      ObjectNode reservation = reservations.addObject();
      reservation.put("id", r.id);
      reservation.put("lease_id", lease.id);
      reservation.put("resource_id", r.resourceId);
      reservation.put("resource_type", r.resourceType);
      reservation.put("status", reservationStatus);
      reservation.put("min", r.min);
      reservation.put("max", r.max);
      reservation.put("hypervisor_properties", r.hypervisorProperties);
      reservation.put("resource_properties", r.resourceProperties);
      reservation.put("before_end", "default");
      reservation.put("on_start", "default");
      reservation.put("missing_resources", false);
      reservation.put("resources_changed", false);
      reservation.put("created_at", OpenStackTime.blazarRecord(lease.createdAt));
      reservation.put("updated_at", OpenStackTime.blazarRecord(lease.updatedAt));
    }
    ArrayNode events = json.putArray("events");
    event(events, lease, "start_lease", lease.start, !now.isBefore(lease.activeAt));
    event(events, lease, "end_lease", lease.end, !now.isBefore(lease.end));
    return json;
  }

  private void event(ArrayNode events, Lease lease, String type, Instant time, boolean done) {
    events
        .addObject()
        .put("id", stableId(lease.id + type))
        .put("lease_id", lease.id)
        .put("event_type", type)
        .put("time", OpenStackTime.blazar(time))
        .put("status", done ? "DONE" : "UNDONE")
        .put("created_at", OpenStackTime.blazarRecord(lease.createdAt))
        .putNull("updated_at");
  }

  // ---------------------------------------------------------------- Nova: flavors and key pairs

  public synchronized ObjectNode flavors(boolean detail, String base) {
    ObjectNode root = JSON.objectNode();
    ArrayNode list = root.putArray("flavors");
    flavors.forEach(f -> list.add(flavorJson(f, detail, base)));
    return root;
  }

  /** A flavor's extra specs: a bare-metal one asks for a bare-metal node, as on Chameleon. */
  public synchronized ObjectNode extraSpecs(String id) {
    Flavor flavor = requireFlavor(id);
    ObjectNode specs = JSON.objectNode().put("cpu_arch", "x86_64");
    if (flavor.name().equals("baremetal")) {
      specs.put("resources:CUSTOM_BAREMETAL", "1");
      specs.put("resources:VCPU", "0");
      specs.put("resources:MEMORY_MB", "0");
      specs.put("resources:DISK_GB", "0");
    }
    return wrap("extra_specs", specs);
  }

  public synchronized ObjectNode flavor(String id, String base) {
    return wrap("flavor", flavorJson(requireFlavor(id), true, base));
  }

  private Flavor requireFlavor(String id) {
    return flavors.stream()
        .filter(f -> f.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                OpenStackError.nova(
                    404, "itemNotFound", "Flavor " + Untrusted.quote(id) + " could not be found."));
  }

  private ObjectNode flavorJson(Flavor f, boolean detail, String base) {
    ObjectNode json = JSON.objectNode();
    json.put("id", f.id());
    json.put("name", f.name());
    if (detail) {
      json.put("ram", f.ramMb());
      json.put("disk", f.diskGb());
      json.put("vcpus", f.vcpus());
      json.put("swap", 0);
      json.put("OS-FLV-EXT-DATA:ephemeral", 0);
      json.put("OS-FLV-DISABLED:disabled", false);
      json.put("rxtx_factor", 1.0);
      json.put("os-flavor-access:is_public", true);
    }
    links(json, base + "/compute/v2.1", "flavors", f.id());
    return json;
  }

  public synchronized ObjectNode keyPairs() {
    ObjectNode root = JSON.objectNode();
    ArrayNode list = root.putArray("keypairs");
    for (KeyPair k : keyPairs.values()) {
      list.addObject()
          .putObject("keypair")
          .put("name", k.name())
          .put("public_key", k.publicKey())
          .put("fingerprint", k.fingerprint());
    }
    return root;
  }

  public synchronized ObjectNode keyPair(String name) {
    KeyPair k = requireKeyPair(name);
    ObjectNode json = JSON.objectNode();
    json.put("id", k.id());
    json.put("name", k.name());
    json.put("public_key", k.publicKey());
    json.put("fingerprint", k.fingerprint());
    json.put("user_id", keystone.userId);
    json.put("created_at", OpenStackTime.novaMicros(k.createdAt()));
    json.put("deleted", false);
    json.putNull("deleted_at");
    json.putNull("updated_at");
    return wrap("keypair", json);
  }

  /**
   * {@code POST /os-keypairs}: imports {@code public_key}, or without one generates a key pair and
   * answers its private key (the only time it is shown; the simulator does not keep it).
   */
  public synchronized ObjectNode createKeyPair(JsonNode body) {
    JsonNode request = body.path("keypair");
    String name = text(request, "name");
    if (name == null || !KEY_NAME.matcher(name).matches()) {
      throw OpenStackError.nova(
          400, "badRequest", "Keypair data is invalid: Keypair name contains unsafe characters");
    }
    if (keyPairs.containsKey(name)) {
      throw OpenStackError.nova(
          409, "conflictingRequest", "Key pair " + Untrusted.quote(name) + " already exists.");
    }
    String publicKey = text(request, "public_key");
    String privateKey = null;
    String fingerprint;
    if (publicKey == null) {
      SshKeys.Generated generated = SshKeys.generate("Generated-by-Nova", config.keyBits());
      publicKey = generated.publicKey();
      privateKey = generated.privateKey();
      fingerprint = generated.fingerprint();
    } else {
      try {
        fingerprint = SshKeys.fingerprint(publicKey);
      } catch (IllegalArgumentException e) {
        throw OpenStackError.nova(
            400, "badRequest", "Keypair data is invalid: failed to generate fingerprint");
      }
    }
    KeyPair k = new KeyPair(++keyPairIds, name, publicKey, fingerprint, clock.instant());
    keyPairs.put(name, k);
    LOG.infof(
        "key pair %s %s", Untrusted.forLog(name), privateKey == null ? "imported" : "created");
    ObjectNode json = JSON.objectNode();
    json.put("name", name);
    json.put("public_key", publicKey);
    json.put("fingerprint", fingerprint);
    json.put("user_id", keystone.userId);
    if (privateKey != null) {
      json.put("private_key", privateKey);
    }
    return wrap("keypair", json);
  }

  public synchronized void deleteKeyPair(String name) {
    keyPairs.remove(requireKeyPair(name).name());
  }

  private KeyPair requireKeyPair(String name) {
    KeyPair k = keyPairs.get(name);
    if (k == null) {
      throw OpenStackError.nova(
          404,
          "itemNotFound",
          "Keypair " + Untrusted.quote(name) + " not found for user " + keystone.userId);
    }
    return k;
  }

  // ---------------------------------------------------------------- Nova: servers

  /**
   * {@code POST /servers}: the server, BUILD; it must name an ACTIVE Blazar reservation in the
   * scheduler hint {@code reservation} (every host here is reserved).
   */
  public synchronized ObjectNode createServer(JsonNode body, String base) {
    Instant now = clock.instant();
    advance(now);
    JsonNode request = body.path("server");
    if (!request.isObject()) {
      throw OpenStackError.nova(
          400, "badRequest", "Invalid input for field/attribute server. Value: null.");
    }
    String name = text(request, "name");
    if (name == null || name.isBlank()) {
      throw OpenStackError.nova(
          400,
          "badRequest",
          "Invalid input for field/attribute name. 'name' is a required property");
    }
    String imageRef = text(request, "imageRef");
    if (imageRef == null || images.byId(imageRef).isEmpty()) {
      throw OpenStackError.nova(400, "badRequest", "Can not find requested image");
    }
    String flavorRef = text(request, "flavorRef");
    if (flavorRef == null || flavors.stream().noneMatch(f -> f.id().equals(flavorRef))) {
      throw OpenStackError.nova(
          400, "badRequest", "Flavor " + Untrusted.quote(flavorRef) + " could not be found.");
    }
    String networkId = networkOf(request.path("networks"));
    String keyName = text(request, "key_name");
    if (keyName != null && !keyPairs.containsKey(keyName)) {
      throw OpenStackError.nova(400, "badRequest", "Invalid key_name provided.");
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    JsonNode meta = request.path("metadata");
    if (!meta.isMissingNode() && !meta.isNull()) {
      if (!meta.isObject()) {
        throw OpenStackError.nova(400, "badRequest", "Invalid input for field/attribute metadata.");
      }
      meta.fields().forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
    }
    JsonNode hints = body.path("os:scheduler_hints");
    if (hints.isMissingNode()) {
      hints = body.path("OS-SCH-HNT:scheduler_hints");
    }
    JsonNode hint = hints.path("reservation");
    String reservationId =
        hint.isArray() && !hint.isEmpty() ? hint.get(0).asText() : hint.asText(null);
    if (reservationId == null || reservationId.isBlank()) {
      throw OpenStackError.nova(
          400,
          "badRequest",
          "Every host is reserved: a server needs the scheduler hint reservation"
              + " (os:scheduler_hints.reservation, the id of an ACTIVE Blazar reservation)");
    }
    Lease lease = null;
    Reservation reservation = null;
    for (Lease l : leases.values()) {
      for (Reservation r : l.reservations) {
        if (r.id.equals(reservationId)) {
          lease = l;
          reservation = r;
        }
      }
    }
    if (reservation == null) {
      boolean isLeaseId = leases.containsKey(reservationId);
      throw OpenStackError.nova(
          400,
          "badRequest",
          "Reservation "
              + Untrusted.quote(reservationId)
              + " not found"
              + (isLeaseId ? ": that is a lease id, not the id of one of its reservations" : ""));
    }
    String leaseStatus = lease.status(now);
    if (!"ACTIVE".equals(leaseStatus)) {
      throw OpenStackError.nova(
          400,
          "badRequest",
          "Reservation "
              + Untrusted.quote(reservationId)
              + " is not active (its lease is "
              + leaseStatus
              + ")");
    }
    Server server = new Server();
    server.name = name;
    server.imageId = imageRef;
    server.flavorId = flavorRef;
    server.networkId = networkId;
    server.keyName = keyName;
    server.reservationId = reservationId;
    server.metadata = metadata;
    server.createdAt = now;
    server.activeAt = now.plus(serverActiveAfter);
    Set<Host> used = new LinkedHashSet<>();
    servers.values().forEach(s -> used.add(s.host));
    server.host =
        reservation.hosts.stream().filter(h -> !used.contains(h)).findFirst().orElse(null);
    if (matches(Fault.SERVER_ERROR, name) || server.host == null) {
      server.fate = ServerFate.ERROR;
      server.faultMessage = NO_VALID_HOST;
    } else if (matches(Fault.SERVER_STUCK_BUILD, name)) {
      server.fate = ServerFate.STUCK_BUILD;
    } else {
      server.fate = ServerFate.NORMAL;
    }
    servers.put(server.id, server);
    LOG.infof("server %s created (%s): %s", server.id, server.fate, Untrusted.forLog(name));
    ObjectNode json = JSON.objectNode();
    json.put("id", server.id);
    links(json, base + "/compute/v2.1", "servers", server.id);
    json.put("OS-DCF:diskConfig", "MANUAL");
    json.putArray("security_groups").addObject().put("name", "default");
    json.put("adminPass", randomToken(12));
    return wrap("server", json);
  }

  private String networkOf(JsonNode requested) {
    if (requested.isMissingNode() || requested.isNull()) {
      return networks.get(0).id();
    }
    if (!requested.isArray() || requested.size() != 1) {
      throw OpenStackError.nova(
          400, "badRequest", "A bare-metal server takes exactly one network: networks [{uuid}]");
    }
    String uuid = text(requested.get(0), "uuid");
    return networks.stream()
        .filter(n -> n.id().equals(uuid) && !n.external())
        .findFirst()
        .orElseThrow(
            () ->
                OpenStackError.nova(
                    400, "badRequest", "Network " + Untrusted.quote(uuid) + " could not be found."))
        .id();
  }

  public synchronized ObjectNode servers(boolean detail, String name, String status, String base) {
    Instant now = clock.instant();
    advance(now);
    Predicate<String> nameFilter = nameFilter(name);
    ObjectNode root = JSON.objectNode();
    ArrayNode list = root.putArray("servers");
    List<Server> all = new ArrayList<>(servers.values());
    java.util.Collections.reverse(all); // newest first, as Nova lists
    for (Server s : all) {
      if (!nameFilter.test(s.name) || (status != null && !status.equalsIgnoreCase(s.status(now)))) {
        continue;
      }
      if (detail) {
        list.add(serverJson(s, now, base));
      } else {
        ObjectNode brief = list.addObject().put("id", s.id).put("name", s.name);
        links(brief, base + "/compute/v2.1", "servers", s.id);
      }
    }
    root.putArray("servers_links");
    return root;
  }

  private static Predicate<String> nameFilter(String name) {
    if (name == null || name.isEmpty()) {
      return n -> true;
    }
    try {
      Pattern pattern = Pattern.compile(name);
      return n -> pattern.matcher(n).find();
    } catch (PatternSyntaxException e) {
      return n -> n.contains(name);
    }
  }

  public synchronized ObjectNode server(String id, String base) {
    Instant now = clock.instant();
    advance(now);
    return wrap("server", serverJson(requireServer(id), now, base));
  }

  /** {@code DELETE /servers/{id}}: gone at once, with its port; a floating IP on it is detached. */
  public synchronized void deleteServer(String id) {
    Server server = requireServer(id);
    servers.remove(server.id);
    if (server.port != null) {
      removePort(server.port);
    }
    LOG.infof("server %s deleted", server.id);
  }

  /** {@code POST /servers/{id}/action}: reboot, os-stop, os-start are taken and change nothing. */
  public synchronized void serverAction(String id, JsonNode body) {
    requireServer(id);
    Set<String> known = Set.of("reboot", "os-stop", "os-start", "os-getConsoleOutput");
    if (!body.isObject() || body.size() != 1 || !known.contains(body.fieldNames().next())) {
      throw OpenStackError.nova(400, "badRequest", "The simulator takes only the actions " + known);
    }
  }

  private Server requireServer(String id) {
    Server server = servers.get(id);
    if (server == null) {
      throw OpenStackError.nova(
          404, "itemNotFound", "Instance " + Untrusted.quote(id) + " could not be found.");
    }
    return server;
  }

  /** A server that has turned ACTIVE gets its port and fixed address. */
  private void advance(Instant now) {
    for (Server s : servers.values()) {
      if (s.port == null && "ACTIVE".equals(s.status(now))) {
        s.port = newPort(s.id, now);
      }
    }
  }

  private Port newPort(String deviceId, Instant now) {
    Network network = networks.get(0);
    Port port = new Port();
    port.networkId = network.id();
    port.subnetId = network.subnetId();
    port.deviceId = deviceId;
    port.mac =
        String.format(
            Locale.ROOT,
            "fa:16:3e:%02x:%02x:%02x",
            random.nextInt(256),
            random.nextInt(256),
            random.nextInt(256));
    int n = nextFixedIp++;
    port.ip = "10.140." + (81 + (n / 250) % 3) + "." + (1 + n % 250);
    port.createdAt = now;
    ports.put(port.id, port);
    return port;
  }

  private void removePort(Port port) {
    ports.remove(port.id);
    for (FloatingIp fip : floatingIps.values()) {
      if (port.id.equals(fip.portId)) {
        fip.portId = null;
        fip.fixedIp = null;
        fip.updatedAt = clock.instant();
        fip.revision++;
      }
    }
  }

  private ObjectNode serverJson(Server s, Instant now, String base) {
    String status = s.status(now);
    String compute = base + "/compute/v2.1";
    ObjectNode json = JSON.objectNode();
    json.put("id", s.id);
    json.put("name", s.name);
    json.put("status", status);
    json.put("tenant_id", keystone.projectId);
    json.put("user_id", keystone.userId);
    ObjectNode metadata = json.putObject("metadata");
    s.metadata.forEach(metadata::put);
    json.put("hostId", s.host == null ? "" : Keystone.hexId(s.host.id() + keystone.projectId));
    ObjectNode image = json.putObject("image").put("id", s.imageId);
    image
        .putArray("links")
        .addObject()
        .put("rel", "bookmark")
        .put("href", base + "/compute/images/" + s.imageId);
    ObjectNode flavor = json.putObject("flavor").put("id", s.flavorId);
    flavor
        .putArray("links")
        .addObject()
        .put("rel", "bookmark")
        .put("href", base + "/compute/flavors/" + s.flavorId);
    json.put("created", OpenStackTime.iso(s.createdAt));
    json.put("updated", OpenStackTime.iso(now.isBefore(s.activeAt) ? s.createdAt : s.activeAt));
    ObjectNode addresses = json.putObject("addresses");
    if (s.port != null) {
      Network network = requireNetwork(s.port.networkId);
      ArrayNode list = addresses.putArray(network.name());
      address(list, s.port.ip, "fixed", s.port.mac);
      for (FloatingIp fip : floatingIps.values()) {
        if (s.port.id.equals(fip.portId)) {
          address(list, fip.address, "floating", s.port.mac);
        }
      }
    }
    json.put("accessIPv4", "");
    json.put("accessIPv6", "");
    links(json, compute, "servers", s.id);
    json.put("OS-DCF:diskConfig", "MANUAL");
    json.put("progress", "ACTIVE".equals(status) ? 100 : 0);
    json.put("OS-EXT-AZ:availability_zone", "nova");
    json.put("config_drive", "");
    if (s.keyName == null) {
      json.putNull("key_name");
    } else {
      json.put("key_name", s.keyName);
    }
    if ("BUILD".equals(status)) {
      json.putNull("OS-SRV-USG:launched_at");
    } else {
      json.put("OS-SRV-USG:launched_at", OpenStackTime.novaMicros(s.activeAt));
    }
    json.putNull("OS-SRV-USG:terminated_at");
    json.putArray("security_groups").addObject().put("name", "default");
    json.put("OS-EXT-STS:task_state", "BUILD".equals(status) ? "spawning" : null);
    json.put("OS-EXT-STS:vm_state", status.toLowerCase(Locale.ROOT).replace("build", "building"));
    json.put("OS-EXT-STS:power_state", "ACTIVE".equals(status) ? 1 : 0);
    json.putArray("os-extended-volumes:volumes_attached");
    if ("ERROR".equals(status)) {
      json.putObject("fault")
          .put("code", 500)
          .put("created", OpenStackTime.iso(s.activeAt))
          .put("message", s.faultMessage)
          .put("details", "");
    }
    return json;
  }

  private static void address(ArrayNode list, String ip, String type, String mac) {
    list.addObject()
        .put("version", 4)
        .put("addr", ip)
        .put("OS-EXT-IPS:type", type)
        .put("OS-EXT-IPS-MAC:mac_addr", mac);
  }

  // ---------------------------------------------------------------- Neutron

  public synchronized ObjectNode networks(Map<String, String> filters) {
    ObjectNode root = JSON.objectNode();
    ArrayNode list = root.putArray("networks");
    for (Network n : networks) {
      if (filter(filters, "id", n.id())
          && filter(filters, "name", n.name())
          && filterBoolean(filters, "router:external", n.external())
          && filterBoolean(filters, "shared", !n.external())) {
        list.add(networkJson(n));
      }
    }
    return root;
  }

  public synchronized ObjectNode network(String id) {
    return wrap("network", networkJson(requireNetwork(id)));
  }

  private Network requireNetwork(String id) {
    return networks.stream()
        .filter(n -> n.id().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                OpenStackError.neutron(
                    404,
                    "NetworkNotFound",
                    "Network " + Untrusted.quote(id) + " could not be found."));
  }

  private ObjectNode networkJson(Network n) {
    ObjectNode json = JSON.objectNode();
    json.put("id", n.id());
    json.put("name", n.name());
    json.put("tenant_id", n.external() ? ImageCatalog.CHAMELEON_OWNER : keystone.projectId);
    json.put("project_id", n.external() ? ImageCatalog.CHAMELEON_OWNER : keystone.projectId);
    json.put("admin_state_up", true);
    json.put("mtu", 1500);
    json.put("status", "ACTIVE");
    json.putArray("subnets").add(n.subnetId());
    json.put("shared", !n.external());
    json.put("router:external", n.external());
    json.put("is_default", n.external());
    json.put("port_security_enabled", true);
    json.putArray("availability_zone_hints");
    json.putArray("availability_zones").add("nova");
    json.putNull("ipv4_address_scope");
    json.putNull("ipv6_address_scope");
    json.put("description", "");
    json.putArray("tags");
    json.put("created_at", "2023-01-10T12:00:00Z");
    json.put("updated_at", "2023-01-10T12:00:00Z");
    json.put("revision_number", 1);
    return json;
  }

  public synchronized ObjectNode subnets(Map<String, String> filters) {
    ObjectNode root = JSON.objectNode();
    ArrayNode list = root.putArray("subnets");
    for (Network n : networks) {
      if (filter(filters, "id", n.subnetId())
          && filter(filters, "name", n.subnetName())
          && filter(filters, "network_id", n.id())) {
        list.add(subnetJson(n));
      }
    }
    return root;
  }

  public synchronized ObjectNode subnet(String id) {
    return wrap(
        "subnet",
        subnetJson(
            networks.stream()
                .filter(n -> n.subnetId().equals(id))
                .findFirst()
                .orElseThrow(
                    () ->
                        OpenStackError.neutron(
                            404,
                            "SubnetNotFound",
                            "Subnet " + Untrusted.quote(id) + " could not be found."))));
  }

  private ObjectNode subnetJson(Network n) {
    ObjectNode json = JSON.objectNode();
    json.put("id", n.subnetId());
    json.put("name", n.subnetName());
    json.put("network_id", n.id());
    json.put("tenant_id", n.external() ? ImageCatalog.CHAMELEON_OWNER : keystone.projectId);
    json.put("project_id", n.external() ? ImageCatalog.CHAMELEON_OWNER : keystone.projectId);
    json.put("ip_version", 4);
    json.put("cidr", n.cidr());
    json.put("gateway_ip", n.gateway());
    json.put("enable_dhcp", !n.external());
    json.putArray("allocation_pools")
        .addObject()
        .put("start", n.poolStart())
        .put("end", n.poolEnd());
    json.putArray("dns_nameservers").add("8.8.8.8");
    json.putArray("host_routes");
    json.putNull("ipv6_ra_mode");
    json.putNull("ipv6_address_mode");
    json.putNull("subnetpool_id");
    json.putArray("service_types");
    json.put("description", "");
    json.putArray("tags");
    json.put("created_at", "2023-01-10T12:00:00Z");
    json.put("updated_at", "2023-01-10T12:00:00Z");
    json.put("revision_number", 0);
    return json;
  }

  public synchronized ObjectNode ports(Map<String, String> filters) {
    advance(clock.instant());
    ObjectNode root = JSON.objectNode();
    ArrayNode list = root.putArray("ports");
    for (Port p : ports.values()) {
      if (filter(filters, "id", p.id)
          && filter(filters, "device_id", p.deviceId)
          && filter(filters, "network_id", p.networkId)
          && filter(filters, "mac_address", p.mac)) {
        list.add(portJson(p));
      }
    }
    return root;
  }

  public synchronized ObjectNode port(String id) {
    advance(clock.instant());
    return wrap("port", portJson(requirePort(id)));
  }

  private Port requirePort(String id) {
    Port port = ports.get(id);
    if (port == null) {
      throw OpenStackError.neutron(
          404, "PortNotFound", "Port " + Untrusted.quote(id) + " could not be found.");
    }
    return port;
  }

  private ObjectNode portJson(Port p) {
    ObjectNode json = JSON.objectNode();
    json.put("id", p.id);
    json.put("name", "");
    json.put("network_id", p.networkId);
    json.put("tenant_id", keystone.projectId);
    json.put("project_id", keystone.projectId);
    json.put("mac_address", p.mac);
    json.put("admin_state_up", true);
    json.put("status", "ACTIVE");
    json.put("device_id", p.deviceId);
    json.put("device_owner", "compute:nova");
    json.putArray("fixed_ips").addObject().put("subnet_id", p.subnetId).put("ip_address", p.ip);
    json.putArray("allowed_address_pairs");
    json.putArray("extra_dhcp_opts");
    json.putArray("security_groups").add(securityGroupId);
    json.put("binding:vnic_type", "baremetal");
    json.put("port_security_enabled", true);
    json.put("description", "");
    json.putArray("tags");
    json.put("created_at", OpenStackTime.iso(p.createdAt));
    json.put("updated_at", OpenStackTime.iso(p.createdAt));
    json.put("revision_number", 1);
    return json;
  }

  public synchronized ObjectNode floatingIps(Map<String, String> filters) {
    ObjectNode root = JSON.objectNode();
    ArrayNode list = root.putArray("floatingips");
    for (FloatingIp f : floatingIps.values()) {
      if (filter(filters, "id", f.id)
          && filter(filters, "port_id", f.portId)
          && filter(filters, "floating_network_id", f.networkId)
          && filter(filters, "floating_ip_address", f.address)
          && filter(filters, "status", status(f))
          && tagsMatch(filters, f.tags)) {
        list.add(floatingIpJson(f));
      }
    }
    return root;
  }

  public synchronized ObjectNode floatingIp(String id) {
    return wrap("floatingip", floatingIpJson(requireFloatingIp(id)));
  }

  /**
   * {@code POST /v2.0/floatingips}: the lowest free address of the external network's pool.
   *
   * @throws OpenStackError 409 IpAddressGenerationFailure when the pool is exhausted
   */
  public synchronized ObjectNode allocateFloatingIp(JsonNode body) {
    advance(clock.instant());
    JsonNode request = body.path("floatingip");
    String networkId = text(request, "floating_network_id");
    if (networkId == null) {
      throw OpenStackError.neutron(
          400, "HTTPBadRequest", "Invalid input for operation: floating_network_id is required.");
    }
    Network network = requireNetwork(networkId);
    if (!network.external()) {
      throw OpenStackError.neutron(
          400,
          "BadRequest",
          "Bad floatingip request: Network " + network.id() + " is not a valid external network.");
    }
    FloatingIp fip = allocate(network, text(request, "description"));
    JsonNode tags = request.path("tags");
    if (tags.isArray()) {
      tags.forEach(t -> fip.tags.add(t.asText()));
    }
    String portId = text(request, "port_id");
    if (portId != null) {
      attach(fip, portId);
    }
    return wrap("floatingip", floatingIpJson(fip));
  }

  private FloatingIp allocate(Network network, String description) {
    if (matches(Fault.NO_FLOATING_IPS, description == null ? "" : description)) {
      throw exhausted(network);
    }
    Set<String> used = new LinkedHashSet<>();
    floatingIps.values().forEach(f -> used.add(f.address));
    String address = null;
    for (int i = 0; i < config.floatingIpPoolSize(); i++) {
      String candidate = "129.114.108." + (100 + i);
      if (!used.contains(candidate)) {
        address = candidate;
        break;
      }
    }
    if (address == null) {
      throw exhausted(network);
    }
    Instant now = clock.instant();
    FloatingIp fip = new FloatingIp();
    fip.address = address;
    fip.networkId = network.id();
    fip.description = description == null ? "" : description;
    fip.createdAt = now;
    fip.updatedAt = now;
    fip.revision = 0;
    floatingIps.put(fip.id, fip);
    LOG.infof("floating IP %s allocated: %s", fip.id, address);
    return fip;
  }

  private static OpenStackError exhausted(Network network) {
    return OpenStackError.neutron(
        409,
        "IpAddressGenerationFailure",
        "No more IP addresses available on network " + network.id() + ".");
  }

  /** {@code PUT /v2.0/floatingips/{id}}: {@code port_id} a port to attach, null to detach. */
  public synchronized ObjectNode updateFloatingIp(String id, JsonNode body) {
    advance(clock.instant());
    FloatingIp fip = requireFloatingIp(id);
    JsonNode request = body.path("floatingip");
    if (request.has("port_id")) {
      String portId = text(request, "port_id");
      if (portId == null) {
        fip.portId = null;
        fip.fixedIp = null;
      } else {
        attach(fip, portId);
      }
    }
    if (request.has("description")) {
      fip.description = request.path("description").asText("");
    }
    fip.updatedAt = clock.instant();
    fip.revision++;
    return wrap("floatingip", floatingIpJson(fip));
  }

  private void attach(FloatingIp fip, String portId) {
    Port port = ports.get(portId);
    if (port == null) {
      throw OpenStackError.neutron(
          404, "PortNotFound", "Port " + Untrusted.quote(portId) + " could not be found.");
    }
    for (FloatingIp other : floatingIps.values()) {
      if (other != fip && portId.equals(other.portId)) {
        throw OpenStackError.neutron(
            409,
            "FloatingIPPortAlreadyAssociated",
            "Cannot associate floating IP "
                + fip.address
                + " with port "
                + portId
                + " using fixed IP "
                + port.ip
                + ", as that fixed IP already has a floating IP on external network "
                + other.networkId
                + ".");
      }
    }
    fip.portId = port.id;
    fip.fixedIp = port.ip;
  }

  public synchronized void deleteFloatingIp(String id) {
    floatingIps.remove(requireFloatingIp(id).id);
    LOG.infof("floating IP %s released", id);
  }

  /** {@code PUT /v2.0/floatingips/{id}/tags/{tag}}. */
  public synchronized void addTag(String id, String tag) {
    FloatingIp fip = requireFloatingIp(id);
    checkTag(tag);
    fip.tags.add(tag);
    fip.revision++;
  }

  /** {@code PUT /v2.0/floatingips/{id}/tags} with {@code {"tags": [...]}}: replaces them all. */
  public synchronized ObjectNode replaceTags(String id, JsonNode body) {
    FloatingIp fip = requireFloatingIp(id);
    JsonNode tags = body.path("tags");
    if (!tags.isArray()) {
      throw OpenStackError.neutron(400, "HTTPBadRequest", "Invalid input: tags must be a list");
    }
    List<String> replaced = new ArrayList<>();
    tags.forEach(t -> replaced.add(t.asText()));
    replaced.forEach(SimulatedCloud::checkTag);
    fip.tags.clear();
    fip.tags.addAll(replaced);
    fip.revision++;
    return tags(id);
  }

  public synchronized ObjectNode tags(String id) {
    ObjectNode root = JSON.objectNode();
    ArrayNode list = root.putArray("tags");
    requireFloatingIp(id).tags.forEach(list::add);
    return root;
  }

  public synchronized void deleteTag(String id, String tag) {
    if (!requireFloatingIp(id).tags.remove(tag)) {
      throw OpenStackError.neutron(
          404, "TagNotFound", "Tag " + Untrusted.quote(tag) + " could not be found.");
    }
  }

  public synchronized boolean hasTag(String id, String tag) {
    return requireFloatingIp(id).tags.contains(tag);
  }

  private static void checkTag(String tag) {
    if (tag == null || tag.isEmpty() || tag.length() > 255 || tag.contains(",")) {
      throw OpenStackError.neutron(
          400, "InvalidInput", "Invalid input for operation: invalid tag.");
    }
  }

  private FloatingIp requireFloatingIp(String id) {
    FloatingIp fip = floatingIps.get(id);
    if (fip == null) {
      throw OpenStackError.neutron(
          404, "FloatingIPNotFound", "Floating IP " + Untrusted.quote(id) + " could not be found");
    }
    return fip;
  }

  private static String status(FloatingIp f) {
    return f.portId == null ? "DOWN" : "ACTIVE";
  }

  private ObjectNode floatingIpJson(FloatingIp f) {
    ObjectNode json = JSON.objectNode();
    json.put("id", f.id);
    json.put("tenant_id", keystone.projectId);
    json.put("project_id", keystone.projectId);
    json.put("floating_ip_address", f.address);
    json.put("floating_network_id", f.networkId);
    json.put("router_id", f.portId == null ? null : routerId);
    json.put("port_id", f.portId);
    json.put("fixed_ip_address", f.fixedIp);
    json.put("status", status(f));
    json.put("description", f.description);
    json.putNull("qos_policy_id");
    json.putNull("port_details");
    ArrayNode tags = json.putArray("tags");
    f.tags.forEach(tags::add);
    json.put("created_at", OpenStackTime.iso(f.createdAt));
    json.put("updated_at", OpenStackTime.iso(f.updatedAt));
    json.put("revision_number", f.revision);
    return json;
  }

  /** Neutron's tag filters: {@code tags} all of, {@code tags-any} any of, comma-separated. */
  private static boolean tagsMatch(Map<String, String> filters, Set<String> tags) {
    String all = filters.get("tags");
    if (all != null && !all.isEmpty() && !tags.containsAll(Arrays.asList(all.split(",")))) {
      return false;
    }
    String any = filters.get("tags-any");
    return any == null || any.isEmpty() || Arrays.stream(any.split(",")).anyMatch(tags::contains);
  }

  private static boolean filter(Map<String, String> filters, String key, String value) {
    String wanted = filters.get(key);
    return wanted == null || wanted.equals(value);
  }

  private static boolean filterBoolean(Map<String, String> filters, String key, boolean value) {
    String wanted = filters.get(key);
    return wanted == null || Boolean.parseBoolean(wanted) == value;
  }

  // ---------------------------------------------------------------- control

  /** Sets {@code fault}, for resources whose name contains {@code match} (null: every one). */
  public synchronized ObjectNode setFault(String fault, String match) {
    Fault f =
        Fault.of(fault)
            .orElseThrow(
                () ->
                    ProblemException.badRequest(
                        "unknown fault "
                            + Untrusted.quote(fault)
                            + "; known: "
                            + Arrays.stream(Fault.values()).map(x -> x.wire).toList()));
    faults.put(f, match == null || match.isEmpty() ? null : match);
    LOG.infof("fault %s set (match %s)", f.wire, Untrusted.forLog(match));
    return faultsJson();
  }

  public synchronized void clearFaults() {
    faults.clear();
  }

  public synchronized void clearFault(String fault) {
    Fault.of(fault).ifPresent(faults::remove);
  }

  private boolean matches(Fault fault, String name) {
    if (!faults.containsKey(fault)) {
      return false;
    }
    String match = faults.get(fault);
    return match == null || (name != null && name.contains(match));
  }

  private ObjectNode faultsJson() {
    ObjectNode root = JSON.objectNode();
    ArrayNode list = root.putArray("faults");
    faults.forEach((f, m) -> list.addObject().put("fault", f.wire).put("match", m));
    return root;
  }

  /** The timings in ms; a null argument leaves that one as it is. */
  public synchronized ObjectNode setTimings(
      Long leasePendingMs, Long leaseActiveMs, Long serverActiveMs) {
    for (Long ms : new Long[] {leasePendingMs, leaseActiveMs, serverActiveMs}) {
      if (ms != null && (ms < 0 || ms > 86_400_000L)) {
        throw ProblemException.badRequest("a timing is between 0 and 86400000 ms");
      }
    }
    if (leasePendingMs != null) {
      leasePendingAfter = Duration.ofMillis(leasePendingMs);
    }
    if (leaseActiveMs != null) {
      leaseActiveAfter = Duration.ofMillis(leaseActiveMs);
    }
    if (serverActiveMs != null) {
      serverActiveAfter = Duration.ofMillis(serverActiveMs);
    }
    return timingsJson();
  }

  public synchronized ObjectNode timingsJson() {
    return JSON.objectNode()
        .put("leasePendingAfterMs", leasePendingAfter.toMillis())
        .put("leaseActiveAfterMs", leaseActiveAfter.toMillis())
        .put("serverActiveAfterMs", serverActiveAfter.toMillis());
  }

  private void resetTimings() {
    leasePendingAfter = config.leasePendingAfter();
    leaseActiveAfter = config.leaseActiveAfter();
    serverActiveAfter = config.serverActiveAfter();
  }

  /** Everything that exists, for tests and for people: leases, servers, floating IPs, key pairs. */
  public synchronized ObjectNode resources() {
    Instant now = clock.instant();
    advance(now);
    ObjectNode root = JSON.objectNode();
    ArrayNode leaseList = root.putArray("leases");
    for (Lease l : leases.values()) {
      ObjectNode lease = leaseList.addObject();
      lease.put("id", l.id).put("name", l.name).put("status", l.status(now));
      ArrayNode reservations = lease.putArray("reservations");
      for (Reservation r : l.reservations) {
        ObjectNode reservation = reservations.addObject().put("id", r.id);
        reservation.put("resourceProperties", r.resourceProperties);
        ArrayNode hostNames = reservation.putArray("hosts");
        r.hosts.forEach(h -> hostNames.add(h.name()));
      }
    }
    ArrayNode serverList = root.putArray("servers");
    for (Server s : servers.values()) {
      ObjectNode server = serverList.addObject();
      server.put("id", s.id).put("name", s.name).put("status", s.status(now));
      server.put("reservationId", s.reservationId);
      server.put("host", s.host == null ? null : s.host.name());
      server.put("keyName", s.keyName);
      ObjectNode metadata = server.putObject("metadata");
      s.metadata.forEach(metadata::put);
      server.put("fixedIp", s.port == null ? null : s.port.ip);
      server.put("portId", s.port == null ? null : s.port.id);
      if ("ERROR".equals(s.status(now))) {
        server.put("fault", s.faultMessage);
      }
    }
    ArrayNode fipList = root.putArray("floatingIps");
    for (FloatingIp f : floatingIps.values()) {
      ObjectNode fip = fipList.addObject();
      fip.put("id", f.id).put("address", f.address).put("status", status(f));
      fip.put("portId", f.portId);
      fip.put("fixedIp", f.fixedIp);
      ArrayNode tags = fip.putArray("tags");
      f.tags.forEach(tags::add);
    }
    ArrayNode keyList = root.putArray("keyPairs");
    keyPairs
        .values()
        .forEach(
            k -> keyList.addObject().put("name", k.name()).put("fingerprint", k.fingerprint()));
    root.set("faults", faultsJson().get("faults"));
    root.set("timings", timingsJson());
    return root;
  }

  /**
   * Plants a leaked Gort resource of {@code kind} (server, lease, floating-ip) tagged with {@code
   * environment}, already in its settled state, as a crash would have left it.
   */
  public synchronized ObjectNode plant(String kind, String environment, String name) {
    if (environment == null || environment.isBlank()) {
      throw ProblemException.badRequest("environment is required");
    }
    Instant now = clock.instant();
    String planted = name == null || name.isBlank() ? "gort-" + environment + "-leaked" : name;
    ObjectNode result = JSON.objectNode().put("kind", kind);
    switch (kind == null ? "" : kind) {
      case "lease" -> {
        Lease lease = plantedLease(planted, now);
        result.put("id", lease.id).put("name", lease.name);
        result.put("reservationId", lease.reservations.get(0).id);
      }
      case "server" -> {
        Lease lease = plantedLease(planted, now);
        Server server = new Server();
        server.name = planted;
        server.imageId = images.all().get(0).id();
        server.flavorId = flavors.get(0).id();
        server.networkId = networks.get(0).id();
        server.reservationId = lease.reservations.get(0).id;
        server.host = lease.reservations.get(0).hosts.stream().findFirst().orElse(null);
        server.metadata = new LinkedHashMap<>(Map.of(ENVIRONMENT_TAG, environment));
        server.createdAt = now;
        server.activeAt = now;
        server.fate = ServerFate.NORMAL;
        server.port = newPort(server.id, now);
        servers.put(server.id, server);
        result.put("id", server.id).put("name", server.name).put("leaseId", lease.id);
      }
      case "floating-ip" -> {
        FloatingIp fip = allocate(networks.get(1), planted);
        fip.tags.add(ENVIRONMENT_TAG + "=" + environment);
        result.put("id", fip.id).put("address", fip.address);
      }
      default -> throw ProblemException.badRequest("kind is one of lease, server, floating-ip");
    }
    LOG.infof("planted a leaked %s for environment %s", kind, Untrusted.forLog(environment));
    return result;
  }

  private Lease plantedLease(String name, Instant now) {
    Lease lease = new Lease();
    lease.name = name;
    lease.start = now.truncatedTo(ChronoUnit.MINUTES);
    lease.end = lease.start.plus(Duration.ofDays(1));
    lease.createdAt = now;
    lease.updatedAt = now;
    lease.pendingAt = now;
    lease.activeAt = now;
    lease.fate = LeaseFate.NORMAL;
    Reservation reservation = new Reservation();
    reservation.resourceType = "physical:host";
    reservation.min = 1;
    reservation.max = 1;
    reservation.resourceProperties = "[\"==\", \"$node_type\", \"compute_haswell\"]";
    reservation.hypervisorProperties = "";
    freeHosts(now).stream()
        .filter(h -> h.nodeType().equals("compute_haswell"))
        .findFirst()
        .ifPresent(reservation.hosts::add);
    lease.reservations.add(reservation);
    leases.put(lease.id, lease);
    return lease;
  }

  /** Forgets every lease, server, port, floating IP, key pair and fault; timings from config. */
  public synchronized void reset() {
    leases.clear();
    servers.clear();
    ports.clear();
    floatingIps.clear();
    keyPairs.clear();
    faults.clear();
    nextFixedIp = 0;
    resetTimings();
    keystone.reset();
    LOG.info("simulated OpenStack reset");
  }

  // ---------------------------------------------------------------- helpers

  private static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static ObjectNode wrap(String key, ObjectNode value) {
    ObjectNode root = JSON.objectNode();
    root.set(key, value);
    return root;
  }

  private static void links(ObjectNode json, String service, String collection, String id) {
    ArrayNode links = json.putArray("links");
    links.addObject().put("rel", "self").put("href", service + "/" + collection + "/" + id);
    links
        .addObject()
        .put("rel", "bookmark")
        .put("href", service.replace("/v2.1", "") + "/" + collection + "/" + id);
  }

  private String randomToken(int length) {
    String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
