package dev.gort.provisioner.environment;

import dev.gort.common.event.EnvironmentEvents;
import dev.gort.common.operation.OperationView;
import dev.gort.common.operation.OperationView.OperationError;
import dev.gort.provisioner.config.ProvisionerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How an environment reads: as itself, as the seed's state file, and as an operation. */
@ApplicationScoped
public class EnvironmentViews {

  public static final String KIND = "environment";

  @Inject EnvironmentJson json;
  @Inject StepRecords steps;
  @Inject ProvisionerConfig config;

  public EnvironmentView of(Environment env) {
    List<EnvironmentView.StepView> stepViews = new ArrayList<>();
    for (StepRecord s : steps.of(env.id)) {
      stepViews.add(
          new EnvironmentView.StepView(
              s.key.step, s.position, s.status, s.startedAt, s.endedAt, s.found));
    }
    Map<String, String> links = new LinkedHashMap<>();
    String self = "/api/v1/environments/" + env.id;
    links.put("self", self);
    links.put("operation", "/api/v1/operations/" + env.operationId);
    links.put("state", self + "/state.json");
    if (env.privateKeySealed != null) {
      links.put("privateKey", self + "/private-key");
    }
    return new EnvironmentView(
        env.id,
        env.operationId,
        env.owner,
        env.requestedBy,
        env.state.name(),
        env.step,
        Progress.percent(env),
        env.failure,
        json.readWarnings(env.warnings),
        new EnvironmentView.Repository(
            env.repositoryUrl,
            env.repositoryCommit,
            List.copyOf(json.readFiles(env.repositoryFiles).keySet())),
        json.readOverrides(env.overrides),
        env.requirements == null ? null : json.readRequirements(env.requirements),
        json.readDecisions(env.decisions),
        env.imageId == null ? null : new EnvironmentView.Image(env.imageId, env.imageName),
        env.nodeType,
        env.durationHours,
        env.keyName == null
            ? null
            : new EnvironmentView.KeyPair(
                env.keyName,
                env.keyCreated,
                env.privateKeySealed != null
                    ? "available"
                    : env.privateKeyDelivered ? "downloaded" : null),
        env.networkName == null
            ? null
            : new EnvironmentView.Network(env.networkName, env.networkId),
        env.leaseName == null
            ? null
            : new EnvironmentView.LeaseView(
                env.leaseName,
                env.leaseId,
                env.leaseStatus,
                env.reservationId,
                env.leaseStart,
                env.leaseEnd),
        env.serverName == null
            ? null
            : new EnvironmentView.Server(env.serverName, env.serverId, env.serverStatus),
        env.fixedIp,
        env.floatingIp,
        env.floatingIpId == null ? null : env.floatingIpAllocated,
        env.sshUser,
        env.sshConnection(),
        stepViews,
        env.createdAt,
        env.updatedAt,
        env.finishedAt,
        links);
  }

  /** The seed's {@code {server_name}_info.json} (step 9), field for field. */
  public Map<String, Object> stateFile(Environment env) {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("server_name", env.serverName);
    state.put("server_id", env.serverId);
    state.put("lease_id", env.leaseId);
    state.put("reservation_id", env.reservationId);
    state.put("floating_ip", env.floatingIp);
    state.put("fixed_ip", env.fixedIp);
    state.put("image_name", env.imageName);
    state.put("image_id", env.imageId);
    state.put("node_type", env.nodeType);
    state.put("key_name", env.keyName);
    state.put("network_id", env.networkId);
    return state;
  }

  /** The environment as an operation (seed 001's shape, as the scheduler's test runs). */
  public OperationView operation(Environment env) {
    String status = operationStatus(env.state);
    boolean finished = !status.equals("notstarted") && !status.equals("running");
    return new OperationView(
        env.operationId,
        KIND,
        status,
        env.createdAt,
        env.updatedAt,
        Progress.percent(env),
        finished ? config.publicUrl() + "/api/v1/environments/" + env.id : null,
        env.state == EnvironmentState.FAILED
            ? new OperationError("ProvisioningFailed", env.failure)
            : env.state == EnvironmentState.CANCELLED
                ? new OperationError("Cancelled", "cancelled while provisioning")
                : null);
  }

  /** seed 001, "Operations States", for an environment (the one mapping, in common). */
  public static String operationStatus(EnvironmentState state) {
    return EnvironmentEvents.operationStatus(state.name());
  }
}
