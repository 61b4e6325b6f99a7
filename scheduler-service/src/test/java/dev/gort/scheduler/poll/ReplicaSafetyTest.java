package dev.gort.scheduler.poll;

import static dev.gort.scheduler.testing.SourceScript.experiment;
import static dev.gort.scheduler.testing.SourceScript.serve;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gort.scheduler.experiment.SourceExperiment;
import dev.gort.scheduler.poll.ScheduledRuns.Decision;
import dev.gort.scheduler.testing.ExperimentSourceStub;
import dev.gort.scheduler.testing.GatewayStub;
import dev.gort.scheduler.testing.RunTable;
import dev.gort.testsupport.ApiTokens;
import dev.gort.testsupport.GortTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two pollers on one database, as two scheduler replicas would be: however their polls interleave,
 * every revision gets exactly one run. Each thread has its own transactions and connections, as a
 * second process would.
 */
@QuarkusTest
@QuarkusTestResource(GortTestResource.class)
@QuarkusTestResource(ExperimentSourceStub.class)
@QuarkusTestResource(GatewayStub.class)
class ReplicaSafetyTest {

  @BeforeEach
  void signInAsOperator() {
    ApiTokens.callAsOperator();
  }

  private static final int EXPERIMENTS = 6;
  private static final int REVISIONS = 8;
  private static ExecutorService replicas;

  @Inject ExperimentPoller poller;
  @Inject ScheduledRuns scheduled;
  @Inject DataSource db;

  @BeforeAll
  static void startReplicas() {
    replicas = Executors.newFixedThreadPool(2);
  }

  @AfterAll
  static void stopReplicas() {
    replicas.shutdownNow();
  }

  @Test
  void twoPollersPollingTogetherCreateOneRunPerRevision() throws Exception {
    List<String> slugs = new ArrayList<>();
    for (int i = 0; i < EXPERIMENTS; i++) {
      slugs.add(slug());
    }
    int created = 0;
    for (int revision = 1; revision <= REVISIONS; revision++) {
      List<Map<String, Object>> listed = new ArrayList<>();
      for (String slug : slugs) {
        listed.add(experiment(slug, "r" + revision, true));
      }
      serve(listed);
      CyclicBarrier start = new CyclicBarrier(2);
      Callable<PollView> replica =
          () -> {
            start.await(10, TimeUnit.SECONDS);
            return poller.pollOnce();
          };
      Future<PollView> a = replicas.submit(replica);
      Future<PollView> b = replicas.submit(replica);
      PollView pollA = a.get(60, TimeUnit.SECONDS);
      PollView pollB = b.get(60, TimeUnit.SECONDS);

      assertThat(pollA.status()).isEqualTo("SUCCEEDED");
      assertThat(pollB.status()).isEqualTo("SUCCEEDED");
      assertThat(pollA.runsCreated() + pollB.runsCreated())
          .as("runs created for revision r%d by both pollers together", revision)
          .isEqualTo(EXPERIMENTS);
      created += pollA.runsCreated() + pollB.runsCreated();
      for (String slug : slugs) {
        RunTable.finishInTable(db, slug);
      }
    }

    for (String slug : slugs) {
      Map<String, Integer> expected = new HashMap<>();
      for (int revision = 1; revision <= REVISIONS; revision++) {
        expected.put("r" + revision, 1);
      }
      assertThat(RunTable.runsPerRevision(db, slug)).as(slug).isEqualTo(expected);
    }
    assertThat(created).isEqualTo(EXPERIMENTS * REVISIONS);
  }

  @Test
  void concurrentClaimsOfOneRevisionLetExactlyOneCreateTheRun() throws Exception {
    for (int round = 0; round < 20; round++) {
      String slug = slug();
      SourceExperiment experiment =
          new SourceExperiment(
              slug, slug, "owner-" + slug, slug + "@example.com", "r1", true, null);
      CyclicBarrier start = new CyclicBarrier(2);
      Callable<Decision> replica =
          () -> {
            start.await(10, TimeUnit.SECONDS);
            return scheduled.startIfDue(experiment, "poll-" + UUID.randomUUID());
          };
      Future<Decision> a = replicas.submit(replica);
      Future<Decision> b = replicas.submit(replica);

      List<Decision> decisions = List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));

      assertThat(decisions).as(slug).containsOnlyOnce(Decision.CREATED);
      assertThat(decisions)
          .as(slug)
          .containsAnyOf(Decision.CLAIMED_ELSEWHERE, Decision.ALREADY_TESTED, Decision.BUSY);
      assertThat(RunTable.runsPerRevision(db, slug)).as(slug).isEqualTo(Map.of("r1", 1));
    }
  }

  private static String slug() {
    return "exp-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
