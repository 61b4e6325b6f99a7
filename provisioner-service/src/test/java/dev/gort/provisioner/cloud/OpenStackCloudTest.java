package dev.gort.provisioner.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.provisioner.cloud.CloudException.Kind;
import dev.gort.provisioner.cloud.FakeOpenStack.Answer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpenStackCloudTest {

  static final String PASSWORD = "gort-sim-password";
  static final ObjectMapper JSON = new ObjectMapper();

  FakeOpenStack fake;
  MutableClock clock;
  OpenStackCloud cloud;

  @BeforeEach
  void start() {
    fake = FakeOpenStack.start();
    clock = new MutableClock(Instant.now());
    cloud = new OpenStackCloud(settings(fake.authUrl(), "PT5M"), clock);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  static CloudSettings settings(String authUrl, String renewBefore) {
    return new CloudSettings(
        authUrl,
        "gort",
        PASSWORD,
        "gort",
        "Default",
        "Default",
        null,
        "public",
        "baremetal",
        Duration.ofSeconds(2),
        Duration.ofSeconds(3),
        Duration.parse(renewBefore));
  }

  static JsonNode json(String body) throws Exception {
    return JSON.readTree(body);
  }

  // --- Keystone

  @Test
  void runsOnOpenstack4jsOkHttpConnector() {
    assertThat(OpenStackCloud.connectorName()).isEqualTo(OpenStackCloud.OKHTTP_CONNECTOR);
  }

  @Test
  void tokenRequestIsPasswordAuthScopedToTheProjectByNameAndDomain() throws Exception {
    fake.on("GET", "/networking/v2.0/networks", Answer.json(200, "{\"networks\": []}"));

    cloud.networkId("sharednet1");

    FakeOpenStack.Request token = fake.only("POST", "/identity/v3/auth/tokens");
    JsonNode auth = json(token.body()).path("auth");
    assertThat(auth.path("identity").path("methods").toString()).isEqualTo("[\"password\"]");
    JsonNode user = auth.path("identity").path("password").path("user");
    assertThat(user.path("name").asText()).isEqualTo("gort");
    assertThat(user.path("password").asText()).isEqualTo(PASSWORD);
    assertThat(user.path("domain").path("name").asText()).isEqualTo("Default");
    JsonNode project = auth.path("scope").path("project");
    assertThat(project.path("name").asText()).isEqualTo("gort");
    assertThat(project.path("domain").path("name").asText()).isEqualTo("Default");
    FakeOpenStack.Request networks = fake.only("GET", "/networking/v2.0/networks");
    assertThat(networks.header("X-Auth-Token")).isEqualTo("token-1");
    assertThat(networks.query()).isEqualTo("name=sharednet1");
  }

  @Test
  void oneTokenServesManyCallsUntilItNearsExpiry() {
    fake.tokenExpiry(clock.instant().plus(Duration.ofMinutes(20)));
    fake.on("GET", "/networking/v2.0/networks", Answer.json(200, "{\"networks\": []}"));

    cloud.networkId("a");
    cloud.networkId("b");
    assertThat(fake.tokensIssued()).isEqualTo(1);

    clock.set(clock.instant().plus(Duration.ofMinutes(16)));
    cloud.networkId("c");

    assertThat(fake.tokensIssued()).isEqualTo(2);
    List<FakeOpenStack.Request> calls = fake.requests("GET", "/networking/v2.0/networks");
    assertThat(calls)
        .extracting(r -> r.header("X-Auth-Token"))
        .containsExactly("token-1", "token-1", "token-2");
  }

  @Test
  void aRefusedTokenIsRenewedAndTheCallRetried() {
    fake.on(
        "GET",
        "/networking/v2.0/networks",
        Answer.json(
            401,
            "{\"error\": {\"code\": 401, \"message\": \"The request you have made requires authentication.\"}}"),
        Answer.json(200, "{\"networks\": [{\"id\": \"net-1\", \"name\": \"sharednet1\"}]}"));

    assertThat(cloud.networkId("sharednet1")).contains("net-1");
    assertThat(fake.tokensIssued()).isEqualTo(2);
    // the renewed token is kept for the next call
    cloud.networkId("sharednet1");
    assertThat(fake.tokensIssued()).isEqualTo(2);
    assertThat(fake.requests("GET", "/networking/v2.0/networks"))
        .extracting(r -> r.header("X-Auth-Token"))
        .containsExactly("token-1", "token-2", "token-2");
  }

  @Test
  void wrongCredentialsAreRefusedWithoutThePassword() {
    fake.on(
        "POST",
        "/identity/v3/auth/tokens",
        Answer.json(
            401,
            "{\"error\": {\"code\": 401, \"message\": \"The request you have made requires authentication.\", \"title\": \"Unauthorized\"}}"));

    assertThatThrownBy(() -> cloud.networkId("sharednet1"))
        .isInstanceOfSatisfying(
            CloudException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.REFUSED);
              assertThat(e.getMessage()).contains("Keystone").doesNotContain(PASSWORD);
            });
  }

  @Test
  void threadsShareOneTokenEachWithItsOwnClient() throws Exception {
    fake.on(
        "GET",
        "/networking/v2.0/networks",
        Answer.json(200, "{\"networks\": [{\"id\": \"net-1\", \"name\": \"sharednet1\"}]}"));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Optional<String>>> answers =
          pool.invokeAll(
              IntStream.range(0, 32)
                  .mapToObj(i -> (Callable<Optional<String>>) () -> cloud.networkId("sharednet1"))
                  .toList());
      for (Future<Optional<String>> answer : answers) {
        assertThat(answer.get()).contains("net-1");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(fake.tokensIssued()).isEqualTo(1);
    assertThat(fake.requests("GET", "/networking/v2.0/networks"))
        .hasSize(32)
        .allSatisfy(r -> assertThat(r.header("X-Auth-Token")).isEqualTo("token-1"));
  }

  @Test
  void endpointsAreTakenFromTheConfiguredRegion() {
    CloudSettings base = settings(fake.authUrl(), "PT5M");
    Cloud elsewhere =
        new OpenStackCloud(
            new CloudSettings(
                base.authUrl(),
                base.username(),
                base.password(),
                base.projectName(),
                base.userDomainName(),
                base.projectDomainName(),
                "RegionTwo",
                base.externalNetwork(),
                base.flavor(),
                base.connectTimeout(),
                base.requestTimeout(),
                base.tokenRenewBefore()),
            clock);

    assertThatThrownBy(() -> elsewhere.networkId("sharednet1"))
        .isInstanceOfSatisfying(
            CloudException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("no public network endpoint in region RegionTwo"));
  }

  @Test
  void aCatalogWithoutTheServiceIsACleanRefusalNotAnEmptyList() {
    fake.catalog("identity", "compute");

    assertThatThrownBy(() -> cloud.networkId("sharednet1"))
        .isInstanceOfSatisfying(
            CloudException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.REFUSED);
              assertThat(e.getMessage()).contains("no public network endpoint");
            });
    assertThatThrownBy(() -> cloud.lease("0b1c2d3e-lease"))
        .isInstanceOfSatisfying(
            CloudException.class,
            e -> assertThat(e.getMessage()).contains("no public reservation endpoint"));
  }

  @Test
  void noAnswerIsUnavailable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    Cloud unreachable =
        new OpenStackCloud(
            settings("http://127.0.0.1:" + closedPort + "/identity/v3", "PT5M"), clock);

    assertThatThrownBy(unreachable::images)
        .isInstanceOfSatisfying(
            CloudException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
              assertThat(e.retryable()).isTrue();
            });
  }

  // --- Glance

  @Test
  void imagesAreReadPageByPageWithDetails() {
    String page1 =
        IntStream.range(0, 100)
            .mapToObj(i -> image("img-" + i, "CC-Image-" + i))
            .collect(
                Collectors.joining(
                    ",", "{\"images\": [", "], \"next\": \"/v2/images?marker=img-99&limit=100\"}"));
    String page2 =
        "{\"images\": ["
            + image("img-100", "CC-Ubuntu22.04-CUDA")
            + "], \"first\": \"/v2/images\", \"schema\": \"/v2/schemas/images\"}";
    fake.on("GET", "/image/v2/images", Answer.json(200, page1), Answer.json(200, page2));

    List<CloudImage> images = cloud.images();

    assertThat(images).hasSize(101);
    CloudImage last = images.get(100);
    assertThat(last.id()).isEqualTo("img-100");
    assertThat(last.name()).isEqualTo("CC-Ubuntu22.04-CUDA");
    assertThat(last.sizeBytes()).isEqualTo(3_758_096_384L);
    assertThat(last.minDiskGb()).isEqualTo(40);
    assertThat(last.minRamMb()).isEqualTo(2048);
    assertThat(last.createdAt()).isEqualTo(Instant.parse("2024-03-26T17:28:42Z"));
    assertThat(last.osDistro()).isEqualTo("ubuntu");
    assertThat(last.osVersion()).isEqualTo("22.04");
    List<FakeOpenStack.Request> pages = fake.requests("GET", "/image/v2/images");
    assertThat(pages).hasSize(2);
    assertThat(pages.get(0).query()).contains("limit=100").doesNotContain("marker");
    assertThat(pages.get(1).query()).contains("marker=img-99").contains("limit=100");
  }

  @Test
  void anImageIsReadByIdAndAMissingOneIsEmpty() {
    fake.on("GET", "/image/v2/images/img-7", Answer.json(200, image("img-7", "CC-Ubuntu20.04")));

    assertThat(cloud.image("img-7")).map(CloudImage::name).contains("CC-Ubuntu20.04");
    assertThat(cloud.image("img-8")).isEmpty();
  }

  static String image(String id, String name) {
    return """
        {"id": "%s", "name": "%s", "status": "active", "visibility": "public",
         "size": 3758096384, "min_disk": 40, "min_ram": 2048, "disk_format": "qcow2",
         "container_format": "bare", "created_at": "2024-03-26T17:28:42Z",
         "updated_at": "2024-03-27T10:00:00Z", "os_distro": "ubuntu", "os_version": "22.04",
         "tags": [], "self": "/v2/images/%s", "file": "/v2/images/%s/file",
         "schema": "/v2/schemas/image", "build-repo": "https://github.com/ChameleonCloud/cc-images"}"""
        .formatted(id, name, id, id);
  }

  // --- Nova key pairs

  @Test
  void keyPairsAreFoundCreatedAndImported() throws Exception {
    fake.on(
        "GET",
        "/compute/v2.1/os-keypairs/gort-key",
        Answer.json(
            200,
            "{\"keypair\": {\"name\": \"gort-key\", \"fingerprint\": \"aa:bb\", \"public_key\": \"ssh-ed25519 AAAA gort\", \"user_id\": \"user-1\", \"id\": 1, \"type\": \"ssh\"}}"));
    fake.on(
        "POST",
        "/compute/v2.1/os-keypairs",
        Answer.json(
            200,
            "{\"keypair\": {\"name\": \"new-key\", \"fingerprint\": \"cc:dd\", \"public_key\": \"ssh-rsa AAAB\", \"private_key\": \"-----BEGIN RSA PRIVATE KEY-----\\nMII...\\n-----END RSA PRIVATE KEY-----\\n\", \"user_id\": \"user-1\"}}"),
        Answer.json(
            200,
            "{\"keypair\": {\"name\": \"mine\", \"fingerprint\": \"ee:ff\", \"public_key\": \"ssh-ed25519 AAAC me\", \"user_id\": \"user-1\"}}"));

    assertThat(cloud.keyPair("gort-key")).map(CloudKeyPair::fingerprint).contains("aa:bb");
    assertThat(cloud.keyPair("other")).isEmpty();
    CreatedKeyPair created = cloud.createKeyPair("new-key");
    assertThat(created.privateKey()).startsWith("-----BEGIN RSA PRIVATE KEY-----");
    assertThat(created.toString()).doesNotContain("BEGIN").contains("new-key");
    CloudKeyPair imported = cloud.importKeyPair("mine", "ssh-ed25519 AAAC me\n");

    assertThat(imported.fingerprint()).isEqualTo("ee:ff");
    List<FakeOpenStack.Request> posts = fake.requests("POST", "/compute/v2.1/os-keypairs");
    assertThat(json(posts.get(0).body()).path("keypair").path("name").asText())
        .isEqualTo("new-key");
    assertThat(json(posts.get(0).body()).path("keypair").has("public_key")).isFalse();
    assertThat(json(posts.get(1).body()).path("keypair").path("public_key").asText())
        .isEqualTo("ssh-ed25519 AAAC me");
  }

  // --- Neutron networks

  @Test
  void aNetworkIsFoundByItsExactName() {
    fake.on(
        "GET",
        "/networking/v2.0/networks",
        Answer.json(
            200,
            "{\"networks\": [{\"id\": \"net-2\", \"name\": \"sharednet10\"}, {\"id\": \"net-1\", \"name\": \"sharednet1\", \"router:external\": false, \"status\": \"ACTIVE\", \"tags\": []}]}"));

    assertThat(cloud.networkId("sharednet1")).contains("net-1");
    assertThat(cloud.networkId("nowhere")).isEmpty();
  }

  // --- Nova servers

  static final String FLAVORS =
      """
      {"flavors": [
        {"id": "1", "name": "m1.small", "ram": 2048, "vcpus": 1, "disk": 20, "links": []},
        {"id": "fl-bm", "name": "baremetal", "ram": 0, "vcpus": 0, "disk": 0, "links": []}]}""";

  @Test
  void aServerIsBootedOnTheReservationWithTheHintBesideServer() throws Exception {
    fake.on("GET", "/compute/v2.1/flavors/detail", Answer.json(200, FLAVORS));
    fake.on("GET", "/compute/v2.1/flavors", Answer.json(200, FLAVORS));
    fake.on(
        "POST",
        "/compute/v2.1/servers",
        Answer.json(
            202,
            "{\"server\": {\"id\": \"srv-1\", \"links\": [], \"OS-DCF:diskConfig\": \"MANUAL\", \"adminPass\": \"x\", \"security_groups\": [{\"name\": \"default\"}]}}"));

    String id =
        cloud.createServer(
            new ServerRequest(
                "gort-env-1",
                "img-7",
                null,
                "net-1",
                "gort-key",
                "res-42",
                Map.of(Cloud.ENVIRONMENT_TAG, "env-1")));

    assertThat(id).isEqualTo("srv-1");
    JsonNode body = json(fake.only("POST", "/compute/v2.1/servers").body());
    assertThat(body.path("os:scheduler_hints").path("reservation").asText()).isEqualTo("res-42");
    JsonNode server = body.path("server");
    assertThat(server.has("os:scheduler_hints")).isFalse();
    assertThat(server.path("name").asText()).isEqualTo("gort-env-1");
    assertThat(server.path("imageRef").asText()).isEqualTo("img-7");
    assertThat(server.path("flavorRef").asText()).isEqualTo("fl-bm");
    assertThat(server.path("key_name").asText()).isEqualTo("gort-key");
    assertThat(server.path("networks").toString()).isEqualTo("[{\"uuid\":\"net-1\"}]");
    assertThat(server.path("metadata").toString()).isEqualTo("{\"gort-environment\":\"env-1\"}");
    assertThat(body.size()).isEqualTo(2);
  }

  @Test
  void anUnknownFlavorIsNotFound() {
    fake.on("GET", "/compute/v2.1/flavors/detail", Answer.json(200, "{\"flavors\": []}"));
    fake.on("GET", "/compute/v2.1/flavors", Answer.json(200, "{\"flavors\": []}"));

    assertThatThrownBy(
            () ->
                cloud.createServer(
                    new ServerRequest("s", "img", "baremetal", "net", null, "res", Map.of())))
        .isInstanceOfSatisfying(
            CloudException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_FOUND));
    assertThat(fake.requests("POST", "/compute/v2.1/servers")).isEmpty();
  }

  @Test
  void aServerIsReadWithStatusFaultAddressesAndMetadata() {
    fake.on(
        "GET",
        "/compute/v2.1/servers/srv-1",
        Answer.json(
            200,
            """
            {"server": {"id": "srv-1", "name": "gort-env-1", "status": "ACTIVE",
              "metadata": {"gort-environment": "env-1"},
              "addresses": {"sharednet1": [
                {"addr": "10.140.81.5", "version": 4, "OS-EXT-IPS:type": "fixed",
                 "OS-EXT-IPS-MAC:mac_addr": "fa:16:3e:00:00:01"},
                {"addr": "129.114.108.20", "version": 4, "OS-EXT-IPS:type": "floating",
                 "OS-EXT-IPS-MAC:mac_addr": "fa:16:3e:00:00:01"}]},
              "image": {"id": "img-7"}, "flavor": {"id": "fl-bm"}, "key_name": "gort-key",
              "created": "2026-12-03T10:05:00Z", "updated": "2026-12-03T10:15:00Z",
              "tenant_id": "p", "user_id": "u", "hostId": "h", "OS-EXT-STS:vm_state": "active"}}"""));
    fake.on(
        "GET",
        "/compute/v2.1/servers/srv-2",
        Answer.json(
            200,
            """
            {"server": {"id": "srv-2", "name": "gort-env-2", "status": "ERROR", "metadata": {},
              "addresses": {},
              "fault": {"code": 500, "created": "2026-12-03T10:06:00Z",
                        "message": "No valid host was found. There are not enough hosts available."}}}"""));

    CloudServer active = cloud.server("srv-1").orElseThrow();
    assertThat(active.status()).isEqualTo("ACTIVE");
    assertThat(active.fixedIp()).isEqualTo("10.140.81.5");
    assertThat(active.floatingIp()).isEqualTo("129.114.108.20");
    assertThat(active.metadata()).containsEntry(Cloud.ENVIRONMENT_TAG, "env-1");
    assertThat(active.faultMessage()).isNull();
    CloudServer failed = cloud.server("srv-2").orElseThrow();
    assertThat(failed.status()).isEqualTo("ERROR");
    assertThat(failed.faultMessage()).startsWith("No valid host was found");
    assertThat(failed.fixedIp()).isNull();
    assertThat(cloud.server("srv-3")).isEmpty();
  }

  @Test
  void deletingAServerThatIsGoneSucceeds() {
    fake.on("DELETE", "/compute/v2.1/servers/srv-1", Answer.empty(204));

    cloud.deleteServer("srv-1");
    cloud.deleteServer("srv-gone");

    assertThat(fake.requests("DELETE", "/compute/v2.1/servers/srv-gone")).hasSize(1);
  }

  @Test
  void taggedServersAreThoseWithTheEnvironmentMetadata() {
    fake.on(
        "GET",
        "/compute/v2.1/servers/detail",
        Answer.json(
            200,
            """
            {"servers": [
              {"id": "srv-1", "name": "gort-env-1", "status": "ACTIVE", "metadata": {"gort-environment": "env-1"}, "addresses": {}},
              {"id": "srv-9", "name": "someone-else", "status": "ACTIVE", "metadata": {}, "addresses": {}}]}"""));

    assertThat(cloud.taggedServers(Cloud.ENVIRONMENT_TAG))
        .extracting(CloudServer::id)
        .containsExactly("srv-1");
  }

  @Test
  void aServerErrorIsUnavailableAndRetryable() {
    fake.on(
        "GET",
        "/compute/v2.1/servers/detail",
        Answer.json(
            503, "{\"computeFault\": {\"code\": 503, \"message\": \"Service Unavailable\"}}"));

    assertThatThrownBy(cloud::servers)
        .isInstanceOfSatisfying(
            CloudException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
              assertThat(e.retryable()).isTrue();
              assertThat(e.getMessage()).contains("503");
            });
  }

  @Test
  void aRefusalIsBoundedAndEscaped() {
    String flood = "bad\\r\\nFORGED LOG LINE " + "x".repeat(10_000);
    fake.on("GET", "/compute/v2.1/flavors/detail", Answer.json(200, FLAVORS));
    fake.on("GET", "/compute/v2.1/flavors", Answer.json(200, FLAVORS));
    fake.on(
        "POST",
        "/compute/v2.1/servers",
        Answer.json(400, "{\"badRequest\": {\"code\": 400, \"message\": \"" + flood + "\"}}"));

    assertThatThrownBy(
            () ->
                cloud.createServer(
                    new ServerRequest("s", "img", null, "net", null, "res", Map.of())))
        .isInstanceOfSatisfying(
            CloudException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.REFUSED);
              assertThat(e.retryable()).isFalse();
              assertThat(e.getMessage())
                  .doesNotContain("\n")
                  .doesNotContain("\r")
                  .contains("\\r\\n");
              assertThat(e.getMessage().length()).isLessThan(400);
            });
  }

  // --- Neutron floating IPs

  static final String PUBLIC_NET =
      "{\"networks\": [{\"id\": \"ext-net\", \"name\": \"public\", \"router:external\": true}]}";

  @Test
  void aFloatingIpIsAllocatedOnThePublicNetworkAndTagged() throws Exception {
    fake.on("GET", "/networking/v2.0/networks", Answer.json(200, PUBLIC_NET));
    fake.on(
        "POST",
        "/networking/v2.0/floatingips",
        Answer.json(
            201,
            "{\"floatingip\": {\"id\": \"fip-1\", \"floating_ip_address\": \"129.114.108.20\", \"floating_network_id\": \"ext-net\", \"port_id\": null, \"status\": \"DOWN\", \"tags\": []}}"));
    fake.on(
        "PUT", "/networking/v2.0/floatingips/fip-1/tags/gort-environment=env-1", Answer.empty(201));

    CloudFloatingIp ip = cloud.allocateFloatingIp("public", Cloud.environmentTag("env-1"));

    assertThat(ip.id()).isEqualTo("fip-1");
    assertThat(ip.address()).isEqualTo("129.114.108.20");
    assertThat(ip.tagValue(Cloud.ENVIRONMENT_TAG)).contains("env-1");
    assertThat(fake.only("GET", "/networking/v2.0/networks").query()).isEqualTo("name=public");
    JsonNode body = json(fake.only("POST", "/networking/v2.0/floatingips").body());
    assertThat(body.path("floatingip").path("floating_network_id").asText()).isEqualTo("ext-net");
    assertThat(
            fake.requests("PUT", "/networking/v2.0/floatingips/fip-1/tags/gort-environment=env-1"))
        .hasSize(1);
  }

  @Test
  void anExhaustedPoolIsExhausted() {
    fake.on("GET", "/networking/v2.0/networks", Answer.json(200, PUBLIC_NET));
    fake.on(
        "POST",
        "/networking/v2.0/floatingips",
        Answer.json(
            409,
            "{\"NeutronError\": {\"type\": \"IpAddressGenerationFailure\", \"message\": \"No more IP addresses available on network ext-net.\", \"detail\": \"\"}}"));

    assertThatThrownBy(() -> cloud.allocateFloatingIp("public", Cloud.environmentTag("env-1")))
        .isInstanceOfSatisfying(
            CloudException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.EXHAUSTED);
              assertThat(e.getMessage()).contains("No more IP addresses");
            });
  }

  @Test
  void anUntaggableFloatingIpIsGivenBack() {
    fake.on("GET", "/networking/v2.0/networks", Answer.json(200, PUBLIC_NET));
    fake.on(
        "POST",
        "/networking/v2.0/floatingips",
        Answer.json(
            201,
            "{\"floatingip\": {\"id\": \"fip-1\", \"floating_ip_address\": \"129.114.108.20\", \"floating_network_id\": \"ext-net\"}}"));
    fake.on(
        "PUT",
        "/networking/v2.0/floatingips/fip-1/tags/gort-environment=env-1",
        Answer.json(
            500,
            "{\"NeutronError\": {\"type\": \"HTTPInternalServerError\", \"message\": \"boom\", \"detail\": \"\"}}"));
    fake.on("DELETE", "/networking/v2.0/floatingips/fip-1", Answer.empty(204));

    assertThatThrownBy(() -> cloud.allocateFloatingIp("public", Cloud.environmentTag("env-1")))
        .isInstanceOfSatisfying(
            CloudException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
    assertThat(fake.requests("DELETE", "/networking/v2.0/floatingips/fip-1")).hasSize(1);
  }

  @Test
  void aFloatingIpIsAttachedToTheServersPortAndDetachedAndReleased() throws Exception {
    fake.on(
        "GET",
        "/networking/v2.0/ports",
        Answer.json(
            200,
            "{\"ports\": [{\"id\": \"port-1\", \"device_id\": \"srv-1\", \"network_id\": \"net-1\", \"fixed_ips\": [{\"subnet_id\": \"sub-1\", \"ip_address\": \"10.140.81.5\"}]}]}"));
    String attached =
        "{\"floatingip\": {\"id\": \"fip-1\", \"floating_ip_address\": \"129.114.108.20\", \"port_id\": \"port-1\"}}";
    fake.on(
        "PUT",
        "/networking/v2.0/floatingips/fip-1",
        Answer.json(200, attached),
        Answer.json(200, "{\"floatingip\": {\"id\": \"fip-1\", \"port_id\": null}}"));
    fake.on("DELETE", "/networking/v2.0/floatingips/fip-1", Answer.empty(204));

    cloud.attachFloatingIp("fip-1", "srv-1");
    cloud.detachFloatingIp("fip-1");
    cloud.releaseFloatingIp("fip-1");
    cloud.releaseFloatingIp("fip-gone");
    cloud.detachFloatingIp("fip-gone");

    assertThat(fake.only("GET", "/networking/v2.0/ports").query()).isEqualTo("device_id=srv-1");
    List<FakeOpenStack.Request> puts = fake.requests("PUT", "/networking/v2.0/floatingips/fip-1");
    assertThat(json(puts.get(0).body()).toString())
        .isEqualTo("{\"floatingip\":{\"port_id\":\"port-1\"}}");
    assertThat(json(puts.get(1).body()).toString())
        .isEqualTo("{\"floatingip\":{\"port_id\":null}}");
    assertThat(fake.requests("DELETE", "/networking/v2.0/floatingips/fip-1")).hasSize(1);
  }

  @Test
  void floatingIpsAreListedWithTheirTags() {
    fake.on(
        "GET",
        "/networking/v2.0/floatingips",
        Answer.json(
            200,
            """
            {"floatingips": [
              {"id": "fip-1", "floating_ip_address": "129.114.108.20", "port_id": null,
               "floating_network_id": "ext-net", "tags": ["gort-environment=env-1"]},
              {"id": "fip-2", "floating_ip_address": "129.114.108.21", "port_id": "port-9",
               "floating_network_id": "ext-net", "tags": []}]}"""));

    List<CloudFloatingIp> all = cloud.floatingIps();

    assertThat(all).extracting(CloudFloatingIp::attached).containsExactly(false, true);
    assertThat(cloud.taggedFloatingIps(Cloud.ENVIRONMENT_TAG))
        .extracting(CloudFloatingIp::id)
        .containsExactly("fip-1");
  }

  @Test
  void aForgedIdGoesNowhere() {
    assertThatThrownBy(() -> cloud.deleteServer("../os-keypairs/gort-key"))
        .isInstanceOfSatisfying(
            CloudException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REFUSED));
    assertThat(fake.requests()).isEmpty();
  }

  // --- Blazar

  static final Instant NOW = Instant.parse("2026-12-03T10:00:27Z");

  static String lease(String status) {
    return """
        {"lease": {"id": "lease-1", "name": "gort-env-1", "status": "%s",
          "start_date": "2026-12-03T10:02:00.000000", "end_date": "2026-12-04T10:02:00.000000",
          "created_at": "2026-12-03 10:00:28", "updated_at": null, "user_id": "u",
          "project_id": "p", "trust_id": "t", "degraded": false,
          "reservations": [{"id": "res-42", "lease_id": "lease-1", "status": "pending",
            "resource_type": "physical:host", "min": 1, "max": 1,
            "resource_properties": "[\\"==\\", \\"$node_type\\", \\"gpu_rtx_6000\\"]",
            "hypervisor_properties": "", "before_end": "default"}],
          "events": [{"id": "ev-1", "event_type": "start_lease", "status": "UNDONE",
            "time": "2026-12-03T10:02:00.000000"}]}}"""
        .formatted(status);
  }

  @Test
  void aLeaseIsCreatedWithExactlyTheIssuesBody() throws Exception {
    fake.on("POST", "/reservation/v1/leases", Answer.json(201, lease("CREATING")));
    Instant start = NOW.plus(Duration.ofMinutes(2));

    CloudLease lease =
        cloud.createLease(
            new LeaseRequest(
                "gort-env-1", start, start.plus(Duration.ofHours(24)), "gpu_rtx_6000"));

    FakeOpenStack.Request post = fake.only("POST", "/reservation/v1/leases");
    assertThat(post.body())
        .isEqualTo(
            "{\"name\":\"gort-env-1\",\"start_date\":\"2026-12-03 10:02\",\"end_date\":\"2026-12-04 10:02\","
                + "\"reservations\":[{\"resource_type\":\"physical:host\",\"min\":1,\"max\":1,"
                + "\"resource_properties\":\"[\\\"==\\\", \\\"$node_type\\\", \\\"gpu_rtx_6000\\\"]\","
                + "\"hypervisor_properties\":\"\"}],\"events\":[]}");
    // both properties are strings whose content is JSON
    JsonNode reservation = json(post.body()).path("reservations").get(0);
    assertThat(json(reservation.path("resource_properties").asText()).toString())
        .isEqualTo("[\"==\",\"$node_type\",\"gpu_rtx_6000\"]");
    assertThat(post.header("X-Auth-Token")).isEqualTo("token-1");
    assertThat(post.header("Content-Type")).startsWith("application/json");
    assertThat(lease.id()).isEqualTo("lease-1");
    assertThat(lease.status()).isEqualTo(LeaseStatus.CREATING);
    assertThat(lease.status().transitional()).isTrue();
    assertThat(lease.reservationId()).isEqualTo("res-42");
    assertThat(lease.start()).isEqualTo(Instant.parse("2026-12-03T10:02:00Z"));
    assertThat(lease.end()).isEqualTo(Instant.parse("2026-12-04T10:02:00Z"));
  }

  @Test
  void notEnoughHostsIsNoResourcesWhateverTheStatus() {
    fake.on(
        "POST",
        "/reservation/v1/leases",
        Answer.json(
            409,
            "{\"error_code\": 409, \"error_message\": \"Not enough hosts available\", \"error_name\": 409}"),
        Answer.json(
            500,
            "{\"error_code\": 500, \"error_message\": \"Not enough hosts available\", \"error_name\": 500}"));
    LeaseRequest request =
        new LeaseRequest("gort-env-1", NOW, NOW.plus(Duration.ofHours(1)), "gpu_a100");

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> cloud.createLease(request))
          .isInstanceOfSatisfying(
              CloudException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.NO_RESOURCES);
                assertThat(e.getMessage())
                    .contains("gpu_a100")
                    .contains("Not enough hosts available");
              });
    }
  }

  @Test
  void otherBlazarFailuresAreRefusedOrUnavailable() {
    fake.on(
        "POST",
        "/reservation/v1/leases",
        Answer.json(
            400,
            "{\"error_code\": 400, \"error_message\": \"Malformed parameter start_date\", \"error_name\": 400}"),
        Answer.json(503, "<html>Service Unavailable</html>"));
    LeaseRequest request =
        new LeaseRequest("gort-env-1", NOW, NOW.plus(Duration.ofHours(1)), "gpu_a100");

    assertThatThrownBy(() -> cloud.createLease(request))
        .isInstanceOfSatisfying(
            CloudException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.REFUSED);
              assertThat(e.getMessage()).contains("Malformed parameter start_date");
            });
    assertThatThrownBy(() -> cloud.createLease(request))
        .isInstanceOfSatisfying(
            CloudException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
  }

  @Test
  void aLeaseIsReadUntilGoneAndDeletingAGoneLeaseSucceeds() {
    fake.on("GET", "/reservation/v1/leases/lease-1", Answer.json(200, lease("ACTIVE")));
    fake.on("DELETE", "/reservation/v1/leases/lease-1", Answer.empty(204));

    CloudLease active = cloud.lease("lease-1").orElseThrow();
    assertThat(active.status()).isEqualTo(LeaseStatus.ACTIVE);
    assertThat(active.reservationId()).isEqualTo("res-42");
    assertThat(cloud.lease("lease-2")).isEmpty();
    cloud.deleteLease("lease-1");
    cloud.deleteLease("lease-2");

    assertThat(fake.requests("DELETE", "/reservation/v1/leases/lease-2")).hasSize(1);
  }

  @Test
  void blazarRenewsARefusedTokenOnce() {
    fake.on(
        "GET",
        "/reservation/v1/leases",
        Answer.json(401, "{\"error\": {\"code\": 401, \"message\": \"Authentication required\"}}"),
        Answer.json(
            200,
            "{\"leases\": ["
                + lease("PENDING").substring(10, lease("PENDING").length() - 1)
                + "]}"));

    List<CloudLease> leases = cloud.taggedLeases("gort-");

    assertThat(leases).extracting(CloudLease::status).containsExactly(LeaseStatus.PENDING);
    assertThat(fake.requests("GET", "/reservation/v1/leases"))
        .extracting(r -> r.header("X-Auth-Token"))
        .containsExactly("token-1", "token-2");
  }

  @Test
  void anUnconfiguredCloudRefusesSayingWhatToSet() {
    Cloud none = new UnconfiguredCloud("public");

    assertThat(none.configured()).isFalse();
    assertThatThrownBy(none::images)
        .isInstanceOfSatisfying(
            CloudException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(Kind.REFUSED);
              assertThat(e.getMessage()).contains("gort.provisioner.cloud.auth-url");
            });
  }

  @Test
  void settingsNeverShowThePassword() {
    assertThat(settings(fake.authUrl(), "PT5M").toString())
        .doesNotContain(PASSWORD)
        .contains("***");
  }

  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void set(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
