package dev.gort.gateway.runner.local;

import dev.gort.common.web.Untrusted;
import dev.gort.gateway.runner.InvalidSettingsException;
import dev.gort.gateway.runner.SettingsRules;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@code local} job runs: its shell {@code commands} in sequence, their {@code env}, the
 * job's {@code timeout}, an optional container {@code image} and a {@code workdir} inside the job's
 * fresh directory. The same bounds as the agent's own check, so a job the gateway sends is one the
 * agent takes.
 */
record LocalSettings(
    List<String> commands,
    Map<String, String> env,
    Duration timeout,
    String image,
    String workdir) {

  static final String COMMANDS = "commands";
  static final String ENV = "env";
  static final String TIMEOUT = "timeout";
  static final String IMAGE = "image";
  static final String WORKDIR = "workdir";
  static final Set<String> NAMES = Set.of(COMMANDS, ENV, TIMEOUT, IMAGE, WORKDIR);

  static final int MAX_COMMANDS = 50;
  static final int MAX_COMMAND_LENGTH = 16 * 1024;
  static final int MAX_ENV = 100;
  static final int MAX_ENV_VALUE = 32 * 1024;

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
  private static final Pattern IMAGE_REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:@-]{0,254}");
  private static final Pattern WORKDIR_PART = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  LocalSettings {
    commands = List.copyOf(commands);
    env = Map.copyOf(env);
  }

  /**
   * {@code requested} checked, with the configured default timeout when it names none.
   *
   * @throws InvalidSettingsException naming the setting at fault
   */
  static LocalSettings check(Map<String, Object> requested, LocalRunnerConfig config) {
    SettingsRules.onlyKnown(requested, NAMES, "runner local");
    return new LocalSettings(
        commands(requested.get(COMMANDS)),
        env(requested.get(ENV)),
        timeout(requested.get(TIMEOUT), config),
        image(requested.get(IMAGE)),
        workdir(requested.get(WORKDIR)));
  }

  /** What {@link dev.gort.gateway.runner.Runner#checkSettings} answers (JSON values). */
  Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(COMMANDS, new ArrayList<>(commands));
    if (!env.isEmpty()) {
      map.put(ENV, new LinkedHashMap<>(env));
    }
    map.put(TIMEOUT, timeout.toString());
    if (image != null) {
      map.put(IMAGE, image);
    }
    if (!workdir.isEmpty()) {
      map.put(WORKDIR, workdir);
    }
    return map;
  }

  private static List<String> commands(Object value) {
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      throw new InvalidSettingsException(
          "commands is required: a list of 1 to " + MAX_COMMANDS + " shell commands");
    }
    if (list.size() > MAX_COMMANDS) {
      throw new InvalidSettingsException(
          "commands may hold at most " + MAX_COMMANDS + " commands, got " + list.size());
    }
    List<String> commands = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof String command) || command.isBlank()) {
        throw new InvalidSettingsException("commands[" + i + "] must be a non-blank string");
      }
      if (command.length() > MAX_COMMAND_LENGTH || command.indexOf('\0') >= 0) {
        throw new InvalidSettingsException(
            "commands["
                + i
                + "] must be at most "
                + MAX_COMMAND_LENGTH
                + " characters, without NUL");
      }
      commands.add(command);
    }
    return commands;
  }

  private static Map<String, String> env(Object value) {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new InvalidSettingsException("env must be an object of variable name to string value");
    }
    if (map.size() > MAX_ENV) {
      throw new InvalidSettingsException(
          "env may hold at most " + MAX_ENV + " variables, got " + map.size());
    }
    Map<String, String> env = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String name = String.valueOf(e.getKey());
      if (!ENV_NAME.matcher(name).matches()) {
        throw new InvalidSettingsException(
            "env: "
                + Untrusted.quote(name)
                + " is not a variable name (a letter or '_', then letters, digits or '_')");
      }
      if (name.startsWith("GORT_")) {
        throw new InvalidSettingsException(
            "env: " + Untrusted.quote(name) + " is reserved: GORT_* variables are the agent's");
      }
      if (!(e.getValue() instanceof String v)
          || v.length() > MAX_ENV_VALUE
          || v.indexOf('\0') >= 0) {
        throw new InvalidSettingsException(
            "env: the value of "
                + Untrusted.quote(name)
                + " must be a string of at most "
                + MAX_ENV_VALUE
                + " characters without NUL");
      }
      env.put(name, v);
    }
    return env;
  }

  private static Duration timeout(Object value, LocalRunnerConfig config) {
    if (value == null) {
      return config.defaultTimeout();
    }
    Duration timeout;
    try {
      timeout = Duration.parse(String.valueOf(value));
    } catch (DateTimeParseException e) {
      throw new InvalidSettingsException(
          "timeout must be an ISO-8601 duration such as PT10M, got "
              + Untrusted.quote(String.valueOf(value)));
    }
    if (!(value instanceof String)
        || timeout.compareTo(Duration.ofSeconds(1)) < 0
        || timeout.compareTo(config.maxTimeout()) > 0) {
      throw new InvalidSettingsException(
          "timeout must be between PT1S and "
              + config.maxTimeout()
              + ", got "
              + Untrusted.quote(String.valueOf(value)));
    }
    return timeout;
  }

  private static String image(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof String image) || !IMAGE_REF.matcher(image).matches()) {
      throw new InvalidSettingsException(
          "image must be an image reference (letters, digits, '.', '_', '/', ':', '@', '-'), got "
              + Untrusted.quote(String.valueOf(value)));
    }
    return image;
  }

  private static String workdir(Object value) {
    if (value == null) {
      return "";
    }
    if (!(value instanceof String workdir)) {
      throw new InvalidSettingsException("workdir must be a string");
    }
    String trimmed = workdir.endsWith("/") ? workdir.substring(0, workdir.length() - 1) : workdir;
    if (trimmed.isEmpty() || trimmed.equals(".")) {
      return "";
    }
    String[] parts = trimmed.split("/", -1);
    boolean valid = !trimmed.startsWith("/") && parts.length <= 20;
    for (String part : parts) {
      valid &= WORKDIR_PART.matcher(part).matches() && !part.equals(".") && !part.equals("..");
    }
    if (!valid) {
      throw new InvalidSettingsException(
          "workdir must be a relative path of names inside the job's directory (letters, digits, '.', '_', '-'; no '..'), got "
              + Untrusted.quote(workdir));
    }
    return trimmed;
  }
}
