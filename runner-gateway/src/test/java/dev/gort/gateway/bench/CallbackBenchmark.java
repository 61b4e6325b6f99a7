package dev.gort.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gort.gateway.attempt.CallbackToken;
import dev.gort.gateway.testing.GatewayTestBase;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a test: how many runner callbacks the gateway accepts a second, and their latency
 * at a steady {@code gort.bench.rate} (500/s) for {@code gort.bench.seconds} (20 s), for each way a
 * runner signs them: GitHub's HMAC-SHA256 webhooks ({@code X-Hub-Signature-256}, one URL for every
 * run) and TuxSuite's ECDSA P-256 signatures ({@code x-tux-payload-signature}, a URL per attempt).
 * Each callback is a real report of a dispatched attempt: verified, matched to its attempt, stored
 * with its {@code RunCompleted} in the outbox (the relay publishes to the test broker).
 *
 * <p>Run with {@code ./mvnw -pl runner-gateway -am verify -Dtest=CallbackBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false} (targets on the 2-core machine: p99 ≤ 20 ms for HMAC, ≤
 * 25 ms for ECDSA).
 */
@QuarkusTest
@TestProfile(BenchmarkProfile.class)
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(value = TuxSuiteKeyServer.class, restrictToAnnotatedClass = true)
class CallbackBenchmark extends GatewayTestBase {

  private static final int RATE = Integer.getInteger("gort.bench.rate", 500);
  private static final int SECONDS = Integer.getInteger("gort.bench.seconds", 20);
  private static final int WARM_UP = Integer.getInteger("gort.bench.warm-up", 60000);
  private static final int FLAT_OUT = Integer.getInteger("gort.bench.flat-out", 6000);
  private static final AtomicLong JOB_IDS = new AtomicLong(40_000_000_000L);

  @TestHTTPResource("/")
  URI gateway;

  @Test
  void gitHubWebhooks() throws Exception {
    measure(new GitHubDeliveries());
  }

  @Test
  void tuxSuiteCallbacks() throws Exception {
    measure(new TuxSuiteDeliveries(TuxSuiteKeyServer.KEY));
  }

  private void measure(Deliveries deliveries) throws Exception {
    String name = deliveries.runner() + " (" + deliveries.signature() + ")";
    try (SteadyLoad client = new SteadyLoad(gateway.getHost(), gateway.getPort())) {
      measure(deliveries, name, client);
    }
  }

  private void measure(Deliveries deliveries, String name, SteadyLoad client) throws Exception {
    // closed-loop warm-up: a cold JVM answers slowly, and open-loop load would pile up a backlog
    // that the steady phase then starts behind
    SteadyLoad.Result warmUp = client.flatOut(requests(deliveries, WARM_UP), 8);
    System.out.printf("callbacks %s, warm-up: %s%n", name, warmUp.summary());

    List<SteadyLoad.Call> steady = requests(deliveries, RATE * SECONDS);
    Instant steadyStart = Instant.now();
    SteadyLoad.Result load = client.at(steady, RATE);
    System.out.printf(
        "callbacks %s at a steady %d/s (%s to %s): %s%n",
        name, RATE, steadyStart, Instant.now(), load.summary());

    List<SteadyLoad.Call> flatOut = requests(deliveries, FLAT_OUT);
    Instant flatOutStart = Instant.now();
    SteadyLoad.Result most = client.flatOut(flatOut, 16);
    System.out.printf(
        "callbacks %s flat out (16 senders, %s to %s): %.0f accepted/s; %s%n",
        name,
        flatOutStart,
        Instant.now(),
        most.count(202) / (most.elapsed().toNanos() / 1e9),
        most.summary());

    // a request the client never sent is the client's fault, not the gateway's; more than one in a
    // thousand would make the numbers meaningless
    long unsent = load.count(SteadyLoad.NOT_SENT);
    assertThat(unsent)
        .as("requests the load client never sent")
        .isLessThanOrEqualTo(steady.size() / 1000);
    assertThat(load.count(202))
        .as("every callback sent accepted")
        .isEqualTo(steady.size() - unsent);
    // every 202 was stored; a callback whose answer never reached the client may have been too
    long accepted = warmUp.count(202) + load.count(202) + most.count(202);
    long unanswered =
        warmUp.count(SteadyLoad.NO_ANSWER)
            + load.count(SteadyLoad.NO_ANSWER)
            + most.count(SteadyLoad.NO_ANSWER);
    assertThat(
            harness.number(
                "SELECT count(*) FROM dispatch_attempt WHERE runner = ? AND state = 'CALLED_BACK'",
                deliveries.runner()))
        .isBetween(accepted, accepted + unanswered);
  }

  /** {@code count} dispatched attempts of the runner, each with the callback that reports it. */
  private List<SteadyLoad.Call> requests(Deliveries deliveries, int count) throws Exception {
    List<SteadyLoad.Call> requests = new ArrayList<>(count);
    Instant now = Instant.now();
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                "INSERT INTO dispatch_attempt (id, run_id, attempt, runner, kind, experiment,"
                    + " revision, max_attempts, state, runner_job_id, deadline, next_try_at,"
                    + " created_at, dispatched_at, owner, callback_token_sha256, handovers)"
                    + " VALUES (?, ?, 1, ?, 'test', 'bench', 'rev-1', 1, 'DISPATCHED', ?, ?, ?,"
                    + " ?, ?, 'alice', ?, 1)")) {
      c.setAutoCommit(false);
      for (int i = 0; i < count; i++) {
        Seeded attempt =
            new Seeded(
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                deliveries.jobId(JOB_IDS.incrementAndGet()),
                CallbackToken.generate());
        insert.setString(1, attempt.id());
        insert.setString(2, attempt.runId());
        insert.setString(3, deliveries.runner());
        insert.setString(4, attempt.jobId());
        insert.setTimestamp(5, Timestamp.from(now.plus(Duration.ofHours(1))));
        insert.setTimestamp(6, Timestamp.from(now.plus(Duration.ofHours(1))));
        insert.setTimestamp(7, Timestamp.from(now));
        insert.setTimestamp(8, Timestamp.from(now));
        insert.setString(9, CallbackToken.hash(attempt.token()));
        insert.addBatch();
        requests.add(deliveries.request(attempt));
        if (i % 1000 == 999) {
          insert.executeBatch();
        }
      }
      insert.executeBatch();
      c.commit();
    }
    return requests;
  }

  /** An attempt seeded as dispatched: its ids and the token its callback URL carries. */
  record Seeded(String id, String runId, String jobId, String token) {}

  /** How one runner's callbacks look and are signed. */
  interface Deliveries {
    String runner();

    String signature();

    /** The runner's job id from a unique number. */
    String jobId(long n);

    /** The runner's report that {@code attempt}'s job finished, signed. */
    SteadyLoad.Call request(Seeded attempt) throws Exception;
  }
}
