package dev.gort.provisioner.environment;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gort.provisioner.decision.Requirements;
import dev.gort.provisioner.environment.EnvironmentJson.RecordedDecision;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/environments/{id}}: where the environment is and everything it found. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EnvironmentView(
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
    Overrides overrides,
    Requirements requirements,
    List<RecordedDecision> decisions,
    Image image,
    String nodeType,
    Integer durationHours,
    KeyPair keyPair,
    Network network,
    LeaseView lease,
    Server server,
    String fixedIp,
    String floatingIp,
    Boolean floatingIpAllocated,
    String sshUser,
    String sshConnection,
    List<StepView> steps,
    Instant createdAt,
    Instant updatedAt,
    Instant finishedAt,
    Map<String, String> links) {

  public record Repository(String url, String commit, List<String> files) {}

  public record Image(String id, String name) {}

  /** {@code privateKey}: {@code available} (download it once), {@code downloaded}, or absent. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record KeyPair(String name, boolean createdByGort, String privateKey) {}

  public record Network(String name, String id) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record LeaseView(
      String name, String id, String status, String reservationId, Instant start, Instant end) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Server(String name, String id, String status) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StepView(
      String step, int position, String status, Instant startedAt, Instant endedAt, String found) {}
}
