package dev.gort.provisioner.decision;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the rule answers ({@code gort.provisioner.rules.*}). */
@ConfigMapping(prefix = "gort.provisioner.rules")
public interface RulesConfig {

  /** The node type for more than 256 GB of RAM without a GPU (the seed's compute_*_384gb). */
  @WithDefault(NodeTypeRules.DEFAULT_HIGH_MEMORY)
  String highMemoryNodeType();
}
