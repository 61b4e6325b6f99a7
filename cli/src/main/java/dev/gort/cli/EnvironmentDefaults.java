package dev.gort.cli;

import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults from the environment, over the local stack's: {@code GORT_SERVER}, {@code GORT_ISSUER},
 * {@code GORT_CLIENT_ID}, {@code GORT_OUTPUT}. An option on the command line wins over both.
 */
final class EnvironmentDefaults implements IDefaultValueProvider {

  static final Map<String, String> VARIABLES =
      Map.of(
          "--server", "GORT_SERVER",
          "--issuer", "GORT_ISSUER",
          "--client-id", "GORT_CLIENT_ID",
          "--output", "GORT_OUTPUT");

  private final Map<String, String> env;

  EnvironmentDefaults(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public String defaultValue(ArgSpec argument) {
    if (!(argument instanceof OptionSpec)) {
      return null;
    }
    String variable = VARIABLES.get(((OptionSpec) argument).longestName());
    if (variable == null) {
      return null;
    }
    String value = env.get(variable);
    return value == null || value.isBlank() ? null : value;
  }
}
