package dev.gort.gateway.runner.github;

import static dev.gort.gateway.runner.SettingsRules.text;

import dev.gort.common.web.Untrusted;
import dev.gort.gateway.runner.InvalidSettingsException;
import dev.gort.gateway.runner.SettingsRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@code github-actions} job runs: which workflow of which repository, on which ref, which
 * artifact holds its results, and the extra workflow inputs an experiment adds to Gort's own.
 */
record GitHubSettings(
    String repository, String workflow, String ref, String artifact, Map<String, String> inputs) {

  static final String REPOSITORY = "repository";
  static final String WORKFLOW = "workflow";
  static final String REF = "ref";
  static final String ARTIFACT = "artifact";
  static final String INPUTS = "inputs";
  static final Set<String> NAMES = Set.of(REPOSITORY, WORKFLOW, REF, ARTIFACT, INPUTS);

  /** Gort's own inputs, sent with every dispatch (docs/runners/github-actions.md). */
  static final List<String> GORT_INPUTS =
      List.of("gort_run_id", "gort_attempt", "gort_attempt_id", "gort_experiment", "gort_revision");

  /** GitHub takes at most 25 inputs per dispatch. */
  static final int MAX_INPUTS = 25;

  // GitHub's rules: an account name is 1-39 alphanumerics or single inner hyphens; a repository
  // name is 1-100 of letters, digits, '.', '-', '_' (and not "." or "..")
  private static final Pattern OWNER =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  private static final Pattern WORKFLOW_FILE = Pattern.compile("[A-Za-z0-9._-]{1,200}\\.ya?ml");
  private static final Pattern WORKFLOW_ID = Pattern.compile("[1-9][0-9]{0,18}");
  private static final Pattern INPUT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,99}");
  private static final int MAX_INPUT_VALUE = 65_535;

  GitHubSettings {
    inputs = Map.copyOf(inputs);
  }

  /**
   * The configured defaults with {@code requested} over them, checked.
   *
   * @throws InvalidSettingsException naming the setting at fault
   */
  static GitHubSettings check(Map<String, Object> requested, GitHubActionsConfig defaults) {
    SettingsRules.onlyKnown(requested, NAMES, "runner github-actions");
    return of(
        text(requested, REPOSITORY).or(defaults::repository).orElse(null),
        text(requested, WORKFLOW).or(defaults::workflow).orElse(null),
        text(requested, REF).orElse(defaults.ref()),
        text(requested, ARTIFACT).orElse(defaults.artifact()),
        requested.get(INPUTS));
  }

  /**
   * Settings as {@link #toMap} wrote them (a dispatched job's), checked again since they come back
   * from storage.
   *
   * @throws InvalidSettingsException naming the setting at fault
   */
  static GitHubSettings from(Map<String, Object> settings) {
    return of(
        text(settings, REPOSITORY).orElse(null),
        text(settings, WORKFLOW).orElse(null),
        text(settings, REF).orElse(null),
        text(settings, ARTIFACT).orElse(null),
        settings.get(INPUTS));
  }

  private static GitHubSettings of(
      String repository, String workflow, String ref, String artifact, Object inputs) {
    return new GitHubSettings(
        checkRepository(repository),
        checkWorkflow(workflow),
        checkRef(ref),
        checkArtifact(artifact),
        checkInputs(inputs));
  }

  /** What {@link dev.gort.gateway.runner.Runner#checkSettings} answers (JSON values). */
  Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(REPOSITORY, repository);
    map.put(WORKFLOW, workflow);
    map.put(REF, ref);
    map.put(ARTIFACT, artifact);
    if (!inputs.isEmpty()) {
      map.put(INPUTS, new LinkedHashMap<>(inputs));
    }
    return map;
  }

  private static String checkRepository(String repository) {
    if (repository == null) {
      throw new InvalidSettingsException(
          "repository is required (owner/name), and there is no default"
              + " (gort.runner.github-actions.repository)");
    }
    int slash = repository.indexOf('/');
    String owner = slash < 0 ? "" : repository.substring(0, slash);
    String name = slash < 0 ? "" : repository.substring(slash + 1);
    if (!OWNER.matcher(owner).matches()
        || !NAME.matcher(name).matches()
        || name.equals(".")
        || name.equals("..")) {
      throw new InvalidSettingsException(
          "repository must be owner/name (owner: 1-39 letters, digits or inner hyphens; name: 1-100"
              + " letters, digits, '.', '-' or '_'), got "
              + Untrusted.quote(repository));
    }
    return repository;
  }

  private static String checkWorkflow(String workflow) {
    if (workflow == null) {
      throw new InvalidSettingsException(
          "workflow is required (a file name such as gort.yml, or a numeric id), and there is no"
              + " default (gort.runner.github-actions.workflow)");
    }
    if (!WORKFLOW_FILE.matcher(workflow).matches() && !WORKFLOW_ID.matcher(workflow).matches()) {
      throw new InvalidSettingsException(
          "workflow must be the workflow's file name (*.yml or *.yaml, no directory) or its numeric"
              + " id, got "
              + Untrusted.quote(workflow));
    }
    return workflow;
  }

  /** A branch or tag name by git's check-ref-format rules (the ones a URL or log could trip on). */
  private static String checkRef(String ref) {
    if (ref == null) {
      throw new InvalidSettingsException("ref is required (a branch or tag)");
    }
    boolean valid =
        ref.length() <= 255
            && !ref.startsWith("/")
            && !ref.endsWith("/")
            && !ref.startsWith(".")
            && !ref.endsWith(".")
            && !ref.endsWith(".lock")
            && !ref.contains("..")
            && !ref.contains("//")
            && !ref.contains("@{")
            && !ref.equals("@")
            && ref.chars().noneMatch(c -> c <= 0x20 || c == 0x7f || "~^:?*[\\".indexOf(c) >= 0);
    if (!valid) {
      throw new InvalidSettingsException(
          "ref must be a branch or tag name (git check-ref-format: no spaces, control characters,"
              + " '..', '~', '^', ':', '?', '*', '[', '\\'), got "
              + Untrusted.quote(ref));
    }
    return ref;
  }

  // the characters actions/upload-artifact refuses in a name
  private static String checkArtifact(String artifact) {
    if (artifact == null
        || artifact.length() > 255
        || artifact.chars().anyMatch(c -> c < 0x20 || "\":<>|*?\\/".indexOf(c) >= 0)) {
      throw new InvalidSettingsException(
          "artifact must be an artifact name (1-255 characters, none of \" : < > | * ? \\ /), got "
              + Untrusted.quote(artifact));
    }
    return artifact;
  }

  private static Map<String, String> checkInputs(Object inputs) {
    if (inputs == null) {
      return Map.of();
    }
    if (!(inputs instanceof Map<?, ?> map)) {
      throw new InvalidSettingsException("inputs must be an object of input name to string value");
    }
    int most = MAX_INPUTS - GORT_INPUTS.size();
    if (map.size() > most) {
      throw new InvalidSettingsException(
          "inputs may hold at most "
              + most
              + " entries (GitHub takes "
              + MAX_INPUTS
              + " inputs, "
              + GORT_INPUTS.size()
              + " of them Gort's), got "
              + map.size());
    }
    Map<String, String> checked = new LinkedHashMap<>();
    for (Map.Entry<?, ?> input : map.entrySet()) {
      String name = String.valueOf(input.getKey());
      if (!INPUT_NAME.matcher(name).matches()) {
        throw new InvalidSettingsException(
            "inputs: "
                + Untrusted.quote(name)
                + " is not a workflow input name"
                + " (a letter or '_', then letters, digits, '-' or '_')");
      }
      if (name.toLowerCase(java.util.Locale.ROOT).startsWith("gort_")) {
        throw new InvalidSettingsException(
            "inputs: "
                + Untrusted.quote(name)
                + " is reserved: inputs named gort_* are Gort's own");
      }
      if (!(input.getValue() instanceof String value)) {
        throw new InvalidSettingsException(
            "inputs: the value of " + Untrusted.quote(name) + " must be a string");
      }
      if (value.length() > MAX_INPUT_VALUE) {
        throw new InvalidSettingsException(
            "inputs: the value of " + Untrusted.quote(name) + " is longer than " + MAX_INPUT_VALUE);
      }
      checked.put(name, value);
    }
    return checked;
  }
}
