package dev.gort.scheduler.pipeline;

import dev.gort.common.event.Envelope;
import dev.gort.common.event.RunEvents.CancelRequested;
import dev.gort.common.event.RunEvents.RunRequested;
import dev.gort.common.event.Topics;
import dev.gort.common.outbox.Outbox;
import dev.gort.common.pipeline.JobSpec;
import dev.gort.common.pipeline.PipelineJson;
import dev.gort.common.pipeline.PipelineSpec;
import dev.gort.common.pipeline.run.ActionOutcome;
import dev.gort.common.pipeline.run.AdvanceOutcome;
import dev.gort.common.pipeline.run.Dispatch;
import dev.gort.common.pipeline.run.JobResult;
import dev.gort.common.pipeline.run.PipelineEngine;
import dev.gort.common.pipeline.run.ResultOutcome;
import dev.gort.common.pipeline.run.RunOptions;
import dev.gort.common.pipeline.run.RunStatus;
import dev.gort.common.pipeline.run.StepAction;
import dev.gort.common.pipeline.run.StepAttempt;
import dev.gort.common.pipeline.run.StepMessage;
import dev.gort.common.pipeline.run.StepSelector;
import dev.gort.common.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A pipeline run's changes (issue 13), each in one transaction: the run's row is loaded {@code FOR
 * UPDATE}, the engine restored from it decides, and its steps, status and the events it owes
 * ({@code RunRequested} per job to run, {@code CancelRequested} per job to halt) are saved together
 * through the outbox. Nothing here calls out: the gateway gets its work from the outbox.
 */
@ApplicationScoped
public class PipelineRuns {

  static final String SOURCE = "/gort/scheduler-service/pipelines";
  private static final Logger LOG = Logger.getLogger(PipelineRuns.class);

  @Inject Outbox outbox;
  @Inject Clock clock;
  @Inject EntityManager entities;
  @Inject PipelineConfig config;

  /** What a new run is asked for, once its pipeline is valid and its runners checked. */
  public record NewRun(
      PipelineSpec spec,
      String experiment,
      String repository,
      String commit,
      boolean start,
      boolean pauseOnFailure) {}

  /** Stores a new run numbered after the pipeline's last one and, if asked, starts it. */
  @Transactional
  public PipelineRunView create(NewRun request, Caller caller) {
    return create(request, caller, caller.name());
  }

  /**
   * Like {@link #create(NewRun, Caller)}, the run owned by {@code owner} (a test run's: the
   * experiment's owner; null is nobody's, which only operators reach).
   */
  @Transactional
  public PipelineRunView create(NewRun request, Caller caller, String owner) {
    return create(request, caller.name(), owner);
  }

  /**
   * Like {@link #create(NewRun, Caller, String)}, requested by {@code requestedBy} rather than a
   * caller (a scheduled test run: the scheduler), who the start in the run's history names. Joins
   * the caller's transaction.
   */
  @Transactional
  public PipelineRunView create(NewRun request, String requestedBy, String owner) {
    Instant now = clock.instant();
    PipelineRun run = new PipelineRun();
    run.id = UUID.randomUUID().toString();
    run.operationId = UUID.randomUUID().toString();
    run.pipeline = request.spec().name();
    run.number = nextNumber(run.pipeline);
    run.owner = owner;
    run.experiment = request.experiment();
    run.repository = request.repository();
    run.commit = request.commit();
    run.specJson = PipelineJson.toJson(request.spec());
    run.maxParallel = config.maxParallel();
    run.pauseOnFailure = request.pauseOnFailure();
    run.createdAt = now;
    PipelineEngine engine =
        PipelineEngine.create(request.spec(), new RunOptions(run.maxParallel, run.pauseOnFailure));
    if (request.start()) {
      engine.apply(StepAction.START, StepSelector.ALL, false, requestedBy, null, now);
    }
    run.save(engine, now);
    run.persist();
    run.flush();
    advance(run, engine, now);
    LOG.infof(
        "pipeline run %s (%s #%d) created by %s", run.id, run.pipeline, run.number, requestedBy);
    return view(run, engine);
  }

  /** Numbers count per pipeline name; the lock makes concurrent creations take turns. */
  private int nextNumber(String pipeline) {
    entities
        .createNativeQuery("SELECT pg_advisory_xact_lock(hashtext('pipeline_run:' || ?1))")
        .setParameter(1, pipeline)
        .getSingleResult();
    Number last =
        (Number)
            entities
                .createNativeQuery(
                    "SELECT COALESCE(MAX(number), 0) FROM pipeline_run WHERE pipeline = ?1")
                .setParameter(1, pipeline)
                .getSingleResult();
    return last.intValue() + 1;
  }

  /** What a step action did (or would do, in a dry run). */
  public record ActionAnswer(ActionOutcome outcome, boolean dryRun) {}

  /**
   * Applies {@code action} to the steps {@code selector} picks of run {@code id}, then dispatches
   * whatever became due and halts what the action stops. A dry run changes nothing.
   *
   * @return empty when there is no such run, or it is not the caller's
   */
  @Transactional
  public Optional<ActionAnswer> act(
      String id,
      Caller caller,
      StepAction action,
      StepSelector selector,
      boolean dryRun,
      String message) {
    Optional<PipelineRun> found = PipelineRun.findForUpdate(id).filter(r -> mayAct(caller, r));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    PipelineRun run = found.get();
    Instant now = clock.instant();
    PipelineEngine engine = run.engine();
    ActionOutcome outcome = engine.apply(action, selector, dryRun, caller.name(), message, now);
    if (!dryRun && !outcome.changed().isEmpty()) {
      halt(run, engine, outcome.toHalt(), action.wireName() + " by " + caller.name(), now);
      run.save(engine, now);
      advance(run, engine, now);
      LOG.infof(
          "pipeline run %s: %s by %s changed %s",
          run.id, action.wireName(), caller.name(), outcome.changed());
    }
    return Optional.of(new ActionAnswer(outcome, dryRun));
  }

  /** What a cancel found and did. */
  public record Cancellation(PipelineRunView run, boolean alreadyFinished) {}

  /**
   * Cancels the run of operation {@code operationId}: every step not final is skipped and every
   * running job halted. Idempotent: a cancelled run stays as it is.
   *
   * @return empty when there is no such operation, or it is not the caller's
   */
  @Transactional
  public Optional<Cancellation> cancel(String operationId, Caller caller) {
    Optional<PipelineRun> found =
        PipelineRun.byOperationForUpdate(operationId).filter(r -> mayAct(caller, r));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    PipelineRun run = found.get();
    PipelineEngine engine = run.engine();
    if (run.status.isFinal()) {
      return Optional.of(new Cancellation(view(run, engine), run.status != RunStatus.CANCELLED));
    }
    Instant now = clock.instant();
    String reason = "cancelled by " + caller.name();
    ActionOutcome outcome = engine.cancel(caller.name(), false, now);
    halt(run, engine, outcome.toHalt(), reason, now);
    run.summary = reason;
    run.save(engine, now);
    LOG.infof("pipeline run %s cancelled by %s", run.id, caller.name());
    return Optional.of(new Cancellation(view(run, engine), false));
  }

  /**
   * Applies how attempt {@code dispatch} ended, then dispatches what became due. A result the run
   * already has (a second delivery, a result after a halt) changes nothing more.
   */
  public void onResult(PipelineDispatch dispatch, JobResult result, Instant at) {
    Optional<PipelineRun> found = PipelineRun.findForUpdate(dispatch.runId);
    if (found.isEmpty()) {
      LOG.debugf("dispatch %s: its pipeline run %s is gone", dispatch.id, dispatch.runId);
      return;
    }
    PipelineRun run = found.get();
    PipelineEngine engine = run.engine();
    Instant now = clock.instant();
    ResultOutcome outcome = engine.onResult(dispatch.job, dispatch.attempt, result, now);
    if (!outcome.changedAnything()) {
      LOG.debugf("pipeline run %s: result of %s ignored: %s", run.id, dispatch.id, outcome);
      return;
    }
    run.save(engine, now);
    advance(run, engine, now);
  }

  /** The run {@code id}, if the caller may see it. */
  @Transactional
  public Optional<PipelineRun> find(String id, Caller caller) {
    return PipelineRun.<PipelineRun>findByIdOptional(id).filter(r -> mayAct(caller, r));
  }

  @Transactional
  public Optional<PipelineRunView> findByOperation(String operationId, Caller caller) {
    return PipelineRun.byOperation(operationId)
        .filter(r -> mayAct(caller, r))
        .map(r -> view(r, r.engine()));
  }

  /** The run's engine as saved, for reads (steps, context), if the caller may see it. */
  @Transactional
  public Optional<PipelineEngine> engine(String id, Caller caller) {
    return find(id, caller).map(PipelineRun::engine);
  }

  /**
   * The steps {@code selector} picks (on which {@code allowing} is allowed now, unless null), in
   * pipeline order, if the caller may see the run.
   */
  @Transactional
  public Optional<List<StepView>> steps(
      String id, Caller caller, StepSelector selector, StepAction allowing) {
    return find(id, caller)
        .map(
            run -> {
              PipelineEngine engine = run.engine();
              Set<String> selected = new HashSet<>();
              (allowing == null ? engine.select(selector) : engine.select(selector, allowing))
                  .forEach(step -> selected.add(step.job()));
              return PipelineRunView.steps(engine, PipelineDispatch.ofRun(run.id)).stream()
                  .filter(step -> selected.contains(step.id()))
                  .toList();
            });
  }

  @Transactional
  public Optional<PipelineRunView> view(String id, Caller caller) {
    return find(id, caller).map(r -> view(r, r.engine()));
  }

  /** Runs matching the filters that are not null ({@code owner} too), latest first. */
  @Transactional
  public List<PipelineRunView> list(
      String owner,
      String pipeline,
      RunStatus status,
      String experiment,
      String repository,
      String commit,
      int skip,
      int limit) {
    StringBuilder query = new StringBuilder("1 = 1");
    Map<String, Object> parameters = new HashMap<>();
    filter(query, parameters, "owner", owner);
    filter(query, parameters, "pipeline", pipeline);
    filter(query, parameters, "status", status);
    filter(query, parameters, "experiment", experiment);
    filter(query, parameters, "repository", repository);
    filter(query, parameters, "commit", commit);
    return PipelineRun.<PipelineRun>find(query + " order by createdAt desc, id desc", parameters)
        .range(skip, skip + limit - 1)
        .list()
        .stream()
        .map(PipelineRunView::brief)
        .toList();
  }

  private static void filter(
      StringBuilder query, Map<String, Object> parameters, String field, Object value) {
    if (value != null) {
      query.append(" and ").append(field).append(" = :").append(field);
      parameters.put(field, value);
    }
  }

  PipelineRunView view(PipelineRun run, PipelineEngine engine) {
    return PipelineRunView.of(run, engine, PipelineDispatch.ofRun(run.id));
  }

  private static boolean mayAct(Caller caller, PipelineRun run) {
    return caller.mayActFor(run.owner);
  }

  /**
   * Lets the engine move every step whose preconditions now hold and owes a {@code RunRequested}
   * for each job it dispatched.
   */
  private void advance(PipelineRun run, PipelineEngine engine, Instant now) {
    AdvanceOutcome outcome = engine.advance(now);
    if (!outcome.changedAnything()) {
      return;
    }
    for (Dispatch dispatch : outcome.dispatched()) {
      request(
          run,
          engine.spec().jobs().get(dispatch.job()),
          dispatch.attempt(),
          engine.step(dispatch.job()).messages(),
          now);
    }
    run.save(engine, now);
  }

  private void request(
      PipelineRun run, JobSpec job, int attempt, List<StepMessage> messages, Instant now) {
    PipelineDispatch dispatch = new PipelineDispatch();
    dispatch.id = UUID.randomUUID().toString();
    dispatch.runId = run.id;
    dispatch.job = job.name();
    dispatch.attempt = attempt;
    dispatch.runner = job.runner();
    dispatch.requestedAt = now;
    dispatch.lastActionAt = now;
    dispatch.persist();
    outbox.add(
        Topics.RUNS_REQUESTED, Envelope.of(SOURCE, requested(run, job, dispatch, messages), now));
  }

  /** The job's {@code RunRequested}: one attempt per dispatch, its own retry policy re-runs it. */
  private static RunRequested requested(
      PipelineRun run, JobSpec job, PipelineDispatch dispatch, List<StepMessage> messages) {
    return new RunRequested(
        dispatch.id,
        run.experiment == null ? run.pipeline : run.experiment,
        // runners take a revision of 1 to 200 visible characters; without a commit the run
        // names itself
        run.commit == null ? run.pipeline + "#" + run.number : run.commit,
        run.owner,
        "",
        job.runner(),
        1,
        job.kind(),
        PipelineJobSettings.of(
            run.pipeline,
            run.number,
            run.id,
            job,
            dispatch.attempt,
            run.commit,
            run.repository,
            messages));
  }

  /**
   * Sends the dispatch's {@code RunRequested} again under a new event id (a stall nudge): the
   * gateway dispatches nothing twice and answers with its latest events about it. Within the
   * caller's transaction, the run locked.
   */
  void requestAgain(
      PipelineRun run, PipelineEngine engine, PipelineDispatch dispatch, Instant now) {
    dispatch.nudges++;
    dispatch.lastActionAt = now;
    JobSpec job = engine.spec().jobs().get(dispatch.job);
    List<StepMessage> messages = engine.step(dispatch.job).messages();
    outbox.add(
        Topics.RUNS_REQUESTED, Envelope.of(SOURCE, requested(run, job, dispatch, messages), now));
  }

  /**
   * Ends an attempt no result came for as {@code result} (a stall give-up), asks the gateway to
   * halt whatever of it may still run, and dispatches what became due (a retry). Within the
   * caller's transaction, the run locked.
   */
  void giveUp(PipelineDispatch dispatch, JobResult result, Instant now) {
    dispatch.finishedAt = now;
    dispatch.haltRequestedAt = now;
    outbox.add(
        Topics.RUNS_CANCEL_REQUESTED,
        Envelope.of(SOURCE, new CancelRequested(dispatch.id, result.reason()), now));
    onResult(dispatch, result, now);
  }

  private void halt(
      PipelineRun run, PipelineEngine engine, List<String> jobs, String reason, Instant now) {
    for (String job : jobs) {
      StepAttempt last = engine.step(job).lastAttempt();
      if (last == null) {
        continue;
      }
      Optional<PipelineDispatch> dispatch = PipelineDispatch.of(run.id, job, last.number());
      if (dispatch.isEmpty()) {
        LOG.warnf(
            "pipeline run %s: no dispatch of %s attempt %d to halt", run.id, job, last.number());
        continue;
      }
      dispatch.get().haltRequestedAt = now;
      outbox.add(
          Topics.RUNS_CANCEL_REQUESTED,
          Envelope.of(SOURCE, new CancelRequested(dispatch.get().id, reason), now));
    }
  }
}
