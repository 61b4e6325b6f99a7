package dev.gort.simulators.openstack;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.gort.simulators.SmtpPortResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The simulated OpenStack over its wire API: Keystone's token and catalog, Blazar's lease
 * lifecycle, Nova's reservation hint and server lifecycle, Neutron's floating IPs, each fault,
 * planted leaks (test timings: lease ACTIVE after 0.3 s, server after 0.3 s, 3 floating IPs).
 */
@QuarkusTest
@WithTestResource(SmtpPortResource.class)
class OpenStackSimulatorTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final DateTimeFormatter BLAZAR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private String token;

  @BeforeEach
  void reset() {
    given().post("/sim/openstack/reset").then().statusCode(204);
    token = token();
  }

  private static String token() {
    return given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"auth": {"identity": {"methods": ["password"], "password": {"user": {
              "name": "gort", "domain": {"name": "Default"}, "password": "gort-sim-password"}}},
             "scope": {"project": {"name": "gort", "domain": {"name": "Default"}}}}}""")
        .post("/identity/v3/auth/tokens")
        .then()
        .statusCode(201)
        .extract()
        .header("X-Subject-Token");
  }

  @Test
  void tokenCarriesAFullCatalogAndValidates() {
    Response issued =
        given()
            .contentType(ContentType.JSON)
            .body(
                """
                {"auth": {"identity": {"methods": ["password"], "password": {"user": {
                  "name": "gort", "domain": {"name": "Default"}, "password": "gort-sim-password"}}},
                 "scope": {"project": {"name": "gort", "domain": {"name": "Default"}}}}}""")
            .post("/identity/v3/auth/tokens");
    issued.then().statusCode(201).header("X-Subject-Token", notNullValue());
    JsonPath body = issued.jsonPath();
    assertThat(body.getString("token.project.name")).isEqualTo("gort");
    assertThat(body.getString("token.user.domain.name")).isEqualTo("Default");
    assertThat(body.getString("token.expires_at")).matches("\\d{4}-.*T.*\\.\\d{6}Z");
    List<String> types = body.getList("token.catalog.type");
    assertThat(types)
        .containsExactlyInAnyOrder("identity", "image", "compute", "network", "reservation");
    for (String type : types) {
      List<Map<String, String>> endpoints =
          body.getList("token.catalog.find { it.type == '" + type + "' }.endpoints");
      Map<String, String> pub =
          endpoints.stream()
              .filter(e -> e.get("interface").equals("public"))
              .findFirst()
              .orElseThrow();
      assertThat(pub.get("region")).isEqualTo("RegionOne");
      assertThat(pub.get("url")).startsWith("http://");
    }
    assertThat(
            body.getString(
                "token.catalog.find { it.type == 'compute' }.endpoints.find { it.interface == 'public' }.url"))
        .endsWith("/compute/v2.1");
    assertThat(
            body.getString(
                "token.catalog.find { it.type == 'reservation' }.endpoints.find { it.interface == 'public' }.url"))
        .endsWith("/reservation/v1");

    String subject = issued.header("X-Subject-Token");
    given()
        .header("X-Auth-Token", subject)
        .header("X-Subject-Token", subject)
        .get("/identity/v3/auth/tokens")
        .then()
        .statusCode(200)
        .body("token.project.name", equalTo("gort"));
  }

  @Test
  void wrongPasswordAndMissingTokenAre401() {
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"auth": {"identity": {"methods": ["password"], "password": {"user": {
              "name": "gort", "domain": {"name": "Default"}, "password": "nope"}}}}}""")
        .post("/identity/v3/auth/tokens")
        .then()
        .statusCode(401)
        .body("error.code", equalTo(401));
    given().get("/image/v2/images").then().statusCode(401);
    given().header("X-Auth-Token", "forged").get("/compute/v2.1/servers").then().statusCode(401);
  }

  @Test
  void applicationCredentialGetsAToken() {
    given()
        .contentType(ContentType.JSON)
        .body(
            """
            {"auth": {"identity": {"methods": ["application_credential"], "application_credential": {
              "id": "gort-sim-application-credential", "secret": "gort-sim-application-credential-secret"}}}}""")
        .post("/identity/v3/auth/tokens")
        .then()
        .statusCode(201)
        .body("token.methods[0]", equalTo("application_credential"))
        .body("token.catalog", hasSize(5));
  }

  @Test
  void imagesPageWithNextLinksAndFilterByName() {
    JsonPath first =
        auth().get("/image/v2/images?limit=40").then().statusCode(200).extract().jsonPath();
    assertThat(first.getList("images")).hasSize(40);
    String next = first.getString("next");
    assertThat(next).startsWith("/v2/images?").contains("marker=");
    int total = 40;
    while (next != null) {
      JsonPath page = auth().get("/image" + next).then().statusCode(200).extract().jsonPath();
      total += page.getList("images").size();
      next = page.getString("next");
    }
    assertThat(total).isBetween(90, 110);
    auth()
        .get("/image/v2/images?name=CC-Ubuntu22.04-CUDA")
        .then()
        .statusCode(200)
        .body("images", hasSize(1))
        .body("images[0].os_distro", equalTo("ubuntu"))
        .body("images[0].min_disk", notNullValue())
        .body("images[0].size", notNullValue());
  }

  @Test
  void leaseGoesCreatingPendingActiveWithADistinctReservationId() {
    JsonPath lease =
        createLease("gort-env-a", "gpu_rtx_6000").then().statusCode(201).extract().jsonPath();
    String leaseId = lease.getString("lease.id");
    String reservationId = lease.getString("lease.reservations[0].id");
    assertThat(lease.getString("lease.status")).isIn("CREATING", "PENDING");
    assertThat(reservationId).isNotEqualTo(leaseId);
    assertThat(lease.getString("lease.reservations[0].resource_properties"))
        .isEqualTo("[\"==\", \"$node_type\", \"gpu_rtx_6000\"]");
    await().atMost(WAIT).until(() -> leaseStatus(leaseId).equals("ACTIVE"));
    auth().get("/reservation/v1/leases").then().body("leases.id", hasItem(leaseId));
    auth().delete("/reservation/v1/leases/" + leaseId).then().statusCode(204);
    auth().get("/reservation/v1/leases/" + leaseId).then().statusCode(404);
  }

  @Test
  void leaseBeyondTheFreeHostsIsRefused() {
    for (int i = 0; i < 3; i++) {
      createLease("gort-env-full-" + i, "gpu_a100").then().statusCode(201);
    }
    createLease("gort-env-full-3", "gpu_a100")
        .then()
        .statusCode(409)
        .body("error_message", equalTo("Not enough hosts available"));
    createLease("gort-env-unknown", "gpu_h100").then().statusCode(409);
  }

  @Test
  void serverWithoutOrWithAWrongReservationHintIsRefused() {
    String leaseId = createLease("gort-env-b", "compute_haswell").then().extract().path("lease.id");
    timings("{\"leaseActiveAfterMs\": 60000}");
    String pendingReservation =
        createLease("gort-env-b2", "compute_haswell")
            .then()
            .extract()
            .path("lease.reservations[0].id");
    timings("{\"leaseActiveAfterMs\": 300}");
    auth()
        .body(serverBody("gort-env-b", null))
        .post("/compute/v2.1/servers")
        .then()
        .statusCode(400)
        .body("badRequest.message", containsString("reservation"));
    auth()
        .body(serverBody("gort-env-b", pendingReservation))
        .post("/compute/v2.1/servers")
        .then()
        .statusCode(400)
        .body("badRequest.message", containsString("not active"));
    await().atMost(WAIT).until(() -> leaseStatus(leaseId).equals("ACTIVE"));
    auth()
        .body(serverBody("gort-env-b", leaseId))
        .post("/compute/v2.1/servers")
        .then()
        .statusCode(400)
        .body("badRequest.message", containsString("lease id"));
    auth()
        .body(serverBody("gort-env-b", "7d4c1c5e-0000-0000-0000-000000000000"))
        .post("/compute/v2.1/servers")
        .then()
        .statusCode(400)
        .body("badRequest.message", containsString("not found"));
  }

  private static void timings(String body) {
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .put("/sim/openstack/timings")
        .then()
        .statusCode(200);
  }

  @Test
  void serverTurnsActiveWithAPortAndAFloatingIpAttaches() {
    String reservationId = activeReservation("gort-env-c", "gpu_rtx_6000");
    String serverId = createServer("gort-env-c", reservationId);
    auth().get("/compute/v2.1/servers/" + serverId).then().body("server.status", equalTo("BUILD"));
    await().atMost(WAIT).until(() -> serverStatus(serverId).equals("ACTIVE"));
    JsonPath server = auth().get("/compute/v2.1/servers/" + serverId).then().extract().jsonPath();
    assertThat(server.getString("server.metadata.gort-environment")).isEqualTo("env-c");
    String fixed = server.getString("server.addresses.sharednet1[0].addr");
    assertThat(fixed).startsWith("10.140.");
    assertThat(server.getString("server.addresses.sharednet1[0].'OS-EXT-IPS:type'"))
        .isEqualTo("fixed");

    String portId =
        auth()
            .get("/networking/v2.0/ports?device_id=" + serverId)
            .then()
            .extract()
            .path("ports[0].id");
    String fipId = allocateFloatingIp().then().statusCode(201).extract().path("floatingip.id");
    auth()
        .put("/networking/v2.0/floatingips/" + fipId + "/tags/gort-environment=env-c")
        .then()
        .statusCode(201);
    auth()
        .body(Map.of("floatingip", Map.of("port_id", portId)))
        .put("/networking/v2.0/floatingips/" + fipId)
        .then()
        .statusCode(200)
        .body("floatingip.fixed_ip_address", equalTo(fixed))
        .body("floatingip.status", equalTo("ACTIVE"));
    auth()
        .get("/compute/v2.1/servers/" + serverId)
        .then()
        .body("server.addresses.sharednet1[1].'OS-EXT-IPS:type'", equalTo("floating"));
    auth()
        .get("/networking/v2.0/floatingips?tags=gort-environment=env-c")
        .then()
        .body("floatingips", hasSize(1))
        .body("floatingips[0].port_id", equalTo(portId));

    auth().delete("/compute/v2.1/servers/" + serverId).then().statusCode(204);
    auth().get("/compute/v2.1/servers/" + serverId).then().statusCode(404);
    auth()
        .get("/networking/v2.0/floatingips/" + fipId)
        .then()
        .body("floatingip.port_id", equalTo(null))
        .body("floatingip.status", equalTo("DOWN"));
  }

  @Test
  void createdKeyPairAnswersAPrivateKeyOnce() {
    auth()
        .body(Map.of("keypair", Map.of("name", "gort-key")))
        .post("/compute/v2.1/os-keypairs")
        .then()
        .statusCode(200)
        .body("keypair.private_key", startsWith("-----BEGIN RSA PRIVATE KEY-----"))
        .body("keypair.public_key", startsWith("ssh-rsa "));
    auth()
        .get("/compute/v2.1/os-keypairs/gort-key")
        .then()
        .statusCode(200)
        .body("keypair.private_key", equalTo(null))
        .body("keypair.fingerprint", notNullValue());
    auth()
        .body(Map.of("keypair", Map.of("name", "gort-key")))
        .post("/compute/v2.1/os-keypairs")
        .then()
        .statusCode(409);
    auth()
        .get("/compute/v2.1/os-keypairs")
        .then()
        .body("keypairs[0].keypair.name", equalTo("gort-key"));
    auth().delete("/compute/v2.1/os-keypairs/gort-key").then().statusCode(202);
    auth().get("/compute/v2.1/os-keypairs/gort-key").then().statusCode(404);
  }

  @Test
  void floatingIpPoolExhaustionIs409() {
    for (int i = 0; i < 3; i++) {
      allocateFloatingIp().then().statusCode(201);
    }
    allocateFloatingIp()
        .then()
        .statusCode(409)
        .body("NeutronError.type", equalTo("IpAddressGenerationFailure"))
        .body("NeutronError.message", containsString("No more IP addresses available"));
  }

  @Test
  void faultNoHostsRefusesMatchingLeasesOnly() {
    fault("no-hosts", "env-x");
    createLease("gort-env-x", "compute_skylake").then().statusCode(409);
    createLease("gort-env-y", "compute_skylake").then().statusCode(201);
    given().delete("/sim/openstack/faults").then().statusCode(204);
    createLease("gort-env-x", "compute_skylake").then().statusCode(201);
  }

  @Test
  void faultLeaseStuckPendingKeepsItPending() throws Exception {
    fault("lease-stuck-pending", null);
    String leaseId = createLease("gort-env-d", "compute_skylake").then().extract().path("lease.id");
    Thread.sleep(800); // well past the test profile's 0.3 s to ACTIVE: it must not get there
    assertThat(leaseStatus(leaseId)).isEqualTo("PENDING");
  }

  @Test
  void faultLeaseErrorEndsInError() {
    fault("lease-error", null);
    String leaseId = createLease("gort-env-e", "compute_skylake").then().extract().path("lease.id");
    await().atMost(WAIT).until(() -> leaseStatus(leaseId).equals("ERROR"));
  }

  @Test
  void faultServerErrorGivesAFault() {
    String reservationId = activeReservation("gort-env-f", "compute_skylake");
    fault("server-error", "env-f");
    String serverId = createServer("gort-env-f", reservationId);
    await().atMost(WAIT).until(() -> serverStatus(serverId).equals("ERROR"));
    auth()
        .get("/compute/v2.1/servers/" + serverId)
        .then()
        .body("server.fault.code", equalTo(500))
        .body("server.fault.message", containsString("No valid host was found"));
  }

  @Test
  void faultServerStuckBuildKeepsItBuilding() throws Exception {
    String reservationId = activeReservation("gort-env-g", "compute_skylake");
    fault("server-stuck-build", null);
    String serverId = createServer("gort-env-g", reservationId);
    Thread.sleep(800); // well past the test profile's 0.3 s to ACTIVE: it must not get there
    assertThat(serverStatus(serverId)).isEqualTo("BUILD");
  }

  @Test
  void faultNoFloatingIpsRefusesAllocation() {
    fault("no-floating-ips", null);
    allocateFloatingIp()
        .then()
        .statusCode(409)
        .body("NeutronError.type", equalTo("IpAddressGenerationFailure"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"fault\": \"no-such-fault\"}")
        .put("/sim/openstack/faults")
        .then()
        .statusCode(400);
  }

  @Test
  void timingsChangeWhatIsCreatedNext() throws Exception {
    given()
        .contentType(ContentType.JSON)
        .body("{\"leaseActiveAfterMs\": 60000}")
        .put("/sim/openstack/timings")
        .then()
        .statusCode(200)
        .body("leaseActiveAfterMs", equalTo(60000));
    String leaseId =
        createLease("gort-env-slow", "compute_skylake").then().extract().path("lease.id");
    Thread.sleep(800); // past the test profile's 0.3 s to ACTIVE, far from the 60 s set here
    assertThat(leaseStatus(leaseId)).isEqualTo("PENDING");
  }

  @Test
  void plantedLeaksShowInResourcesAndTheApis() {
    for (String kind : List.of("server", "lease", "floating-ip")) {
      given()
          .contentType(ContentType.JSON)
          .body(Map.of("kind", kind, "environment", "leaked-1"))
          .post("/sim/openstack/plant")
          .then()
          .statusCode(201)
          .body("id", notNullValue());
    }
    JsonPath resources =
        given().get("/sim/openstack/resources").then().statusCode(200).extract().jsonPath();
    assertThat(resources.getList("servers.metadata.gort-environment")).containsExactly("leaked-1");
    assertThat(resources.getList("servers.status")).containsExactly("ACTIVE");
    assertThat(resources.getList("leases.name"))
        .allMatch(n -> n.toString().startsWith("gort-leaked-1"));
    assertThat(resources.getList("floatingIps.tags.flatten()"))
        .containsExactly("gort-environment=leaked-1");
    auth()
        .get("/compute/v2.1/servers/detail")
        .then()
        .body("servers[0].metadata.gort-environment", equalTo("leaked-1"));
    auth()
        .get("/networking/v2.0/floatingips?tags=gort-environment=leaked-1")
        .then()
        .body("floatingips", hasSize(1));
    given().post("/sim/openstack/reset").then().statusCode(204);
    given()
        .get("/sim/openstack/resources")
        .then()
        .body("servers", hasSize(0))
        .body("leases", hasSize(0));
  }

  // ---------------------------------------------------------------- helpers

  private io.restassured.specification.RequestSpecification auth() {
    return given().header("X-Auth-Token", token).contentType(ContentType.JSON);
  }

  private Response createLease(String name, String nodeType) {
    ZonedDateTime start = ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(2);
    return auth()
        .body(
            Map.of(
                "name", name,
                "start_date", BLAZAR.format(start),
                "end_date", BLAZAR.format(start.plusHours(24)),
                "reservations",
                    List.of(
                        Map.of(
                            "resource_type",
                            "physical:host",
                            "min",
                            1,
                            "max",
                            1,
                            "resource_properties",
                            "[\"==\", \"$node_type\", \"" + nodeType + "\"]",
                            "hypervisor_properties",
                            "")),
                "events", List.of()))
        .post("/reservation/v1/leases");
  }

  private String leaseStatus(String id) {
    return auth()
        .get("/reservation/v1/leases/" + id)
        .then()
        .statusCode(200)
        .extract()
        .path("lease.status");
  }

  private String activeReservation(String name, String nodeType) {
    JsonPath lease = createLease(name, nodeType).then().statusCode(201).extract().jsonPath();
    String leaseId = lease.getString("lease.id");
    await().atMost(WAIT).until(() -> leaseStatus(leaseId).equals("ACTIVE"));
    return lease.getString("lease.reservations[0].id");
  }

  private Map<String, Object> serverBody(String name, String reservationId) {
    String image =
        auth().get("/image/v2/images?name=CC-Ubuntu22.04").then().extract().path("images[0].id");
    String flavor =
        auth()
            .get("/compute/v2.1/flavors")
            .then()
            .extract()
            .path("flavors.find { it.name == 'baremetal' }.id");
    String network =
        auth()
            .get("/networking/v2.0/networks?name=sharednet1")
            .then()
            .extract()
            .path("networks[0].id");
    Map<String, Object> server =
        Map.of(
            "name", name,
            "imageRef", image,
            "flavorRef", flavor,
            "networks", List.of(Map.of("uuid", network)),
            "metadata", Map.of("gort-environment", name.replace("gort-", "")));
    return reservationId == null
        ? Map.of("server", server)
        : Map.of("server", server, "os:scheduler_hints", Map.of("reservation", reservationId));
  }

  private String createServer(String name, String reservationId) {
    return auth()
        .body(serverBody(name, reservationId))
        .post("/compute/v2.1/servers")
        .then()
        .statusCode(202)
        .extract()
        .path("server.id");
  }

  private String serverStatus(String id) {
    return auth()
        .get("/compute/v2.1/servers/" + id)
        .then()
        .statusCode(200)
        .extract()
        .path("server.status");
  }

  private Response allocateFloatingIp() {
    String publicNet =
        auth()
            .get("/networking/v2.0/networks?router:external=true")
            .then()
            .extract()
            .path("networks[0].id");
    return auth()
        .body(Map.of("floatingip", Map.of("floating_network_id", publicNet)))
        .post("/networking/v2.0/floatingips");
  }

  private static void fault(String fault, String match) {
    given()
        .contentType(ContentType.JSON)
        .body(match == null ? Map.of("fault", fault) : Map.of("fault", fault, "match", match))
        .put("/sim/openstack/faults")
        .then()
        .statusCode(200);
  }
}
