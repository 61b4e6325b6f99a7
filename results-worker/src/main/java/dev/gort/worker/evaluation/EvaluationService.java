package dev.gort.worker.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gort.common.causality.CausalClock;
import dev.gort.common.event.Envelope;
import dev.gort.common.event.Outcome;
import dev.gort.common.event.RunEvents.RunCompleted;
import dev.gort.common.event.RunEvents.RunEvaluated;
import dev.gort.common.event.Topics;
import dev.gort.common.inbox.Inbox;
import dev.gort.common.outbound.FetchedBody;
import dev.gort.common.outbox.Outbox;
import dev.gort.common.web.Untrusted;
import dev.gort.worker.config.WorkerConfig;
import dev.gort.worker.kcidb.KcidbSubmission;
import dev.gort.worker.report.Report;
import dev.gort.worker.report.ReportTestCases;
import dev.gort.worker.results.ParsedResults;
import dev.gort.worker.results.ResultsReader;
import dev.gort.worker.results.UnprocessableResultsException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Evaluates the results of a completed run (seed 000, "results processing error"): fetch and judge,
 * one retry when that fails, and an infrastructure failure when the retry fails too.
 */
@ApplicationScoped
public class EvaluationService {

  static final String SOURCE = "/gort/results-worker";
  static final String CONSUMER = "results-worker.completed";
  private static final Logger LOG = Logger.getLogger(EvaluationService.class);

  @Inject Inbox inbox;
  @Inject CausalClock causalClock;
  @Inject Outbox outbox;
  @Inject Clock clock;
  @Inject ResultsFetcher fetcher;
  @Inject ResultsReader reader;
  @Inject ReportTestCases testCases;
  @Inject WorkerConfig config;
  @Inject ObjectMapper json;

  /**
   * Evaluates a completed run once. A {@code RunCompleted} for an attempt already evaluated (the
   * gateway publishes it again when the scheduler asks after a lost event) is not evaluated twice:
   * its verdict is published again.
   */
  public void handle(Envelope event) {
    if (!(event.data() instanceof RunCompleted completed)) {
      return;
    }
    if (inbox.alreadyProcessed(CONSUMER, event.id())) {
      return;
    }
    if (republish(event, completed)) {
      return;
    }
    Evaluation evaluation = evaluate(completed);
    store(event, completed, evaluation);
  }

  /** Publishes the stored verdict again when this attempt was already evaluated. */
  @Transactional
  boolean republish(Envelope event, RunCompleted completed) {
    Report report = Report.<Report>find("runId", completed.runId()).firstResult();
    if (report == null || report.attempt != completed.attempt()) {
      return false;
    }
    if (inbox.firstDelivery(CONSUMER, event.id())) {
      causalClock.receive(completed.runId(), event.clock());
      outbox.add(Topics.RESULTS_EVALUATED, verdict(event, completed, report));
      LOG.infof(
          "run %s attempt %d already evaluated (%s): verdict published again",
          completed.runId(), completed.attempt(), report.outcome);
    }
    return true;
  }

  private Envelope verdict(Envelope cause, RunCompleted completed, Report report) {
    return Envelope.causedBy(
        cause,
        SOURCE,
        new RunEvaluated(
            completed.runId(), completed.attempt(), report.outcome, report.summary, report.id),
        clock.instant());
  }

  Evaluation evaluate(RunCompleted completed) {
    switch (completed.status()) {
      case TIMEOUT:
        return Evaluation.withoutResults(
            Outcome.TIMED_OUT,
            "attempt " + completed.attempt() + " timed out and no attempts were left");
      case INFRA_FAILURE:
        return Evaluation.withoutResults(
            Outcome.CANCELLED,
            completed.detail() == null
                ? "the runner reported an infrastructure failure"
                : "infrastructure failure: " + completed.detail());
      case CANCELLED:
        return Evaluation.withoutResults(Outcome.CANCELLED, "the runner cancelled the job");
      default:
        return evaluateResults(completed);
    }
  }

  private Evaluation evaluateResults(RunCompleted completed) {
    String lastError = "no results URL";
    int attempts = Math.max(1, config.processingAttempts());
    for (int i = 1; i <= attempts; i++) {
      try {
        if (completed.resultsUrl() == null) {
          throw new UnprocessableResultsException("the runner gave no results URL", null);
        }
        FetchedBody document = fetcher.fetch(completed.runner(), completed.resultsUrl());
        return Evaluator.evaluate(reader.read(document::stream));
      } catch (UnprocessableResultsException | RuntimeException e) {
        // whatever goes wrong with the results is a processing error: retried, then INFRA_FAILED
        // the reason reaches the owner: bounded and escaped, no class names
        lastError =
            e instanceof UnprocessableResultsException && e.getMessage() != null
                ? Untrusted.escape(e.getMessage(), 300)
                : "unexpected error";
        LOG.warnf(
            "run %s: processing try %d of %d failed: %s",
            completed.runId(), i, attempts, Untrusted.forLog(e.toString()));
        if (i < attempts && !pause()) {
          break;
        }
      }
    }
    return Evaluation.withoutResults(
        Outcome.INFRA_FAILED, "results could not be processed: " + lastError);
  }

  @Transactional
  void store(Envelope event, RunCompleted completed, Evaluation evaluation) {
    if (!inbox.firstDelivery(CONSUMER, event.id())) {
      return;
    }
    // the verdict is stamped after the report it judges
    causalClock.receive(completed.runId(), event.clock());
    Report report = Report.<Report>find("runId", completed.runId()).firstResult();
    if (report == null) {
      report = new Report();
      report.id = UUID.randomUUID().toString();
      report.runId = completed.runId();
    }
    report.attempt = completed.attempt();
    report.runner = completed.runner();
    report.experiment = completed.experiment();
    report.owner = completed.owner();
    report.outcome = evaluation.outcome();
    report.summary = evaluation.summary();
    report.resultsUrl = completed.resultsUrl();
    report.createdAt = clock.instant();
    record(report, evaluation);
    report.persist();
    testCases.replace(
        report.id, evaluation.results() == null ? List.of() : evaluation.results().cases());
    if (evaluation.results() != null
        && config.kcidb().submitUrl().isPresent()
        && KcidbSubmission.findById(report.id) == null) {
      KcidbSubmission.due(report.id, clock.instant()).persist();
    }
    outbox.add(Topics.RESULTS_EVALUATED, verdict(event, completed, report));
    LOG.infof(
        "run %s evaluated: %s (%s)", completed.runId(), evaluation.outcome(), evaluation.summary());
  }

  private void record(Report report, Evaluation evaluation) {
    ParsedResults results = evaluation.results();
    TestCounts counts =
        evaluation.counts() == null ? TestCounts.of(List.of()) : evaluation.counts();
    report.format = results == null ? null : results.format().code();
    report.total = counts.total();
    report.passed = counts.passed();
    report.failed = counts.failed();
    report.errors = counts.errors();
    report.skipped = counts.skipped();
    report.missed = counts.missed();
    report.flaky = counts.flaky();
    report.durationMs = counts.durationMs();
    report.problemsJson = results == null ? null : toJson(results.problems());
    report.buildsJson = results == null ? null : toJson(results.builds());
    report.failuresJson = results == null ? null : toJson(evaluation.failures());
  }

  private String toJson(List<?> values) {
    try {
      return json.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean pause() {
    try {
      Thread.sleep(config.processingRetryDelay().toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
