package dev.gort.simulators.git;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.jboss.logging.Logger;

/**
 * The repositories the simulated Git server serves, built with JGit in a temporary directory at
 * start (removed at shutdown) from the files under {@code sim-git/<name>/} on the class path, with
 * a fixed author and fixed times, so their commit ids are the same on every start: {@code ml-gpu}
 * (a PyTorch project that trains on a CUDA GPU), {@code cpu-only} (a Flask service), {@code empty}
 * (a licence and nothing else). Also the faults set on them.
 */
@Singleton
@Startup
public class SampleRepositories {

  private static final Logger LOG = Logger.getLogger(SampleRepositories.class);

  /** A commit: its message and the files it adds or replaces. */
  private record Step(String message, List<String> files) {}

  private record Sample(String name, String description, List<Step> history) {}

  private static final List<Sample> SAMPLES =
      List.of(
          new Sample(
              "ml-gpu",
              "A PyTorch image classifier trained on an NVIDIA GPU with CUDA (requirements.txt,"
                  + " environment.yml, a Dockerfile FROM nvidia/cuda, a README of about 14 KB)",
              List.of(
                  new Step(
                      "Train a ResNet classifier with PyTorch",
                      List.of("README.md", "requirements.txt", "train.py")),
                  new Step(
                      "Add the conda environment and the CUDA container image",
                      List.of("environment.yml", "Dockerfile")))),
          new Sample(
              "cpu-only",
              "A small Flask web service, no GPU (pyproject.toml with flask and requests, setup.py,"
                  + " README)",
              List.of(
                  new Step(
                      "A Flask service that shortens links",
                      List.of(
                          "setup.py",
                          "app/__init__.py",
                          "app/service.py",
                          "tests/test_service.py")),
                  new Step(
                      "Move the metadata to pyproject.toml and document the service",
                      List.of("pyproject.toml", "README.md")))),
          new Sample(
              "empty",
              "A repository with one commit holding only a LICENSE",
              List.of(new Step("Initial commit", List.of("LICENSE")))));

  private static final Instant FIRST_COMMIT = Instant.parse("2026-01-12T09:30:00Z");

  private final Path root;
  private final Map<String, ServedRepository> repositories = new LinkedHashMap<>();
  private final Map<String, GitFault> faults = new HashMap<>();

  public SampleRepositories() {
    try {
      root = Files.createTempDirectory("gort-sim-git-");
      Instant when = FIRST_COMMIT;
      for (Sample sample : SAMPLES) {
        repositories.put(sample.name(), build(sample, root.resolve(sample.name()), when));
        when = when.plusSeconds(86_400);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot build the simulated Git repositories", e);
    } catch (GitAPIException e) {
      throw new IllegalStateException("cannot build the simulated Git repositories", e);
    }
    LOG.infof("simulated Git repositories built in %s: %s", root, repositories.keySet());
  }

  private static ServedRepository build(Sample sample, Path dir, Instant first)
      throws IOException, GitAPIException {
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      Instant when = first;
      RevCommit last = null;
      for (Step step : sample.history()) {
        for (String file : step.files()) {
          Path target = dir.resolve(file);
          Files.createDirectories(target.getParent());
          try (InputStream in = resource(sample.name(), file)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
          }
          git.add().addFilepattern(file).call();
        }
        PersonIdent author =
            new PersonIdent("Dana Researcher", "dana@example.org", when, ZoneOffset.UTC);
        last =
            git.commit()
                .setMessage(step.message())
                .setAuthor(author)
                .setCommitter(author)
                .setSign(false)
                .call();
        when = when.plusSeconds(3_600);
      }
      // the served repository stays open for the life of the simulators
      return new ServedRepository(
          sample.name(), sample.description(), git.getRepository(), last.getName());
    }
  }

  private static InputStream resource(String repository, String file) throws IOException {
    String path = "sim-git/" + repository + "/" + file;
    InputStream in = SampleRepositories.class.getClassLoader().getResourceAsStream(path);
    if (in == null) {
      throw new IOException("missing class path resource " + path);
    }
    return in;
  }

  /** The repositories, in the order they are listed. */
  public List<ServedRepository> all() {
    return List.copyOf(repositories.values());
  }

  /** The repository {@code name} (with or without its {@code .git}). */
  public Optional<ServedRepository> named(String name) {
    String bare = name.endsWith(".git") ? name.substring(0, name.length() - 4) : name;
    return Optional.ofNullable(repositories.get(bare));
  }

  /** Sets {@code fault} on the repository {@code name}; null clears it. */
  public synchronized void fault(String name, GitFault fault) {
    if (fault == null) {
      faults.remove(name);
    } else {
      faults.put(name, fault);
    }
  }

  public synchronized void clearFaults() {
    faults.clear();
  }

  public synchronized Optional<GitFault> fault(String name) {
    return Optional.ofNullable(faults.get(name));
  }

  /**
   * Whether this request to {@code name} is to be answered 503: always under fault {@code fail};
   * under {@code fail-once} only when it starts a clone ({@code info/refs}), and the fault is then
   * used up.
   */
  public synchronized boolean takeFailure(String name, boolean startsClone) {
    GitFault fault = faults.get(name);
    if (fault == GitFault.FAIL) {
      return true;
    }
    if (fault == GitFault.FAIL_ONCE && startsClone) {
      faults.remove(name);
      return true;
    }
    return false;
  }

  /** Whether the pack for {@code name} is to be held back. */
  public synchronized boolean slow(String name) {
    return faults.get(name) == GitFault.SLOW;
  }

  /** The faults set, by repository name. */
  public synchronized Map<String, String> faults() {
    Map<String, String> all = new LinkedHashMap<>();
    faults.forEach((name, fault) -> all.put(name, fault.wireName()));
    return all;
  }

  @PreDestroy
  void remove() {
    repositories.values().forEach(r -> r.repository().close());
    try (Stream<Path> paths = Files.walk(root)) {
      List<Path> all = new ArrayList<>(paths.toList());
      all.sort(Comparator.reverseOrder());
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.warnf("cannot remove the simulated Git repositories in %s: %s", root, e.getMessage());
    }
  }
}
