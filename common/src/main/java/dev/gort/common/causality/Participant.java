package dev.gort.common.causality;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The fixed ITC participants of Gort, one per service, each with its own part of the interval. The
 * ids come from forking the seed: a fork path reads left to right, {@code L} keeping the left stamp
 * of a {@link Stamp#fork()} and {@code R} the right one.
 *
 * <pre>
 * seed 1
 * ├─ L (1,0)
 * │  ├─ LL  ((1,0),0)          scheduler-service
 * │  └─ LR  ((0,1),0)
 * │     ├─ LRL ((0,(1,0)),0)   runner-gateway
 * │     └─ LRR ((0,(0,1)),0)   results-worker
 * └─ R (0,1)
 *    ├─ RL  (0,(1,0))
 *    │  ├─ RLL (0,((1,0),0))   notification-service
 *    │  └─ RLR (0,((0,1),0))   provisioner-service
 *    └─ RR  (0,(0,1))          reserved: forked further for services to come
 * </pre>
 *
 * <p>A service is one participant, however many replicas it runs: replicas serialise per subject
 * through the subject's row in their shared database ({@link CausalClock} locks it for the whole
 * transaction), so for each subject a service's events form one sequence, as one participant's do.
 * Ids are never reassigned: a new service takes a part of {@link #RESERVED_PATH}.
 */
public enum Participant {
  SCHEDULER_SERVICE("scheduler-service", "LL"),
  RUNNER_GATEWAY("runner-gateway", "LRL"),
  RESULTS_WORKER("results-worker", "LRR"),
  NOTIFICATION_SERVICE("notification-service", "RLL"),
  PROVISIONER_SERVICE("provisioner-service", "RLR");

  /** The fork path of the part of the interval no service owns yet. */
  public static final String RESERVED_PATH = "RR";

  private final String applicationName;
  private final String forkPath;
  private final Stamp seed;

  Participant(String applicationName, String forkPath) {
    this.applicationName = applicationName;
    this.forkPath = forkPath;
    this.seed = forkedSeed(forkPath);
  }

  /**
   * The participant of the service whose {@code quarkus.application.name} is {@code
   * applicationName}.
   *
   * @throws IllegalArgumentException for a name that is no Gort service
   */
  public static Participant named(String applicationName) {
    for (Participant p : values()) {
      if (p.applicationName.equals(applicationName)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "'"
            + applicationName
            + "' is not an ITC participant; the participants are "
            + Arrays.stream(values())
                .map(Participant::applicationName)
                .collect(Collectors.joining(", ")));
  }

  /** The seed stamp reached by forking along {@code path} ({@code L} and {@code R}). */
  static Stamp forkedSeed(String path) {
    Stamp stamp = Stamp.seed();
    for (char step : path.toCharArray()) {
      Stamp.Fork fork = stamp.fork();
      stamp =
          switch (step) {
            case 'L' -> fork.left();
            case 'R' -> fork.right();
            default -> throw new IllegalArgumentException("fork path step " + step);
          };
    }
    return stamp;
  }

  public String applicationName() {
    return applicationName;
  }

  public String forkPath() {
    return forkPath;
  }

  public IdTree id() {
    return seed.id();
  }

  /** This participant's starting stamp for a subject: its own id, no events seen. */
  public Stamp seed() {
    return seed;
  }
}
