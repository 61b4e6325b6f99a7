package dev.gort.common.pipeline.run;

import dev.gort.common.pipeline.JobSpec;
import dev.gort.common.pipeline.PipelineSpec;
import dev.gort.common.pipeline.StepState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A pipeline run's decisions (contract 13, "Run semantics"): which steps to dispatch, wait for
 * input or skip; what a job result does; what a step action does; the run's derived status. Pure:
 * no I/O, no clock (time comes in as {@code now}); the caller carries out what it returns (send
 * jobs to runners, halt jobs) and persists the {@link #steps()}. Every list it returns is in
 * pipeline (file) order.
 *
 * <p>Decisions where the contract is silent:
 *
 * <ul>
 *   <li>{@code apply} never dispatches; the caller calls {@link #advance} afterwards (a resumed,
 *       rerun or messaged step goes to {@code WAITING} and is dispatched from there, so the {@code
 *       maxParallel} limit holds for it too). send-message therefore leads to {@code WAITING}, not
 *       straight to {@code RUNNING}.
 *   <li>An {@code input} prompt is asked once per step: a step that has received a message is not
 *       asked again when it is retried or rerun.
 *   <li>A step marked to skip while marked to pause keeps its job running (skip halts nothing);
 *       when the result comes it is recorded and the step is {@code SKIPPED} by the user. Its job
 *       keeps a {@code maxParallel} slot until then.
 *   <li>A step marked to skip whose needs failed is skipped as a failed-need skip (its dependents
 *       are skipped too), not as a user skip, which would let them run.
 *   <li>Cancel of a run whose status is already final changes nothing; cancel is recorded in the
 *       steps themselves ({@link SkipCause#CANCELLED}), so the status survives a reload.
 *   <li>{@code NOT_STARTED} also covers steps marked to skip before the start; a run that is none
 *       of running, final or not started waits for its user (a step paused, interrupted, waiting
 *       for input, or blocked behind one, or left {@code READY} by {@code start=false}).
 * </ul>
 */
public final class PipelineEngine {

  private final PipelineSpec spec;
  private final RunOptions options;
  private final Map<String, Step> steps;
  private final Readiness readiness;

  private PipelineEngine(PipelineSpec spec, RunOptions options, List<Step> steps) {
    this.spec = spec;
    this.options = options;
    this.steps = new LinkedHashMap<>();
    Map<String, Step> byJob = new LinkedHashMap<>();
    for (Step step : steps) {
      if (byJob.put(step.job(), step) != null) {
        throw new IllegalArgumentException("two steps for job " + step.job());
      }
    }
    for (String job : spec.jobs().keySet()) {
      Step step = byJob.remove(job);
      if (step == null) {
        throw new IllegalArgumentException("no step for job " + job);
      }
      this.steps.put(job, step);
    }
    if (!byJob.isEmpty()) {
      throw new IllegalArgumentException("steps for jobs the pipeline lacks: " + byJob.keySet());
    }
    checkReferences(spec);
    this.readiness = new Readiness(spec, this.steps);
  }

  /** A new run: every step {@code READY}. */
  public static PipelineEngine create(PipelineSpec spec, RunOptions options) {
    List<Step> steps = new ArrayList<>();
    for (String job : spec.jobs().keySet()) {
      steps.add(Step.ready(job));
    }
    return new PipelineEngine(spec, options, steps);
  }

  /** A run as it was saved: one step per job of {@code spec}, changed in place from now on. */
  public static PipelineEngine restore(PipelineSpec spec, RunOptions options, List<Step> steps) {
    return new PipelineEngine(spec, options, steps);
  }

  public PipelineSpec spec() {
    return spec;
  }

  public RunOptions options() {
    return options;
  }

  /** The live steps, in pipeline order. */
  public List<Step> steps() {
    return List.copyOf(steps.values());
  }

  public Step step(String job) {
    Step step = steps.get(job);
    if (step == null) {
      throw new IllegalArgumentException("no step " + job);
    }
    return step;
  }

  /** Steps the selector matches, in pipeline order. */
  public List<Step> select(StepSelector selector) {
    List<Step> selected = new ArrayList<>();
    for (Step step : steps.values()) {
      if (selector.matches(step, spec.jobs().get(step.job()))) {
        selected.add(step);
      }
    }
    return selected;
  }

  /** Steps the selector matches on which {@code action} is allowed now (seed 001's filter). */
  public List<Step> select(StepSelector selector, StepAction allowing) {
    List<Step> selected = new ArrayList<>();
    for (Step step : select(selector)) {
      if (allows(step, allowing)) {
        selected.add(step);
      }
    }
    return selected;
  }

  public Set<StepAction> allowedActions(String job) {
    Step step = step(job);
    Set<StepAction> allowed = EnumSet.noneOf(StepAction.class);
    for (StepAction action : StepAction.values()) {
      if (allows(step, action)) {
        allowed.add(action);
      }
    }
    return allowed;
  }

  public boolean isFlaky(String job) {
    return step(job).isFlaky();
  }

  /**
   * Moves every step whose preconditions now hold: skips those that can never run (and, in turn,
   * what only they held back), then, in pipeline order, asks for input or dispatches within {@code
   * maxParallel}. Call it after creating or restoring a run, after a result and after an action.
   */
  public AdvanceOutcome advance(Instant now) {
    List<SkippedStep> skipped = skipUnreachable();
    List<Dispatch> dispatched = new ArrayList<>();
    List<String> waitingForInput = new ArrayList<>();
    int running = runningCount();
    for (Step step : steps.values()) {
      if (step.state() != StepState.WAITING
          || readiness.of(step.job()).kind() != Readiness.Kind.DUE) {
        continue;
      }
      if (needsInput(step)) {
        fire(step, StepTrigger.INPUT_REQUESTED);
        waitingForInput.add(step.job());
      } else if (options.hasRoomFor(running)) {
        int attempt = step.attemptCount() + 1;
        step.addAttempt(StepAttempt.started(attempt, now));
        fire(step, StepTrigger.DISPATCHED);
        dispatched.add(new Dispatch(step.job(), attempt));
        running++;
      }
    }
    List<String> order = new ArrayList<>(steps.keySet());
    skipped.sort(Comparator.comparingInt(s -> order.indexOf(s.job())));
    return new AdvanceOutcome(dispatched, waitingForInput, skipped);
  }

  /**
   * Applies the result of attempt {@code attempt} of {@code job}'s step. Idempotent: a result for
   * an attempt that already has one, or that the step is not running, changes nothing and the
   * outcome says why; a result for a halted attempt is only recorded in its history.
   */
  public ResultOutcome onResult(String job, int attempt, JobResult result, Instant now) {
    Step step = steps.get(job);
    if (step == null) {
      return new ResultOutcome(ResultOutcome.Handling.UNKNOWN_JOB, null, "no step " + job);
    }
    if (attempt < 1 || attempt > step.attemptCount()) {
      return new ResultOutcome(
          ResultOutcome.Handling.STALE, step.state(), "no attempt " + attempt + " of " + job);
    }
    StepAttempt target = step.attempts().get(attempt - 1);
    if (target.hasResult()) {
      return new ResultOutcome(
          ResultOutcome.Handling.DUPLICATE,
          step.state(),
          "attempt " + attempt + " of " + job + " already has a result");
    }
    if (target.interrupted() || attempt != step.attemptCount()) {
      step.replaceAttempt(target.finished(result, now));
      return new ResultOutcome(
          ResultOutcome.Handling.RECORDED_ONLY,
          step.state(),
          "attempt " + attempt + " of " + job + " had been halted");
    }
    if (!step.hasOpenAttempt() || !isRunning(step)) {
      return new ResultOutcome(
          ResultOutcome.Handling.STALE, step.state(), job + " is " + step.state().wireName());
    }
    step.replaceAttempt(target.finished(result, now));
    if (step.state() == StepState.MARKED_TO_PAUSE) {
      step.holdResult(result);
      fire(step, StepTrigger.RESULT_HELD);
    } else if (step.state() == StepState.MARKED_TO_SKIP) {
      step.skip(SkipCause.BY_USER, step.skipReason());
      fire(step, StepTrigger.SKIP_REACHED);
    } else {
      route(step, result);
    }
    return new ResultOutcome(ResultOutcome.Handling.APPLIED, step.state(), null);
  }

  /**
   * Applies a step action to the selected steps (all of them when the selector is empty). A dry run
   * works on a copy: the same answer, nothing changed.
   *
   * @param actor who asked, for skip reasons and messages
   * @param message the message of send-message; ignored by the other actions
   */
  public ActionOutcome apply(
      StepAction action,
      StepSelector selector,
      boolean dryRun,
      String actor,
      String message,
      Instant now) {
    if (dryRun) {
      return copy().apply(action, selector, false, actor, message, now);
    }
    List<String> changed = new ArrayList<>();
    List<Refusal> refused = new ArrayList<>();
    List<String> toHalt = new ArrayList<>();
    for (Step step : select(selector)) {
      if (!allows(step, action)) {
        refused.add(new Refusal(step.job(), step.state(), StepRefusals.reason(action, step)));
      } else if (action == StepAction.SEND_MESSAGE && message == null) {
        refused.add(new Refusal(step.job(), step.state(), "send-message needs a message"));
      } else {
        perform(action, step, actor, message, now, toHalt);
        changed.add(step.job());
      }
    }
    for (String id : selector.ids()) {
      if (!steps.containsKey(id)) {
        refused.add(new Refusal(id, null, "no such step"));
      }
    }
    return new ActionOutcome(changed, refused, toHalt);
  }

  /**
   * Cancels the run: every step not yet final is {@code SKIPPED}, and the jobs still running are
   * returned to halt. A run whose status is already final is left as it is (nothing changed).
   */
  public ActionOutcome cancel(String actor, boolean dryRun, Instant now) {
    if (dryRun) {
      return copy().cancel(actor, false, now);
    }
    List<String> changed = new ArrayList<>();
    List<String> toHalt = new ArrayList<>();
    if (status().isFinal()) {
      return new ActionOutcome(changed, List.of(), toHalt);
    }
    for (Step step : steps.values()) {
      if (step.isFinal()) {
        continue;
      }
      if (step.hasOpenAttempt()) {
        step.replaceAttempt(step.lastAttempt().halted());
        toHalt.add(step.job());
      }
      step.skip(SkipCause.CANCELLED, "cancelled by " + actor);
      fire(step, StepTrigger.CANCEL);
      changed.add(step.job());
    }
    return new ActionOutcome(changed, List.of(), toHalt);
  }

  /**
   * The run's status, derived from its steps: {@code CANCELLED} after a cancel; {@code RUNNING}
   * while a job runs or a step is due (or due to be skipped); {@code SUCCEEDED}/{@code FAILED} once
   * every step is final (failed when one failed without being allowed to); {@code NOT_STARTED}
   * while every step is {@code READY}; otherwise {@code WAITING_FOR_USER}.
   */
  public RunStatus status() {
    boolean allFinal = true;
    boolean failed = false;
    boolean notStarted = true;
    boolean cancelled = false;
    boolean moving = false;
    for (Step step : steps.values()) {
      cancelled |= step.skipCause() == SkipCause.CANCELLED;
      allFinal &= step.isFinal();
      failed |= step.state() == StepState.FAILED && !step.allowedFailure();
      notStarted &= step.state() == StepState.READY || markedBeforeStart(step);
      moving |=
          isRunning(step)
              || (isReachable(step) && readiness.of(step.job()).kind() != Readiness.Kind.NOT_YET);
    }
    if (cancelled) {
      return RunStatus.CANCELLED;
    }
    if (moving) {
      return RunStatus.RUNNING;
    }
    if (allFinal) {
      return failed ? RunStatus.FAILED : RunStatus.SUCCEEDED;
    }
    return notStarted ? RunStatus.NOT_STARTED : RunStatus.WAITING_FOR_USER;
  }

  /** The run's context for {@code GET …/context}: a snapshot, unaffected by later changes. */
  public RunContext context() {
    Map<String, RunContext.StepContext> contexts = new LinkedHashMap<>();
    for (Step step : steps.values()) {
      contexts.put(
          step.job(),
          new RunContext.StepContext(step.state(), lastExitCode(step), step.messages()));
    }
    return new RunContext(spec.name(), contexts);
  }

  private PipelineEngine copy() {
    List<Step> copies = new ArrayList<>();
    for (Step step : steps.values()) {
      copies.add(step.copy());
    }
    return new PipelineEngine(spec, options, copies);
  }

  private void perform(
      StepAction action,
      Step step,
      String actor,
      String message,
      Instant now,
      List<String> toHalt) {
    StepState from = step.state();
    StepState to = StepLifecycle.MACHINE.next(from, action.trigger(), step);
    switch (action) {
      case START:
        if (from == StepState.MARKED_TO_SKIP) {
          step.startWhileMarked();
        }
        break;
      case INTERRUPT:
        halt(step, toHalt);
        break;
      case RESUME:
        if (from == StepState.PAUSED && step.hasPendingResult()) {
          JobResult held = step.pendingResult();
          step.holdResult(null);
          step.moveTo(to);
          route(step, held);
          return;
        }
        break;
      case RERUN:
        if (from == StepState.MARKED_TO_PAUSE) {
          halt(step, toHalt);
        }
        step.holdResult(null);
        break;
      case SKIP:
        if (to == StepState.SKIPPED) {
          step.skip(SkipCause.BY_USER, "skipped by " + actor);
        } else {
          step.markToSkip(from, "skipped by " + actor);
        }
        break;
      case UNSKIP:
        step.unmarkSkip();
        break;
      case SEND_MESSAGE:
        step.receive(new StepMessage(actor, message, now));
        break;
      default:
        break;
    }
    if (to == StepState.FAILED) {
      step.allowFailure(false);
    }
    step.moveTo(to);
  }

  private void halt(Step step, List<String> toHalt) {
    if (step.hasOpenAttempt()) {
      step.replaceAttempt(step.lastAttempt().halted());
      toHalt.add(step.job());
    }
  }

  private void route(Step step, JobResult result) {
    JobSpec job = spec.jobs().get(step.job());
    StepTrigger trigger =
        ResultRouting.route(job, step.attemptCount(), result, options.pauseOnFailure());
    step.allowFailure(trigger == StepTrigger.FAILED_ALLOWED);
    fire(step, trigger);
  }

  /** Skips, until nothing more changes, the steps that can never run or were marked and reached. */
  private List<SkippedStep> skipUnreachable() {
    List<SkippedStep> skipped = new ArrayList<>();
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Step step : steps.values()) {
        if (!isReachable(step)) {
          continue;
        }
        Readiness.Verdict verdict = readiness.of(step.job());
        if (verdict.kind() == Readiness.Kind.NEVER) {
          step.skip(verdict.cause(), verdict.reason());
          fire(step, StepTrigger.NEVER_DUE);
        } else if (verdict.kind() == Readiness.Kind.DUE
            && step.state() == StepState.MARKED_TO_SKIP) {
          step.skip(SkipCause.BY_USER, step.skipReason());
          fire(step, StepTrigger.SKIP_REACHED);
        } else {
          continue;
        }
        skipped.add(new SkippedStep(step.job(), step.skipCause(), step.skipReason()));
        changed = true;
      }
    }
    return skipped;
  }

  /**
   * Waiting steps, and steps marked to skip that would be waiting: the ones execution can reach. A
   * step marked to skip before the run started, or while its job runs, is not reached yet.
   */
  private static boolean isReachable(Step step) {
    if (step.state() == StepState.WAITING) {
      return true;
    }
    return step.state() == StepState.MARKED_TO_SKIP
        && step.markedFrom() != StepState.READY
        && step.markedFrom() != StepState.MARKED_TO_PAUSE;
  }

  private static boolean markedBeforeStart(Step step) {
    return step.state() == StepState.MARKED_TO_SKIP && step.markedFrom() == StepState.READY;
  }

  /** Its job runs at a runner: running, marked to pause, or marked to skip from there. */
  private static boolean isRunning(Step step) {
    StepState state = step.state();
    return state == StepState.RUNNING
        || state == StepState.MARKED_TO_PAUSE
        || (state == StepState.MARKED_TO_SKIP
            && step.markedFrom() == StepState.MARKED_TO_PAUSE
            && step.hasOpenAttempt());
  }

  private int runningCount() {
    int running = 0;
    for (Step step : steps.values()) {
      if (isRunning(step)) {
        running++;
      }
    }
    return running;
  }

  private boolean needsInput(Step step) {
    return spec.jobs().get(step.job()).input() != null && step.messages().isEmpty();
  }

  private static boolean allows(Step step, StepAction action) {
    return StepLifecycle.MACHINE.permits(step.state(), action.trigger(), step);
  }

  private static void fire(Step step, StepTrigger trigger) {
    step.moveTo(StepLifecycle.MACHINE.next(step.state(), trigger, step));
  }

  private static Integer lastExitCode(Step step) {
    List<StepAttempt> attempts = step.attempts();
    for (int i = attempts.size() - 1; i >= 0; i--) {
      if (attempts.get(i).hasResult() && attempts.get(i).result().exitCode() != null) {
        return attempts.get(i).result().exitCode();
      }
    }
    return null;
  }

  private static void checkReferences(PipelineSpec spec) {
    for (JobSpec job : spec.jobs().values()) {
      if (!spec.stages().contains(job.stage())) {
        throw new IllegalArgumentException(job.name() + ": no stage " + job.stage());
      }
      List<String> named = new ArrayList<>(Optional.ofNullable(job.needs()).orElse(List.of()));
      named.addAll(job.onSuccess());
      named.addAll(job.onFailure());
      for (String other : named) {
        if (!spec.jobs().containsKey(other)) {
          throw new IllegalArgumentException(job.name() + ": no job " + other);
        }
      }
    }
  }
}
