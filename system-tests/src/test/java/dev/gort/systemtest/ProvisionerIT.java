package dev.gort.systemtest;

import static dev.gort.systemtest.GortStack.PROVISIONER;
import static dev.gort.systemtest.GortStack.SCHEDULER;
import static dev.gort.systemtest.GortStack.SIMULATORS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seed 004 on the real stack: environments provisioned through the simulated Git host, model and
 * OpenStack (Keystone, Glance, Nova, Neutron, Blazar) — the happy path, each of the seven failure
 * points, the model down or answering garbage, a cancel mid-provisioning, a teardown, the
 * reconciler, and a restart while the lease is awaited. After every ending the simulated cloud is
 * asked what is left of the environment: nothing, but for a reused floating IP.
 */
class ProvisionerIT {

  private static final Duration READY = Duration.ofSeconds(60);

  private static GortStack stack;
  private static Http.Session alice;

  @BeforeAll
  static void startStack() throws Exception {
    stack = GortStack.shared();
    alice = Http.as(stack.token("alice"));
  }

  @AfterEach
  void clearFaults() {
    Http.anonymous().delete(sim("/sim/openstack/faults"));
    Http.anonymous()
        .put(sim("/sim/ai/behaviour"), Http.json(Map.of("decision", "*", "mode", "good")));
    Http.anonymous()
        .put(
            sim("/sim/openstack/timings"),
            Http.json(
                Map.of(
                    "leasePendingAfterMs",
                    300,
                    "leaseActiveAfterMs",
                    1500,
                    "serverActiveAfterMs",
                    2000)));
  }

  @Test
  void aGpuProjectGetsAGpuNodeWithACudaImageAndTeardownLeavesNothing() {
    JsonNode accepted = create(Map.of("repositoryUrl", repository("ml-gpu")), 202);
    String id = accepted.path("id").asText();

    JsonNode env = awaitState(id, "READY");

    assertThat(env.path("steps").findValuesAsText("status")).containsOnly("DONE").hasSize(10);
    assertThat(
            env.path("requirements").path("gpu_required").asBoolean()
                || env.path("requirements").path("gpuRequired").asBoolean())
        .isTrue();
    assertThat(env.path("image").path("name").asText()).contains("CUDA");
    assertThat(env.path("nodeType").asText()).startsWith("gpu_");
    assertThat(sources(env)).containsEntry("requirements", "MODEL");
    assertThat(env.path("lease").path("status").asText()).isEqualTo("ACTIVE");
    assertThat(env.path("lease").path("reservationId").asText())
        .isNotBlank()
        .isNotEqualTo(env.path("lease").path("id").asText());
    assertThat(env.path("server").path("status").asText()).isEqualTo("ACTIVE");
    assertThat(env.path("floatingIp").asText()).isNotBlank();
    assertThat(env.path("sshConnection").asText())
        .isEqualTo("ssh ubuntu@" + env.path("floatingIp").asText());

    JsonNode state = alice.get(provisioner("/api/v1/environments/" + id + "/state.json")).json();
    assertThat(state.path("server_id").asText()).isEqualTo(env.path("server").path("id").asText());
    assertThat(state.path("reservation_id").asText())
        .isEqualTo(env.path("lease").path("reservationId").asText());
    assertThat(state.path("network_id").asText()).isNotBlank();

    Http.Answer key = alice.get(provisioner("/api/v1/environments/" + id + "/private-key"));
    assertThat(key.status()).isEqualTo(200);
    assertThat(key.raw().body()).contains("PRIVATE KEY");
    assertThat(alice.get(provisioner("/api/v1/environments/" + id + "/private-key")).status())
        .isEqualTo(410);

    JsonNode operation =
        alice.get(provisioner("/api/v1/operations/" + env.path("operationId").asText())).json();
    assertThat(operation.path("kind").asText()).isEqualTo("environment");
    assertThat(operation.path("status").asText()).isEqualTo("succeeded");
    assertThat(operation.path("percentComplete").asInt()).isEqualTo(100);

    assertThat(resourcesOf(id)).isNotEmpty();
    assertThat(alice.delete(provisioner("/api/v1/environments/" + id)).status()).isEqualTo(202);
    awaitState(id, "TORN_DOWN");
    assertThat(resourcesOf(id)).isEmpty();
    // a second delete changes nothing
    assertThat(alice.delete(provisioner("/api/v1/environments/" + id)).status()).isEqualTo(202);
    assertThat(alice.get(provisioner("/api/v1/environments/" + id)).json().path("state").asText())
        .isEqualTo("TORN_DOWN");
  }

  @Test
  void theSchedulersOperationsListShowsEnvironmentsBesideTestRuns() {
    String id = create(Map.of("repositoryUrl", repository("cpu-only")), 202).path("id").asText();
    JsonNode env = awaitState(id, "READY");
    String operationId = env.path("operationId").asText();
    JsonNode listed =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    alice
                        .get(
                            stack.url(SCHEDULER)
                                + "/api/v1/operations?$filter="
                                + java.net.URLEncoder.encode(
                                    "kind eq 'environment' and status eq 'succeeded'",
                                    java.nio.charset.StandardCharsets.UTF_8)
                                + "&$top=1000")
                        .json()
                        .path("value"),
                value -> value.findValuesAsText("id").contains(operationId));
    assertThat(listed.findValuesAsText("kind")).containsOnly("environment");
    alice.delete(provisioner("/api/v1/environments/" + id));
    awaitState(id, "TORN_DOWN");
  }

  @Test
  void aCpuProjectGetsAComputeNodeAndTheRulesWhenTheModelFailsEachWay() {
    // failure point 2, a different way per decision: down, garbage, too slow, refusing
    behaviour("requirements", "error");
    behaviour("image_candidates", "garbage");
    behaviour("image_choice", "timeout");
    behaviour("lease_duration", "refuse");
    String id = create(Map.of("repositoryUrl", repository("cpu-only")), 202).path("id").asText();

    JsonNode env = awaitState(id, "READY");

    assertThat(sources(env))
        .containsEntry("requirements", "RULE")
        .containsEntry("image_candidates", "RULE")
        .containsEntry("image_choice", "RULE")
        .containsEntry("lease_duration", "RULE");
    assertThat(reasons(env).get("requirements")).contains("model unavailable");
    assertThat(reasons(env).get("image_candidates")).contains("rejected");
    assertThat(reasons(env).get("image_choice")).contains("timeout");
    assertThat(reasons(env).get("lease_duration")).contains("refused");
    assertThat(env.path("durationHours").asInt()).isEqualTo(24);
    assertThat(env.path("nodeType").asText()).startsWith("compute_");
    assertThat(env.path("image").path("name").asText()).startsWith("CC-").doesNotContain("CUDA");
    teardown(id);
  }

  @Test
  void aModelAnsweringGarbageIsOverruledByTheRules() {
    Http.anonymous()
        .put(sim("/sim/ai/behaviour"), Http.json(Map.of("decision", "*", "mode", "out-of-range")));
    String id = create(Map.of("repositoryUrl", repository("ml-gpu")), 202).path("id").asText();

    JsonNode env = awaitState(id, "READY");

    assertThat(sources(env))
        .containsEntry("image_choice", "RULE")
        .containsEntry("lease_duration", "RULE");
    assertThat(reasons(env).get("image_choice")).contains("rejected");
    assertThat(env.path("image").path("name").asText()).contains("CUDA");
    assertThat(env.path("durationHours").asInt()).isBetween(1, 168);
    teardown(id);
  }

  @Test
  void failurePoint1_aRepositoryThatCannotBeClonedFailsWithAdvice() {
    String id =
        create(Map.of("repositoryUrl", stack.url(SIMULATORS) + "/git/no-such-repository.git"), 202)
            .path("id")
            .asText();

    JsonNode env = awaitState(id, "FAILED");

    assertThat(env.path("failure").asText()).containsIgnoringCase("check the URL");
    assertThat(stepStatus(env, "clone")).isEqualTo("FAILED");
    assertThat(stepStatus(env, "lease")).isEqualTo("SKIPPED");
    assertThat(resourcesOf(id)).isEmpty();
  }

  @Test
  void failurePoint3_noFreeHostsFailsClearlyAndLeavesNothing() {
    fault("no-hosts");
    String id = create(Map.of("repositoryUrl", repository("cpu-only")), 202).path("id").asText();

    JsonNode env = awaitState(id, "FAILED");

    assertThat(env.path("failure").asText()).contains("hosts").contains("another node type");
    assertThat(stepStatus(env, "lease")).isEqualTo("FAILED");
    assertThat(resourcesOf(id)).isEmpty();
  }

  @Test
  void failurePoint4_aLeaseStuckPendingFailsAfterTheLimitAndIsDeleted() {
    fault("lease-stuck-pending");
    String id = create(Map.of("repositoryUrl", repository("cpu-only")), 202).path("id").asText();

    JsonNode env = awaitState(id, "FAILED");

    assertThat(env.path("failure").asText()).contains("PENDING").contains("after");
    assertThat(resourcesOf(id)).isEmpty();
  }

  @Test
  void failurePoint5_aServerInErrorFailsWithItsFaultAndReleasesTheLease() {
    fault("server-error");
    String id = create(Map.of("repositoryUrl", repository("cpu-only")), 202).path("id").asText();

    JsonNode env = awaitState(id, "FAILED");

    assertThat(env.path("failure").asText()).contains("ERROR");
    assertThat(stepStatus(env, "server")).isEqualTo("FAILED");
    assertThat(resourcesOf(id)).isEmpty();
  }

  @Test
  void failurePoint6_aServerStuckBuildingFailsAndIsCleanedUp() {
    fault("server-stuck-build");
    String id = create(Map.of("repositoryUrl", repository("cpu-only")), 202).path("id").asText();

    JsonNode env = awaitState(id, "FAILED");

    assertThat(env.path("failure").asText()).contains("BUILD").contains("after");
    assertThat(resourcesOf(id)).isEmpty();
  }

  @Test
  void failurePoint7_noFloatingIpContinuesWithAWarning() {
    fault("no-floating-ips");
    String id = create(Map.of("repositoryUrl", repository("cpu-only")), 202).path("id").asText();

    JsonNode env = awaitState(id, "READY");

    assertThat(env.path("warnings").toString()).contains("without a floating IP");
    assertThat(env.has("floatingIp")).isFalse();
    assertThat(env.path("sshConnection").asText()).endsWith("@" + env.path("fixedIp").asText());
    teardown(id);
  }

  @Test
  void cancellingTheOperationMidProvisioningStopsAndCleansUp() {
    fault("lease-stuck-pending");
    String id = create(Map.of("repositoryUrl", repository("ml-gpu")), 202).path("id").asText();
    JsonNode waiting =
        await().atMost(READY).until(() -> environment(id), e -> e.path("lease").has("id"));
    String operationId = waiting.path("operationId").asText();

    assertThat(alice.delete(provisioner("/api/v1/operations/" + operationId)).status())
        .isEqualTo(202);

    JsonNode env = awaitState(id, "CANCELLED");
    assertThat(stepStatus(env, "server")).isEqualTo("SKIPPED");
    assertThat(resourcesOf(id)).isEmpty();
    JsonNode operation = alice.get(provisioner("/api/v1/operations/" + operationId)).json();
    assertThat(operation.path("status").asText()).isEqualTo("cancelled");
  }

  @Test
  void aKillWhileTheLeaseIsAwaitedResumesWithTheSameLease() throws Exception {
    Http.anonymous()
        .put(
            sim("/sim/openstack/timings"),
            Http.json(Map.of("leaseActiveAfterMs", 5000, "serverActiveAfterMs", 1000)));
    String id = create(Map.of("repositoryUrl", repository("cpu-only")), 202).path("id").asText();
    String leaseId =
        await()
            .atMost(READY)
            .until(() -> environment(id), e -> e.path("lease").has("id"))
            .path("lease")
            .path("id")
            .asText();

    stack.kill(PROVISIONER);
    stack.restart(PROVISIONER);

    JsonNode env = awaitState(id, "READY");
    assertThat(env.path("lease").path("id").asText()).isEqualTo(leaseId);
    JsonNode all = Http.anonymous().get(sim("/sim/openstack/resources")).json();
    long leasesOfIt = 0;
    for (JsonNode lease : all.path("leases")) {
      if (lease.path("name").asText().contains(id)) {
        leasesOfIt++;
      }
    }
    assertThat(leasesOfIt).isEqualTo(1);
    teardown(id);
  }

  @Test
  void theReconcilerRemovesPlantedLeaks() {
    String leaked = "leaked-" + StackClient.shortId();
    for (String kind : List.of("server", "lease", "floating-ip")) {
      Http.Answer planted =
          Http.anonymous()
              .post(
                  sim("/sim/openstack/plant"),
                  Http.json(Map.of("kind", kind, "environment", leaked)));
      assertThat(planted.status()).as(planted.raw().body()).isEqualTo(201);
    }
    assertThat(resourcesOf(leaked)).hasSizeGreaterThanOrEqualTo(3);

    Http.Session admin = Http.as(stack.token("admin"));
    Http.Answer first = admin.post(provisioner("/api/v1/admin/reconcile"), "");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().path("servers")).hasSize(1);
    assertThat(first.json().path("floatingIps")).hasSize(1);
    // the lease of a server deleted in this pass is left for the next one, not cut from under it
    assertThat(first.json().path("leases")).isEmpty();
    Http.Answer second = admin.post(provisioner("/api/v1/admin/reconcile"), "");
    assertThat(second.json().path("leases")).hasSizeGreaterThanOrEqualTo(1);

    assertThat(resourcesOf(leaked)).isEmpty();
    assertThat(
            Http.as(stack.token("alice")).post(provisioner("/api/v1/admin/reconcile"), "").status())
        .isEqualTo(403);
  }

  @Test
  void theSameRequestSentTwiceWithItsIdempotencyKeyMakesOneEnvironment() {
    String key = "twice-" + java.util.UUID.randomUUID();
    String body = Http.json(Map.of("repositoryUrl", repository("empty")));
    Map<String, String> keyed = Map.of("Idempotency-Key", key);
    int before = environmentsOf(alice);

    Http.Answer first = alice.post(provisioner("/api/v1/environments"), body, keyed);
    Http.Answer again = alice.post(provisioner("/api/v1/environments"), body, keyed);

    assertThat(first.status()).as(first.raw().body()).isEqualTo(202);
    String id = first.json().path("id").asText();
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.json().path("id").asText()).isEqualTo(id);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    // the answer made inside the request's transaction shows the times a read returns
    JsonNode read = alice.get(provisioner("/api/v1/environments/" + id)).json();
    assertThat(first.json().path("createdAt")).isEqualTo(read.path("createdAt"));
    assertThat(again.header("Operation-Location")).isEqualTo(first.header("Operation-Location"));
    assertThat(again.header("Location"))
        .isEqualTo(first.header("Location"))
        .endsWith("/api/v1/environments/" + id);
    // the same key for another request is refused and makes nothing
    Http.Answer other =
        alice.post(
            provisioner("/api/v1/environments"),
            Http.json(Map.of("repositoryUrl", repository("ml-gpu"))),
            keyed);
    assertThat(other.status()).isEqualTo(422);
    assertThat(other.header("Content-Type")).startsWith("application/problem+json");
    // bob's key is his own: the same key and body make him his own environment
    Http.Answer bobs =
        Http.as(stack.token("bob")).post(provisioner("/api/v1/environments"), body, keyed);
    assertThat(bobs.status()).isEqualTo(202);
    assertThat(bobs.json().path("id").asText()).isNotEqualTo(id);

    assertThat(environmentsOf(alice)).isEqualTo(before + 1);
    awaitState(id, "READY");
    teardown(id);
    String bobsId = bobs.json().path("id").asText();
    assertThat(
            Http.as(stack.token("bob"))
                .delete(provisioner("/api/v1/environments/" + bobsId))
                .status())
        .isEqualTo(202);
  }

  @Test
  void anotherOwnersEnvironmentIsNotFoundAndBadRequestsChangeNothing() {
    String id = create(Map.of("repositoryUrl", repository("empty")), 202).path("id").asText();
    Http.Session bob = Http.as(stack.token("bob"));
    assertThat(bob.get(provisioner("/api/v1/environments/" + id)).status()).isEqualTo(404);
    assertThat(bob.delete(provisioner("/api/v1/environments/" + id)).status()).isEqualTo(404);

    Http.Answer badDuration =
        alice.post(
            provisioner("/api/v1/environments"),
            Http.json(Map.of("repositoryUrl", repository("ml-gpu"), "durationHours", 500)));
    assertThat(badDuration.status()).isEqualTo(400);
    assertThat(badDuration.header("Content-Type")).startsWith("application/problem+json");
    assertThat(badDuration.json().path("detail").asText()).contains("durationHours");

    Http.Answer local =
        alice.post(
            provisioner("/api/v1/environments"),
            Http.json(Map.of("repositoryUrl", "file:///etc/passwd")));
    assertThat(local.status()).isEqualTo(422);
    Http.Answer anonymous =
        Http.anonymous()
            .post(provisioner("/api/v1/environments"), Http.json(Map.of("repositoryUrl", "x")));
    assertThat(anonymous.status()).isEqualTo(401);

    awaitState(id, "READY");
    JsonNode ready = alice.get(provisioner("/api/v1/environments?state=READY&$top=1000")).json();
    assertThat(ready.path("value").findValuesAsText("id")).contains(id);
    List<String> states = new ArrayList<>();
    ready.path("value").forEach(e -> states.add(e.path("state").asText()));
    assertThat(states).containsOnly("READY");
    assertThat(
            bob.get(provisioner("/api/v1/environments?$top=1000"))
                .json()
                .path("value")
                .findValuesAsText("id"))
        .doesNotContain(id);
    assertThat(alice.get(provisioner("/api/v1/environments?state=NOWHERE")).status())
        .isEqualTo(400);
    teardown(id);
  }

  @Test
  void anEnvironmentAskedForByEventIsMadeOnceAndReportsEachStepByEvent() throws Exception {
    String id = java.util.UUID.randomUUID().toString();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("environmentId", id);
    data.put("owner", "alice");
    data.put("repositoryUrl", repository("cpu-only"));
    data.put("durationHours", 3);
    String request = event("dev.gort.environment.requested.v1", id, data);
    try (dev.gort.testsupport.KafkaTestClient kafka =
        new dev.gort.testsupport.KafkaTestClient(stack.kafkaBootstrap())) {
      kafka.publish("gort.environments.requested", id, request);
      // the same event again, and a second request for the same environment: one environment
      kafka.publish("gort.environments.requested", id, request);
      kafka.publish(
          "gort.environments.requested", id, event("dev.gort.environment.requested.v1", id, data));

      JsonNode env = awaitState(id, "READY");
      assertThat(env.path("owner").asText()).isEqualTo("alice");
      assertThat(env.path("durationHours").asInt()).isEqualTo(3);
      assertThat(sources(env)).containsEntry("lease_duration", "OVERRIDE");

      List<JsonNode> statuses =
          await()
              .atMost(Duration.ofSeconds(20))
              .until(
                  () ->
                      EventLog.eventsAbout(stack.kafkaBootstrap(), "gort.environments.status", id),
                  events ->
                      events.stream()
                          .anyMatch(e -> e.path("data").path("state").asText().equals("READY")));
      List<Long> sequences = new ArrayList<>();
      List<String> states = new ArrayList<>();
      for (JsonNode status : statuses) {
        sequences.add(status.path("data").path("sequence").asLong());
        states.add(status.path("data").path("state").asText());
      }
      assertThat(sequences).isSorted().doesNotHaveDuplicates();
      assertThat(states).startsWith("REQUESTED", "PROVISIONING").endsWith("READY");
      assertThat(states.stream().filter("REQUESTED"::equals).count()).isEqualTo(1);

      Map<String, Object> cancel = new LinkedHashMap<>();
      cancel.put("environmentId", id);
      cancel.put("owner", "alice");
      cancel.put("requestedBy", "alice");
      kafka.publish(
          "gort.environments.requested",
          id,
          event("dev.gort.environment.cancel-requested.v1", id, cancel));
      awaitState(id, "TORN_DOWN");
      assertThat(resourcesOf(id)).isEmpty();
    }
  }

  @Test
  void keyPairNamesAreEachOwnersOwnSoNoOwnerCanPutAKeyOnAnothersServer() throws Exception {
    String name = "st-key-" + StackClient.shortId();
    String alicesKey = publicKey();
    String bobsKey = publicKey();
    String a1 =
        create(
                Map.of(
                    "repositoryUrl", repository("empty"), "keyName", name, "publicKey", alicesKey),
                202)
            .path("id")
            .asText();
    JsonNode first = awaitState(a1, "READY");
    Http.Session bob = Http.as(stack.token("bob"));
    Http.Answer bobs =
        bob.post(
            provisioner("/api/v1/environments"),
            Http.json(
                Map.of(
                    "repositoryUrl", repository("empty"), "keyName", name, "publicKey", bobsKey)));
    assertThat(bobs.status()).isEqualTo(202);
    String b1 = bobs.json().path("id").asText();
    JsonNode bobsEnv =
        await()
            .atMost(READY)
            .until(
                () -> bob.get(provisioner("/api/v1/environments/" + b1)).json(),
                e -> e.path("state").asText().equals("READY"));
    // the same name, two owners: two key pairs in the cloud, each with its owner's key
    assertThat(bobsEnv.path("keyPair").path("name").asText())
        .endsWith("-" + name)
        .isNotEqualTo(first.path("keyPair").path("name").asText());
    // alice's name with another key is refused, not silently used
    String a2 =
        create(
                Map.of("repositoryUrl", repository("empty"), "keyName", name, "publicKey", bobsKey),
                202)
            .path("id")
            .asText();
    assertThat(awaitState(a2, "FAILED").path("failure").asText())
        .contains("exists with another public key");
    teardown(a1);
    assertThat(bob.delete(provisioner("/api/v1/environments/" + b1)).status()).isEqualTo(202);
    await()
        .atMost(READY)
        .until(
            () -> bob.get(provisioner("/api/v1/environments/" + b1)).json().path("state").asText(),
            "TORN_DOWN"::equals);
  }

  /** A fresh OpenSSH ed25519 public key line. */
  private static String publicKey() throws Exception {
    java.security.KeyPair pair =
        java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    byte[] encoded = pair.getPublic().getEncoded();
    // X.509 SubjectPublicKeyInfo of Ed25519: the last 32 bytes are the key
    byte[] key = java.util.Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();
    java.io.DataOutputStream out = new java.io.DataOutputStream(wire);
    byte[] type = "ssh-ed25519".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    out.writeInt(type.length);
    out.write(type);
    out.writeInt(key.length);
    out.write(key);
    return "ssh-ed25519 "
        + java.util.Base64.getEncoder().encodeToString(wire.toByteArray())
        + " st@gort";
  }

  private static String event(String type, String subject, Map<String, Object> data)
      throws Exception {
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("specversion", "1.0");
    envelope.put("id", java.util.UUID.randomUUID().toString());
    envelope.put("source", "/gort/system-tests");
    envelope.put("type", type);
    envelope.put("time", java.time.Instant.now().toString());
    envelope.put("subject", subject);
    envelope.put("datacontenttype", "application/json");
    envelope.put("data", data);
    return Http.JSON.writeValueAsString(envelope);
  }

  // --- helpers ---

  private static JsonNode create(Map<String, Object> body, int expected) {
    Http.Answer a = alice.post(provisioner("/api/v1/environments"), Http.json(body));
    assertThat(a.status()).as(a.raw().body()).isEqualTo(expected);
    assertThat(a.header("Operation-Location")).contains("/api/v1/operations/");
    return a.json();
  }

  private static int environmentsOf(Http.Session owner) {
    return owner.get(provisioner("/api/v1/environments?$top=1000")).json().path("value").size();
  }

  private static JsonNode environment(String id) {
    return alice.get(provisioner("/api/v1/environments/" + id)).json();
  }

  private static JsonNode awaitState(String id, String state) {
    return await()
        .atMost(READY)
        .pollInterval(Duration.ofMillis(300))
        .until(
            () -> environment(id),
            e -> {
              String now = e.path("state").asText();
              if (!now.equals(state) && isFinal(now)) {
                throw new AssertionError("environment ended " + now + ", not " + state + ": " + e);
              }
              return now.equals(state);
            });
  }

  private static boolean isFinal(String state) {
    return List.of("FAILED", "CANCELLED", "TORN_DOWN").contains(state);
  }

  private static void teardown(String id) {
    assertThat(alice.delete(provisioner("/api/v1/environments/" + id)).status()).isEqualTo(202);
    awaitState(id, "TORN_DOWN");
    assertThat(resourcesOf(id)).isEmpty();
  }

  private static String stepStatus(JsonNode env, String step) {
    for (JsonNode s : env.path("steps")) {
      if (s.path("step").asText().equals(step)) {
        return s.path("status").asText();
      }
    }
    throw new AssertionError("no step " + step + " in " + env);
  }

  private static Map<String, String> sources(JsonNode env) {
    Map<String, String> sources = new LinkedHashMap<>();
    env.path("decisions")
        .forEach(d -> sources.put(d.path("name").asText(), d.path("source").asText()));
    return sources;
  }

  private static Map<String, String> reasons(JsonNode env) {
    Map<String, String> reasons = new LinkedHashMap<>();
    env.path("decisions")
        .forEach(d -> reasons.put(d.path("name").asText(), d.path("reason").asText()));
    return reasons;
  }

  /** What the simulated cloud holds that carries the environment's tag or name. */
  private static List<JsonNode> resourcesOf(String environmentId) {
    JsonNode all = Http.anonymous().get(sim("/sim/openstack/resources")).json();
    List<JsonNode> found = new ArrayList<>();
    for (String type : List.of("servers", "leases", "floatingIps", "keyPairs")) {
      for (JsonNode r : all.path(type)) {
        if (r.toString().contains(environmentId) && !gone(r)) {
          found.add(r);
        }
      }
    }
    return found;
  }

  private static boolean gone(JsonNode resource) {
    String status = resource.path("status").asText("");
    return status.equals("DELETED") || status.equals("TERMINATED");
  }

  private static void behaviour(String decision, String mode) {
    Http.Answer a =
        Http.anonymous()
            .put(sim("/sim/ai/behaviour"), Http.json(Map.of("decision", decision, "mode", mode)));
    assertThat(a.status()).isBetween(200, 204);
  }

  private static void fault(String name) {
    Http.Answer a =
        Http.anonymous().put(sim("/sim/openstack/faults"), Http.json(Map.of("fault", name)));
    assertThat(a.status()).isBetween(200, 204);
  }

  private static String repository(String name) {
    return stack.url(SIMULATORS) + "/git/" + name + ".git";
  }

  private static String sim(String path) {
    return stack.url(SIMULATORS) + path;
  }

  private static String provisioner(String path) {
    return stack.url(PROVISIONER) + path;
  }
}
