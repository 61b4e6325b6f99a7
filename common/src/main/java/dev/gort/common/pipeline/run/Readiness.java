package dev.gort.common.pipeline.run;

import dev.gort.common.pipeline.JobSpec;
import dev.gort.common.pipeline.PipelineSpec;
import dev.gort.common.pipeline.StepState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a step's preconditions hold (it is due), may still come to hold, or never can.
 *
 * <p>A job no link names is due when everything it needs has settled well (succeeded, skipped for a
 * cause other than a failed need, or failed as allowed), and can never be due once a need settled
 * badly. A job that links name runs only when one of them fires, and the link that fires decides
 * what its needs must be: after an {@code on_success} link, settled well as above; after an {@code
 * on_failure} link, merely ended, however they ended, because a clean-up or remediation job exists
 * to run after failures (with "settled well", a clean-up in a later stage than the job it cleans up
 * after could never run). It can never be due once neither route can happen any more.
 */
final class Readiness {

  enum Kind {
    DUE,
    NOT_YET,
    NEVER
  }

  record Verdict(Kind kind, SkipCause cause, String reason) {
    static final Verdict DUE = new Verdict(Kind.DUE, null, null);
    static final Verdict NOT_YET = new Verdict(Kind.NOT_YET, null, null);
  }

  private record Link(String source, boolean onFailure) {}

  private final Map<String, Step> steps;
  private final Map<String, List<String>> needs = new LinkedHashMap<>();
  private final Map<String, List<Link>> linksTo = new LinkedHashMap<>();

  Readiness(PipelineSpec spec, Map<String, Step> steps) {
    this.steps = steps;
    for (JobSpec job : spec.jobs().values()) {
      needs.put(job.name(), effectiveNeeds(spec, job));
      linksTo.put(job.name(), new ArrayList<>());
    }
    for (JobSpec job : spec.jobs().values()) {
      for (String target : job.onSuccess()) {
        linksTo.get(target).add(new Link(job.name(), false));
      }
      for (String target : job.onFailure()) {
        linksTo.get(target).add(new Link(job.name(), true));
      }
    }
  }

  /** {@code needs} as given, or (absent) every job of every earlier stage, in file order. */
  static List<String> effectiveNeeds(PipelineSpec spec, JobSpec job) {
    if (job.needs() != null) {
      return job.needs();
    }
    int stage = spec.stages().indexOf(job.stage());
    List<String> earlier = new ArrayList<>();
    for (JobSpec other : spec.jobs().values()) {
      if (spec.stages().indexOf(other.stage()) < stage) {
        earlier.add(other.name());
      }
    }
    return earlier;
  }

  Verdict of(String job) {
    Step badNeed = null;
    boolean allWell = true;
    boolean allEnded = true;
    for (String name : needs.get(job)) {
      Step need = steps.get(name);
      allWell &= need.settledWell();
      allEnded &= need.isFinal();
      if (badNeed == null && need.settledBadly()) {
        badNeed = need;
      }
    }
    List<Link> links = linksTo.get(job);
    if (links.isEmpty()) {
      if (badNeed != null) {
        return needFailed(badNeed);
      }
      return allWell ? Verdict.DUE : Verdict.NOT_YET;
    }
    boolean successFired = false;
    boolean failureFired = false;
    boolean successPossible = false;
    boolean failurePossible = false;
    for (Link link : links) {
      Step source = steps.get(link.source());
      boolean fired = fired(link, source);
      boolean possible = fired || !source.isFinal();
      if (link.onFailure()) {
        failureFired |= fired;
        failurePossible |= possible;
      } else {
        successFired |= fired;
        successPossible |= possible;
      }
    }
    if ((successFired && allWell) || (failureFired && allEnded)) {
      return Verdict.DUE;
    }
    if ((successPossible && badNeed == null) || failurePossible) {
      return Verdict.NOT_YET;
    }
    if (badNeed != null) {
      return needFailed(badNeed);
    }
    return new Verdict(
        Kind.NEVER, SkipCause.LINK_NOT_FIRED, "no link to it fired: " + ended(links));
  }

  private static boolean fired(Link link, Step source) {
    return link.onFailure()
        ? source.state() == StepState.FAILED
        : source.state() == StepState.SUCCEEDED;
  }

  private static Verdict needFailed(Step need) {
    String how = need.state() == StepState.FAILED ? "failed" : "was skipped";
    return new Verdict(Kind.NEVER, SkipCause.NEED_FAILED, "needs " + need.job() + ", which " + how);
  }

  private String ended(List<Link> links) {
    List<String> parts = new ArrayList<>();
    for (Link link : links) {
      Step source = steps.get(link.source());
      String part = source.job() + " " + source.state().wireName();
      if (!parts.contains(part)) {
        parts.add(part);
      }
    }
    return String.join(", ", parts);
  }
}
