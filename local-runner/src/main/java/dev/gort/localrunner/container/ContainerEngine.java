package dev.gort.localrunner.container;

import dev.gort.common.process.ContainerEngines;
import dev.gort.localrunner.config.LocalRunnerConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The container engine jobs with an image run in ({@link ContainerEngines}), as {@code
 * gort.local-runner.container-engine} chooses. Looked for once, at the first job with an image.
 */
@Singleton
public class ContainerEngine {

  private static final Logger LOG = Logger.getLogger(ContainerEngine.class);

  /** The engine found, or why there is none. */
  public record Found(Optional<String> executable, String why) {}

  private final String setting;
  private volatile Found found;

  @Inject
  public ContainerEngine(LocalRunnerConfig config) {
    this(config.containerEngine());
  }

  ContainerEngine(String setting) {
    this.setting = setting;
  }

  public synchronized Found find() {
    if (found == null) {
      found = look();
      LOG.infof("container engine: %s", found.executable().orElse("none (" + found.why() + ")"));
    }
    return found;
  }

  private Found look() {
    ContainerEngines.Found found =
        ContainerEngines.find(setting, "gort.local-runner.container-engine");
    return new Found(found.executable(), found.why());
  }
}
