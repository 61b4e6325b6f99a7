package dev.gort.provisioner.environment;

/** How far an environment is, as its operation's {@code percentComplete}: a tenth per step. */
public final class Progress {

  private Progress() {}

  public static int percent(Environment env) {
    if (env.state.isFinal()
        || env.state == EnvironmentState.READY
        || env.state == EnvironmentState.DELETING) {
      return 100;
    }
    return Step.of(env.step).map(Step::percentBefore).orElse(90);
  }
}
