package dev.gort.scheduler.operation.environment;

import dev.gort.common.operation.OperationView;
import dev.gort.common.security.Caller;
import dev.gort.scheduler.config.SchedulerConfig;
import dev.gort.scheduler.operation.OperationKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Kind {@code environment} (issue 12): the provisioner's environment operations, as the scheduler
 * mirrors them; cancelling one asks the provisioner ({@code EnvironmentCancelRequested}).
 */
@ApplicationScoped
public class EnvironmentOperations implements OperationKind {

  @Inject EnvironmentMirror mirror;
  @Inject SchedulerConfig config;

  @Override
  public String name() {
    return EnvironmentOperationStatus.KIND;
  }

  @Override
  public Optional<OperationView> find(String operationId, Caller caller) {
    return mirror.find(operationId, caller).map(o -> o.view(config.provisionerUrl()));
  }

  @Override
  public boolean cancellable() {
    return true;
  }

  @Override
  public Optional<Cancelled> cancel(String operationId, Caller caller) {
    return mirror
        .cancel(operationId, caller)
        .map(c -> new Cancelled(c.operation().view(config.provisionerUrl()), c.alreadyFinished()));
  }
}
