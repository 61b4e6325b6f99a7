package dev.gort.console.environments;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/v1/environments/{id}} of the provisioner: where the environment is, its ten
 * steps, the decisions taken and what was made in the cloud.
 */
public record Environment(
    String id,
    String operationId,
    String owner,
    String requestedBy,
    String state,
    String step,
    int percentComplete,
    String failure,
    List<String> warnings,
    Repository repository,
    Map<String, Object> requirements,
    List<Decision> decisions,
    Image image,
    String nodeType,
    Integer durationHours,
    KeyPair keyPair,
    Network network,
    Lease lease,
    Server server,
    String fixedIp,
    String floatingIp,
    String sshUser,
    String sshConnection,
    List<Step> steps,
    Instant createdAt,
    Instant updatedAt,
    Instant finishedAt) {

  /** The provisioner still works on these: provisioning, or removing what it made. */
  static final Set<String> WORKING =
      Set.of("REQUESTED", "PROVISIONING", "TEARING_DOWN", "DELETING");

  static final Set<String> FINAL = Set.of("TORN_DOWN", "FAILED", "CANCELLED");

  public Environment {
    warnings = warnings == null ? List.of() : warnings;
    requirements = requirements == null ? Map.of() : requirements;
    decisions = decisions == null ? List.of() : decisions;
    steps = steps == null ? List.of() : steps;
  }

  /** Whether the page should keep following it. */
  public boolean working() {
    return WORKING.contains(state);
  }

  /** Whether a teardown can still be asked for (a second one changes nothing, but says nothing). */
  public boolean mayTearDown() {
    return !FINAL.contains(state) && !"TEARING_DOWN".equals(state) && !"DELETING".equals(state);
  }

  public StepProgress progress() {
    return StepProgress.of(this);
  }

  /** What to type to reach the server, or null before it has an address. */
  public String sshCommand() {
    return SshCommand.of(sshConnection, keyPair);
  }

  /** The private key is there to download, once. */
  public boolean privateKeyAvailable() {
    return keyPair != null && "available".equals(keyPair.privateKey());
  }

  /** What the repository needs (cpu_cores, ram_gb, …), each as a line. */
  public List<Fact> requirementFacts() {
    return requirements.entrySet().stream()
        .map(e -> new Fact(e.getKey().replace('_', ' '), DecisionValues.text(e.getValue())))
        .toList();
  }

  public String repositoryUrl() {
    return repository == null ? null : repository.url();
  }

  public record Fact(String name, String value) {}

  public record Repository(String url, String commit, List<String> files) {
    public Repository {
      files = files == null ? List.of() : files;
    }
  }

  /** A decision: its value, where it came from (MODEL, RULE, OVERRIDE) and why. */
  public record Decision(
      String name, String source, Object value, String reason, Instant decidedAt) {

    public String valueText() {
      return DecisionValues.text(value);
    }
  }

  public record Image(String id, String name) {}

  /** {@code privateKey}: {@code available} (download it once), {@code downloaded}, or absent. */
  public record KeyPair(String name, boolean createdByGort, String privateKey) {}

  public record Network(String name, String id) {}

  public record Lease(
      String name, String id, String status, String reservationId, Instant start, Instant end) {}

  public record Server(String name, String id, String status) {}

  /** One of the ten steps: PENDING, RUNNING, DONE, FAILED or SKIPPED, and what it found. */
  public record Step(
      String step, int position, String status, Instant startedAt, Instant endedAt, String found) {

    /** How long it took, or has been running until {@code now}; null before it started. */
    public String took(Instant now) {
      return StepProgress.took(startedAt, endedAt, now);
    }

    public boolean running() {
      return "RUNNING".equals(status);
    }
  }
}
