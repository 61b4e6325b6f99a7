package dev.gort.simulators.github;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One simulated repository: its workflows ({@code gort.yml}, which Gort dispatches, and {@code
 * nightly.yml}, a workflow that is none of Gort's business), its branches, where its webhook
 * points, and how its dispatch endpoint treats {@code return_run_details}. Created on first use;
 * the control API changes the switches.
 */
final class SimulatedRepository {

  /** A workflow of the repository, by file name (as the API path names it) and id. */
  record Workflow(long id, String file, String name) {
    String path() {
      return ".github/workflows/" + file;
    }
  }

  /** How the dispatch endpoint answers {@code return_run_details: true}. */
  enum RunDetails {
    /** As github.com does since February 2026: 200 with the run's id and URLs. */
    RETURNED("returned"),
    /** As an older GitHub Enterprise Server that ignores the parameter: 204. */
    IGNORED("ignored"),
    /** As an older GitHub Enterprise Server whose schema check refuses it: 422. */
    REJECTED("rejected");

    private final String word;

    RunDetails(String word) {
      this.word = word;
    }

    String word() {
      return word;
    }

    static Optional<RunDetails> fromWord(String word) {
      return Arrays.stream(values()).filter(d -> d.word.equals(word)).findFirst();
    }

    static String words() {
      return Arrays.stream(values()).map(RunDetails::word).collect(Collectors.joining(", "));
    }
  }

  static final String GORT_WORKFLOW = "gort.yml";
  static final String FOREIGN_WORKFLOW = "nightly.yml";

  private final long id;
  private final String owner;
  private final String name;
  private final List<Workflow> workflows;

  private RunDetails runDetails = RunDetails.RETURNED;
  private String webhookUrl;
  private boolean foreignRuns = true;
  private Set<String> branches = Set.of("main");

  SimulatedRepository(long id, String owner, String name, String webhookUrl) {
    this.id = id;
    this.owner = owner;
    this.name = name;
    this.webhookUrl = webhookUrl;
    this.workflows =
        List.of(
            new Workflow(70_000_000L + id * 10 + 1, GORT_WORKFLOW, "Gort"),
            new Workflow(70_000_000L + id * 10 + 2, FOREIGN_WORKFLOW, "Nightly"));
  }

  static String key(String owner, String name) {
    return (owner + "/" + name).toLowerCase(Locale.ROOT);
  }

  long id() {
    return id;
  }

  String owner() {
    return owner;
  }

  String name() {
    return name;
  }

  String fullName() {
    return owner + "/" + name;
  }

  /** The workflow the API path names, by file name or by id, as GitHub accepts either. */
  Optional<Workflow> workflow(String fileOrId) {
    return workflows.stream()
        .filter(w -> w.file().equals(fileOrId) || Long.toString(w.id()).equals(fileOrId))
        .findFirst();
  }

  Workflow foreignWorkflow() {
    return workflows.get(1);
  }

  synchronized RunDetails runDetails() {
    return runDetails;
  }

  synchronized String webhookUrl() {
    return webhookUrl;
  }

  synchronized boolean foreignRuns() {
    return foreignRuns;
  }

  /** Whether {@code ref} names a branch: a bare name or {@code refs/heads/<name>}. */
  synchronized Optional<String> branch(String ref) {
    String branch = ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
    return branches.contains(branch) ? Optional.of(branch) : Optional.empty();
  }

  synchronized void configure(
      RunDetails runDetails,
      String webhookUrl,
      Boolean foreignRuns,
      java.util.Collection<String> branches) {
    if (runDetails != null) {
      this.runDetails = runDetails;
    }
    if (webhookUrl != null) {
      this.webhookUrl = webhookUrl;
    }
    if (foreignRuns != null) {
      this.foreignRuns = foreignRuns;
    }
    if (branches != null) {
      this.branches = Set.copyOf(branches);
    }
  }

  synchronized View view() {
    return new View(
        fullName(),
        runDetails.word(),
        webhookUrl,
        foreignRuns,
        branches.stream().sorted().toList(),
        workflows.stream().map(Workflow::file).toList());
  }

  /** The repository as the control API shows it. */
  record View(
      String repository,
      String runDetails,
      String webhookUrl,
      boolean foreignRuns,
      List<String> branches,
      List<String> workflows) {}
}
