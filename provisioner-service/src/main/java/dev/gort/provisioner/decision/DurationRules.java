package dev.gort.provisioner.decision;

/**
 * The lease duration without a model (seed 004, AI call #4 and failure point 2): 24 hours, for GPU
 * and machine-learning work as for the rest, always within 1–168 hours (7 days).
 */
public final class DurationRules {

  public static final int MIN_HOURS = 1;
  public static final int MAX_HOURS = 168;
  public static final int DEFAULT_HOURS = 24;

  /** ML training typically needs 12–24 hours to converge (seed 004, AI call #4). */
  public static final int GPU_HOURS = 24;

  private DurationRules() {}

  public static int hours(Requirements r) {
    return clamp(r.gpuRequired() ? GPU_HOURS : DEFAULT_HOURS);
  }

  public static int clamp(int hours) {
    return Math.max(MIN_HOURS, Math.min(MAX_HOURS, hours));
  }

  /** The seed's "project type" the model is told about. */
  public static String projectType(Requirements r) {
    return r.gpuRequired() || r.cudaRequired() ? "Machine Learning Training" : "General Compute";
  }
}
