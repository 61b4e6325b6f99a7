package dev.gort.provisioner.environment;

import dev.gort.common.causality.CausalClock;
import dev.gort.common.event.Envelope;
import dev.gort.common.event.EnvironmentEvents.EnvironmentCancelRequested;
import dev.gort.common.event.EnvironmentEvents.EnvironmentRequested;
import dev.gort.common.inbox.Inbox;
import dev.gort.common.web.Untrusted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * Takes {@code EnvironmentRequested} and {@code EnvironmentCancelRequested} once each (the inbox,
 * in the transaction of the change): a repeated request is the same environment, a repeated cancel
 * changes nothing.
 */
@ApplicationScoped
public class EnvironmentRequests {

  static final String CONSUMER = "provisioner-service.requested";

  /** An environment id a sender may choose: it names cloud resources and files. */
  static final java.util.regex.Pattern ID =
      java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

  private static final Logger LOG = Logger.getLogger(EnvironmentRequests.class);

  @Inject Inbox inbox;
  @Inject EnvironmentService environments;
  @Inject CausalClock causalClock;

  @Transactional
  public void accept(Envelope event) {
    if (!inbox.firstDelivery(CONSUMER, event.id())) {
      return;
    }
    causalClock.receive(event.subject(), event.clock());
    if (event.data() instanceof EnvironmentRequested asked) {
      request(asked);
    } else if (event.data() instanceof EnvironmentCancelRequested cancel) {
      cancel(cancel);
    }
  }

  private void request(EnvironmentRequested asked) {
    EnvironmentRequest request =
        new EnvironmentRequest(
            asked.repositoryUrl(),
            asked.nodeType(),
            asked.image(),
            asked.durationHours(),
            asked.keyName(),
            asked.publicKey(),
            asked.network());
    Overrides overrides;
    try {
      overrides = request.check();
    } catch (dev.gort.common.web.ProblemException e) {
      LOG.warnf(
          "environment %s not created: %s",
          Untrusted.forLog(asked.environmentId()), Untrusted.forLog(e.getMessage()));
      return;
    }
    if (asked.environmentId() == null
        || !ID.matcher(asked.environmentId()).matches()
        || asked.owner() == null
        || asked.owner().isBlank()
        || asked.owner().length() > 255
        || Untrusted.hasControlCharacter(asked.owner())) {
      LOG.warnf(
          "an environment request without a usable id (%s) or owner is dropped",
          Untrusted.forLog(asked.environmentId()));
      return;
    }
    environments.create(
        asked.environmentId(), asked.owner(), asked.owner(), asked.repositoryUrl(), overrides);
  }

  private void cancel(EnvironmentCancelRequested cancel) {
    Environment env =
        cancel.environmentId() == null
            ? null
            : Environment.<Environment>findByIdOptional(cancel.environmentId()).orElse(null);
    if (env == null || !env.owner.equals(cancel.owner())) {
      LOG.warnf(
          "cancel of environment %s dropped: no such environment of %s",
          Untrusted.forLog(cancel.environmentId()), Untrusted.forLog(cancel.owner()));
      return;
    }
    environments.cancel(
        env.id, cancel.requestedBy() == null ? cancel.owner() : cancel.requestedBy());
  }
}
