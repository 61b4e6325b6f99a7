package dev.gort.provisioner.environment;

import dev.gort.common.event.Envelope;
import dev.gort.common.event.EnvironmentEvents.EnvironmentStatus;
import dev.gort.common.event.Topics;
import dev.gort.common.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * Publishes an environment's status ({@code gort.environments.status}) through the outbox, in the
 * transaction of the change it reports.
 */
@ApplicationScoped
public class StatusEvents {

  static final String SOURCE = "/gort/provisioner-service";

  @Inject Outbox outbox;
  @Inject EnvironmentJson json;
  @Inject Clock clock;

  /** Call inside the transaction that changed {@code env} (managed). */
  public void changed(Environment env) {
    env.sequence++;
    env.updatedAt = clock.instant();
    outbox.add(
        Topics.ENVIRONMENTS_STATUS,
        Envelope.of(
            SOURCE,
            new EnvironmentStatus(
                env.id,
                env.operationId,
                env.owner,
                env.sequence,
                env.state.name(),
                env.step,
                Progress.percent(env),
                env.failure,
                env.serverId,
                env.floatingIp,
                env.sshConnection(),
                json.readWarnings(env.warnings),
                env.createdAt,
                env.updatedAt),
            env.updatedAt));
  }
}
