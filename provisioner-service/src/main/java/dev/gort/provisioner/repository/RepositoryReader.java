package dev.gort.provisioner.repository;

import dev.gort.common.outbound.OutboundFetcher;
import dev.gort.common.web.Untrusted;
import dev.gort.provisioner.repository.RepositoryException.Reason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportHttp;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.util.FileUtils;
import org.jboss.logging.Logger;

/**
 * Seed 004, step 1: clone an owner's repository and read its environment files. The clone is
 * shallow (depth 1, the remote's HEAD only, no tags) into a bare temporary repository deleted
 * afterwards, and every request of it goes through the outbound guard ({@link GuardedGitHttp}).
 * Before anything is sent the URL must be http(s) without user info, plain http only to a
 * destination the guard's allow-list names, and every address its host resolves to allowed. Failure
 * point 1: a failed clone is retried once (not when refused or too large), then fails with the
 * seed's advice.
 *
 * <p>Blocking: call it from a worker thread.
 */
@ApplicationScoped
public class RepositoryReader {

  private static final Logger LOG = Logger.getLogger(RepositoryReader.class);
  private static final Set<String> SCHEMES = Set.of("http", "https");
  private static final int LOG_CHARS = 200;

  private final OutboundFetcher fetcher;
  private final RepositoryConfig config;

  @Inject
  public RepositoryReader(OutboundFetcher fetcher, RepositoryConfig config) {
    this.fetcher = fetcher;
    this.config = config;
  }

  /**
   * Shallow clone (depth 1) through the outbound guard, caps on bytes/time/files, retry once; the
   * seed's env files (≤10 KB each, cut).
   *
   * @throws RepositoryException with the reason and the seed's advice
   */
  public RepositoryFiles read(String givenUrl) throws RepositoryException {
    String url = givenUrl == null ? null : givenUrl.trim();
    refuseUnusable(url);
    String host = hostOf(url);
    int attempts = 1 + Math.max(0, config.retries());
    for (int attempt = 1; ; attempt++) {
      try {
        RepositoryFiles files = cloneOnce(url);
        LOG.infof(
            "repository at %s read: commit %s, %d environment files (%d cut)",
            host, files.commit(), files.files().size(), files.cut().size());
        return files;
      } catch (RepositoryException e) {
        boolean again = attempt < attempts && e.reason().retryable();
        LOG.warnf(
            "repository at %s not cloned (attempt %d of %d): %s%s",
            host, attempt, attempts, e.reason(), again ? "; retrying" : "");
        if (!again) {
          throw e;
        }
        pause(config.retryDelay());
      }
    }
  }

  private void refuseUnusable(String url) throws RepositoryException {
    if (url == null || url.isBlank()) {
      throw refused("no URL");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw refused("not a URL (an scp-like or local path is not cloned)");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!SCHEMES.contains(scheme)) {
      throw refused("scheme '" + scheme + "' (only http(s) is cloned)");
    }
    if (uri.getRawUserInfo() != null) {
      throw refused("a URL with user info");
    }
    Optional<String> refusal = fetcher.refusal(url, true);
    if (refusal.isPresent()) {
      throw refused(refusal.get());
    }
  }

  private static RepositoryException refused(String why) {
    LOG.infof("repository URL refused: %s", Untrusted.escape(why, LOG_CHARS));
    return new RepositoryException(Reason.REFUSED);
  }

  private RepositoryFiles cloneOnce(String url) throws RepositoryException {
    GuardedGitHttp http = new GuardedGitHttp(fetcher, config.maxPackBytes(), config.deadline());
    Path directory;
    try {
      directory = Files.createTempDirectory("gort-clone-");
    } catch (IOException e) {
      throw new IllegalStateException("no temporary directory for a clone", e);
    }
    try (Git git = Git.init().setBare(true).setDirectory(directory.toFile()).call();
        Transport transport = Transport.open(git.getRepository(), new URIish(url))) {
      if (!(transport instanceof TransportHttp httpTransport)) {
        throw refused("not an http(s) transport");
      }
      httpTransport.setHttpConnectionFactory(http);
      transport.setDepth(1);
      transport.setTagOpt(TagOpt.NO_TAGS);
      Repository repository = git.getRepository();
      ObjectId head;
      try (FetchConnection connection = transport.openFetch(List.of(new RefSpec("HEAD")))) {
        Ref advertised = connection.getRef("HEAD");
        if (advertised == null || advertised.getObjectId() == null) {
          // a repository without commits: nothing to read, which the requirements rules handle
          return new RepositoryFiles(url, null, Map.of(), List.of());
        }
        head = advertised.getObjectId();
        connection.fetch(NullProgressMonitor.INSTANCE, List.of(advertised), Set.of());
      }
      EnvironmentFiles.Found found =
          EnvironmentFiles.read(repository, head, config.maxFilesScanned(), config.fileCutBytes());
      if (http.pastDeadline()) {
        throw new RepositoryException(Reason.TIMED_OUT);
      }
      return new RepositoryFiles(url, head.name(), found.files(), found.cut());
    } catch (URISyntaxException e) {
      throw refused("not a Git URL");
    } catch (GitAPIException | IOException | RuntimeException e) {
      Reason reason = reasonFor(http, e);
      LOG.debugf(
          "clone failed (%s): %s",
          reason, Untrusted.escape(String.valueOf(e.getMessage()), LOG_CHARS));
      throw new RepositoryException(reason);
    } finally {
      delete(directory);
    }
  }

  /** Why a clone failed: what the guard said if it said anything, else what JGit's error says. */
  static Reason reasonFor(GuardedGitHttp http, Exception error) {
    GuardedGitHttp.Failure failure = http.failure();
    if (failure != null) {
      switch (failure.kind()) {
        case REFUSED:
          return Reason.REFUSED;
        case TOO_LARGE:
          return Reason.TOO_LARGE;
        case TIMED_OUT:
          return Reason.TIMED_OUT;
        case ANSWERED:
          int status = failure.status();
          // 401 and 403: a private repository, or none (GitHub asks for credentials for both)
          return status == 404 || status == 401 || status == 403 || status == 410
              ? Reason.NOT_FOUND
              : Reason.FAILED;
        default:
          return Reason.FAILED;
      }
    }
    if (error instanceof NoRemoteRepositoryException) {
      return Reason.NOT_FOUND;
    }
    return http.pastDeadline() ? Reason.TIMED_OUT : Reason.FAILED;
  }

  private static void delete(Path directory) {
    try {
      FileUtils.delete(
          directory.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY | FileUtils.SKIP_MISSING);
    } catch (IOException e) {
      LOG.warnf("temporary clone %s not deleted: %s", directory, e.getMessage());
    }
  }

  private static void pause(Duration delay) throws RepositoryException {
    if (delay.isZero() || delay.isNegative()) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RepositoryException(Reason.FAILED);
    }
  }

  /** The host for the log: never the path or query, which may carry a token. */
  public static String hostOf(String url) {
    try {
      String host = new URI(url).getHost();
      return host == null ? "an unusable URL" : Untrusted.escape(host, 100);
    } catch (URISyntaxException e) {
      return "an unusable URL";
    }
  }
}
