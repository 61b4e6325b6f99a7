package dev.gort.provisioner.decision;

/**
 * The seed's node-type tree (seed 004 section 10): a GPU by its memory (above 24 GB an A100, above
 * 16 GB an RTX 6000, else an RTX 5000); without one, above 256 GB of RAM the 384 GB node, above 48
 * cores a Cascade Lake R640, else Haswell.
 */
public final class NodeTypeRules {

  public static final String GPU_A100 = "gpu_a100";
  public static final String GPU_RTX_6000 = "gpu_rtx_6000";
  public static final String GPU_RTX_5000 = "gpu_rtx_5000";
  public static final String MANY_CORES = "compute_cascadelake_r640";
  public static final String STANDARD = "compute_haswell";

  /** The seed's {@code compute_*_384gb} as Chameleon names it today. */
  public static final String DEFAULT_HIGH_MEMORY = "compute_cascadelake_r_384gb";

  /** The node of failure point 2, when requirements are not known at all. */
  public static final String FALLBACK = MANY_CORES;

  /** A node type and the branch of the tree that chose it. */
  public record Choice(String nodeType, String why) {}

  private final String highMemory;

  public NodeTypeRules(String highMemoryNodeType) {
    this.highMemory = highMemoryNodeType;
  }

  public NodeTypeRules() {
    this(DEFAULT_HIGH_MEMORY);
  }

  public Choice choose(Requirements r) {
    if (r.gpuRequired()) {
      int memory = r.gpuMemoryGb();
      if (memory > 24) {
        return new Choice(GPU_A100, "GPU with " + memory + " GB > 24 GB");
      }
      if (memory > 16) {
        return new Choice(GPU_RTX_6000, "GPU with " + memory + " GB > 16 GB");
      }
      return new Choice(GPU_RTX_5000, "GPU with " + memory + " GB ≤ 16 GB");
    }
    if (r.ramGb() > 256) {
      return new Choice(highMemory, "no GPU, " + r.ramGb() + " GB RAM > 256 GB");
    }
    if (r.cpuCores() > 48) {
      return new Choice(MANY_CORES, "no GPU, " + r.cpuCores() + " cores > 48");
    }
    return new Choice(STANDARD, "no GPU, " + r.cpuCores() + " cores, " + r.ramGb() + " GB RAM");
  }
}
