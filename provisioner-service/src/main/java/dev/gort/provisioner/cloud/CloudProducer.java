package dev.gort.provisioner.cloud;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * The {@link Cloud} the service uses: OpenStack if {@code auth-url} is set, else a refusing one.
 */
@ApplicationScoped
public class CloudProducer {

  private static final Logger LOG = Logger.getLogger(CloudProducer.class);

  @Produces
  @ApplicationScoped
  Cloud cloud(CloudConfig config) {
    if (config.authUrl().filter(url -> !url.isBlank()).isEmpty()) {
      LOG.warn(UnconfiguredCloud.MESSAGE + "; environments are refused");
      return new UnconfiguredCloud(config.externalNetwork());
    }
    CloudSettings settings = CloudSettings.from(config);
    LOG.infof("OpenStack cloud: %s", settings);
    return new OpenStackCloud(settings, Clock.systemUTC());
  }
}
