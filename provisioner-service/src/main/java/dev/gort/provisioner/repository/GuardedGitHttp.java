package dev.gort.provisioner.repository;

import dev.gort.common.outbound.OutboundFetchException;
import dev.gort.common.outbound.OutboundFetcher;
import java.net.Proxy;
import java.net.SocketException;
import java.net.URL;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.HttpConnectionFactory;

/**
 * JGit's HTTP for one clone attempt, over the outbound guard: every request JGit makes (the refs'
 * GET, each upload-pack POST) is a fetch or POST of {@link OutboundFetcher}, so it passes the
 * guard's checks (http(s), no user info, every resolved address allowed, the connection pinned to a
 * checked address, timeouts, size cap) and no byte reaches the network another way. JGit's proxy,
 * timeouts and TLS settings are not used: the guard's are. Shares one deadline across the attempt's
 * requests and remembers why the guard failed one, which JGit's own error would hide.
 */
final class GuardedGitHttp implements HttpConnectionFactory {

  private final OutboundFetcher fetcher;
  private final int maxAnswerBytes;
  private final long until;
  private final Duration deadline;
  private final AtomicReference<Failure> failure = new AtomicReference<>();
  private final java.util.concurrent.atomic.AtomicLong received =
      new java.util.concurrent.atomic.AtomicLong();

  /** Why a request of the attempt did not get the answer it needed. */
  record Failure(OutboundFetchException.Failure kind, int status) {}

  GuardedGitHttp(OutboundFetcher fetcher, int maxAnswerBytes, Duration deadline) {
    this.fetcher = fetcher;
    this.maxAnswerBytes = maxAnswerBytes;
    this.deadline = deadline;
    this.until = System.nanoTime() + deadline.toNanos();
  }

  @Override
  public HttpConnection create(URL url) {
    return new GuardedGitConnection(this, url);
  }

  @Override
  public HttpConnection create(URL url, Proxy proxy) {
    // the guard connects to the address it checked, never through a proxy
    return new GuardedGitConnection(this, url);
  }

  OutboundFetcher fetcher() {
    return fetcher;
  }

  /** The cap for the next answer: what is left of the attempt's bytes (all answers together). */
  int maxAnswerBytes() {
    return (int) Math.max(0, maxAnswerBytes - received.get());
  }

  void received(int bytes) {
    received.addAndGet(bytes);
  }

  /** What is left of the attempt's deadline for the next request. */
  Duration remaining() throws GuardFailure {
    long left = until - System.nanoTime();
    if (left <= 0) {
      throw failed(new Failure(OutboundFetchException.Failure.TIMED_OUT, 0));
    }
    return Duration.ofNanos(left);
  }

  boolean pastDeadline() {
    return until - System.nanoTime() <= 0;
  }

  Duration deadline() {
    return deadline;
  }

  /** The first failure the guard reported in this attempt, if any. */
  Failure failure() {
    return failure.get();
  }

  void answered(int status) {
    failure.compareAndSet(null, new Failure(OutboundFetchException.Failure.ANSWERED, status));
  }

  GuardFailure failed(Failure why) {
    failure.compareAndSet(null, why);
    return new GuardFailure(why);
  }

  /**
   * A request the guard did not complete. A {@link SocketException} because JGit then gives up at
   * once instead of trying other authentication methods with a second request.
   */
  static final class GuardFailure extends SocketException {

    GuardFailure(Failure why) {
      super("the outbound guard did not complete the request: " + why.kind());
    }
  }
}
