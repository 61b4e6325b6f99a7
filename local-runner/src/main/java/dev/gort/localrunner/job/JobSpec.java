package dev.gort.localrunner.job;

import dev.gort.common.web.Untrusted;
import dev.gort.localrunner.callback.GatewayOrigin;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A checked job: what {@link JobRequest} asked for, every value within the agent's limits. The same
 * limits as the gateway's {@code gort.runner.local} settings check (docs/runners/local.md).
 */
public record JobSpec(
    String attemptId,
    String runId,
    int attempt,
    String experiment,
    String revision,
    String kind,
    URI callbackUrl,
    String callbackToken,
    List<String> commands,
    Map<String, String> env,
    Duration timeout,
    String image,
    String workdir) {

  public static final int MAX_COMMANDS = 50;
  public static final int MAX_COMMAND_LENGTH = 16 * 1024;
  public static final int MAX_ENV = 100;
  public static final int MAX_ENV_VALUE = 32 * 1024;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
  static final Set<String> KINDS = Set.of("test", "build");

  private static final Pattern ID = Pattern.compile("[\\x21-\\x7e]{1,200}");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
  private static final Pattern IMAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/:@-]{0,254}");
  private static final Pattern WORKDIR_PART = Pattern.compile("[A-Za-z0-9._-]{1,100}");

  public JobSpec {
    commands = List.copyOf(commands);
    env = Map.copyOf(env);
  }

  /**
   * @throws InvalidJobException naming the field at fault
   */
  public static JobSpec check(JobRequest r, GatewayOrigin gateway, Duration maxTimeout) {
    if (r == null) {
      throw new InvalidJobException("a JSON object body is required");
    }
    String attemptId = id("attemptId", r.attemptId(), true);
    String runId = id("runId", r.runId(), false);
    int attempt = r.attempt() == null ? 1 : r.attempt();
    if (attempt < 1 || attempt > 1000) {
      throw new InvalidJobException("attempt must be between 1 and 1000");
    }
    String kind = r.kind() == null ? "test" : r.kind();
    if (!KINDS.contains(kind)) {
      throw new InvalidJobException("kind must be test or build, got " + Untrusted.quote(kind));
    }
    URI callback = null;
    String token = null;
    if (r.callbackUrl() != null) {
      callback = gateway.check(r.callbackUrl());
      token = GatewayOrigin.token(callback);
    }
    return new JobSpec(
        attemptId,
        runId,
        attempt,
        id("experiment", r.experiment(), false),
        id("revision", r.revision(), false),
        kind,
        callback,
        token,
        commands(r.commands()),
        env(r.env()),
        timeout(r.timeout(), maxTimeout),
        image(r.image()),
        workdir(r.workdir()));
  }

  private static String id(String field, String value, boolean required) {
    if (value == null) {
      if (required) {
        throw new InvalidJobException(field + " is required");
      }
      return null;
    }
    if (!ID.matcher(value).matches()) {
      throw new InvalidJobException(field + " must be 1 to 200 visible ASCII characters");
    }
    return value;
  }

  static List<String> commands(List<String> commands) {
    if (commands == null || commands.isEmpty()) {
      throw new InvalidJobException(
          "commands is required: a list of 1 to " + MAX_COMMANDS + " shell commands");
    }
    if (commands.size() > MAX_COMMANDS) {
      throw new InvalidJobException(
          "commands may hold at most " + MAX_COMMANDS + " commands, got " + commands.size());
    }
    for (int i = 0; i < commands.size(); i++) {
      String command = commands.get(i);
      if (command == null || command.isBlank()) {
        throw new InvalidJobException("commands[" + i + "] must be a non-blank string");
      }
      if (command.length() > MAX_COMMAND_LENGTH) {
        throw new InvalidJobException(
            "commands[" + i + "] is longer than " + MAX_COMMAND_LENGTH + " characters");
      }
      if (command.indexOf('\0') >= 0) {
        throw new InvalidJobException("commands[" + i + "] holds a NUL character");
      }
    }
    return commands;
  }

  static Map<String, String> env(Map<String, String> env) {
    if (env == null) {
      return Map.of();
    }
    if (env.size() > MAX_ENV) {
      throw new InvalidJobException(
          "env may hold at most " + MAX_ENV + " variables, got " + env.size());
    }
    Map<String, String> checked = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : env.entrySet()) {
      String name = e.getKey();
      if (!ENV_NAME.matcher(name).matches()) {
        throw new InvalidJobException(
            "env: "
                + Untrusted.quote(name)
                + " is not a variable name (a letter or '_', then letters, digits or '_')");
      }
      if (name.startsWith("GORT_")) {
        throw new InvalidJobException(
            "env: " + Untrusted.quote(name) + " is reserved: GORT_* variables are the agent's");
      }
      String value = e.getValue();
      if (value == null || value.length() > MAX_ENV_VALUE || value.indexOf('\0') >= 0) {
        throw new InvalidJobException(
            "env: the value of "
                + Untrusted.quote(name)
                + " must be a string of at most "
                + MAX_ENV_VALUE
                + " characters without NUL");
      }
      checked.put(name, value);
    }
    return checked;
  }

  static Duration timeout(String timeout, Duration max) {
    if (timeout == null) {
      return DEFAULT_TIMEOUT.compareTo(max) > 0 ? max : DEFAULT_TIMEOUT;
    }
    Duration parsed;
    try {
      parsed = Duration.parse(timeout);
    } catch (DateTimeParseException e) {
      throw new InvalidJobException(
          "timeout must be an ISO-8601 duration such as PT10M, got " + Untrusted.quote(timeout));
    }
    if (parsed.compareTo(Duration.ofSeconds(1)) < 0 || parsed.compareTo(max) > 0) {
      throw new InvalidJobException(
          "timeout must be between PT1S and " + max + ", got " + Untrusted.quote(timeout));
    }
    return parsed;
  }

  static String image(String image) {
    if (image == null || image.isBlank()) {
      return null;
    }
    if (!IMAGE.matcher(image).matches()) {
      throw new InvalidJobException(
          "image must be an image reference (letters, digits, '.', '_', '/', ':', '@', '-'), got "
              + Untrusted.quote(image));
    }
    return image;
  }

  static String workdir(String workdir) {
    if (workdir == null || workdir.isBlank() || workdir.equals(".")) {
      return "";
    }
    String trimmed = workdir.endsWith("/") ? workdir.substring(0, workdir.length() - 1) : workdir;
    String[] parts = trimmed.split("/", -1);
    if (trimmed.startsWith("/") || parts.length > 20) {
      throw new InvalidJobException(
          "workdir must be a relative path inside the job's directory, got "
              + Untrusted.quote(workdir));
    }
    for (String part : parts) {
      if (!WORKDIR_PART.matcher(part).matches() || part.equals(".") || part.equals("..")) {
        throw new InvalidJobException(
            "workdir must be a relative path of names (letters, digits, '.', '_', '-'; no '..'), got "
                + Untrusted.quote(workdir));
      }
    }
    return Path.of(trimmed).normalize().toString();
  }
}
