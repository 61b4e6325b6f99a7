package dev.gort.common.outbound;

import dev.gort.common.web.Untrusted;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The one way to reach a URL that came from outside: fetch it (a runner's results, later git
 * remotes) or post to it (an owner's webhooks). Per hop: the URL must be http(s) without user info;
 * its host is resolved once and every address it resolves to must pass the {@link OutboundPolicy};
 * the connection then goes to a checked address (never a second lookup, so DNS rebinding cannot
 * swap it), with the URL's host in the Host header and for TLS SNI and hostname verification. A
 * fetch follows redirects only to targets that pass the same checks, at most {@code max-redirects};
 * a POST follows none. Connect and read timeouts, an overall deadline, and a size cap enforced
 * while the body streams in: the connection is closed as soon as the cap is passed. Whatever goes
 * wrong, the caller gets one generic {@link OutboundFetchException} with the status it was answered
 * with, if any, and the kind of failure (refused, answered, too large, timed out, failed); the
 * detail goes to the log, escaped and bounded. An answer's body comes with its {@code
 * Content-Type}. Nothing of a request's or an answer's headers or body is ever logged.
 *
 * <p>Blocking: call it from a worker thread, never an event loop.
 */
@Singleton
public class OutboundFetcher implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(OutboundFetcher.class);
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final int LOOKUP_THREADS = 4;
  private static final int MAX_HOST_CHARS = 100;
  private static final int LOG_CHARS = 300;

  /** Headers the guard writes itself: a caller's would contradict the checked target or body. */
  private static final Set<String> GUARD_HEADERS =
      Set.of("host", "content-length", "transfer-encoding", "connection", "expect", "upgrade");

  private static final Hop GET = new Hop(HttpMethod.GET, Map.of(), null);

  private final OutboundPolicy policy;
  private final OutboundLimits limits;
  private final HostResolver resolver;
  private final HttpClient http;
  private final ExecutorService lookups;

  @Inject
  public OutboundFetcher(Vertx vertx, OutboundConfig config) {
    this(
        vertx,
        new OutboundPolicy(config.allow().orElse(List.of())),
        OutboundLimits.of(config),
        HostResolver.SYSTEM,
        null);
  }

  /**
   * @param trust whom TLS trusts; null for the JDK's default trust store
   */
  OutboundFetcher(
      Vertx vertx,
      OutboundPolicy policy,
      OutboundLimits limits,
      HostResolver resolver,
      TrustOptions trust) {
    this.policy = policy;
    this.limits = limits;
    this.resolver = resolver;
    HttpClientOptions options =
        new HttpClientOptions()
            // a connection per fetch, closed when it ends: nothing pooled outlives a check
            .setKeepAlive(false)
            .setConnectTimeout(millis(limits.connectTimeout()))
            .setVerifyHost(true)
            .setForceSni(true)
            .setMaxRedirects(0)
            .setDecompressionSupported(false);
    if (trust != null) {
      options.setTrustOptions(trust);
    }
    this.http = vertx.createHttpClient(options);
    // a lookup that hangs must not outlast the deadline; the JDK resolver cannot be interrupted
    this.lookups =
        Executors.newFixedThreadPool(
            LOOKUP_THREADS,
            task -> {
              Thread thread = new Thread(task, "outbound-lookup");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** {@link #fetch(String, String, int, Duration)} with the guard's own deadline. */
  public FetchedBody fetch(String what, String url, int maxBytes) throws OutboundFetchException {
    return fetch(what, url, maxBytes, limits.deadline());
  }

  /**
   * Fetches {@code url} with GET and answers its body (status 200 only).
   *
   * @param what what is fetched, for the error ("results" gives "results could not be fetched from
   *     host")
   * @param maxBytes the largest body accepted; the fetch stops as soon as it is passed
   * @param deadline the longest the whole fetch may take, redirects included; never more than the
   *     guard's {@code gort.outbound.deadline}
   * @throws OutboundFetchException refused or failed, for whatever reason (logged, not told)
   * @throws IllegalStateException on an event loop, where it must not block
   */
  public FetchedBody fetch(String what, String url, int maxBytes, Duration deadline)
      throws OutboundFetchException {
    return fetch(what, url, maxBytes, deadline, Map.of());
  }

  /**
   * {@link #fetch(String, String, int, Duration)} with request headers (credentials, {@code
   * Accept}) that go to {@code url}'s origin only: a redirect to another origin (an API answering
   * with a signed link to its blob store) is followed without them, as browsers and curl do.
   */
  public FetchedBody fetch(
      String what, String url, int maxBytes, Duration deadline, Map<String, String> headers)
      throws OutboundFetchException {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("an outbound fetch blocks; it must not run on an event loop");
    }
    if (maxBytes < 0) {
      throw new IllegalArgumentException("a negative size cap: " + maxBytes);
    }
    Duration budget = deadline.compareTo(limits.deadline()) < 0 ? deadline : limits.deadline();
    long until = System.nanoTime() + budget.toNanos();
    String at = hostOf(url);
    try {
      OutboundTarget target = OutboundTarget.parse(url);
      String firstOrigin = target.origin();
      Hop withHeaders = new Hop(HttpMethod.GET, checkedHeaders(headers), null);
      for (int redirects = 0; ; redirects++) {
        at = target.origin();
        Hop hop = at.equals(firstOrigin) ? withHeaders : GET;
        Answer answer = fetchOnce(target, hop, maxBytes, until, budget);
        if (answer.body() != null) {
          return answer.body().at(target.uri().toString());
        }
        if (redirects == limits.maxRedirects()) {
          throw NotFetchedException.failed(
              "more than " + limits.maxRedirects() + " redirects (last " + answer.status() + ")");
        }
        target = target.redirect(answer.location());
      }
    } catch (NotFetchedException e) {
      LOG.warnf(
          "%s not fetched (%s, at %s): %s",
          what,
          e.refused() ? "refused" : "failed",
          Untrusted.escape(String.valueOf(at), LOG_CHARS),
          Untrusted.escape(String.valueOf(e.getMessage()), LOG_CHARS));
      throw OutboundFetchException.notFetched(
          what,
          Untrusted.escape(String.valueOf(hostOf(url)), MAX_HOST_CHARS),
          e.failure(),
          e.status());
    }
  }

  /** What a POST was answered: a 2xx status and the answer's body, cut at the cap. */
  public record Posted(int status, FetchedBody body) {}

  /** {@link #post(String, String, Map, byte[], int, Duration)} with the guard's own deadline. */
  public Posted post(
      String what, String url, Map<String, String> headers, byte[] body, int maxAnswerBytes)
      throws OutboundFetchException {
    return post(what, url, headers, body, maxAnswerBytes, limits.deadline());
  }

  /**
   * POSTs {@code body} to {@code url} with {@code headers} (the guard writes Host, Content-Length
   * and Connection itself), under the same checks, timeouts and deadline as a fetch. Redirects are
   * not followed: a 3xx is an answer like any other that is not 2xx. Of a 2xx answer's body at most
   * {@code maxAnswerBytes} are read; past them the connection is closed and what was read is the
   * answer (the POST was taken), marked {@link FetchedBody#truncated()}. The body of any other
   * answer is not read.
   *
   * @param what what is posted, for the error ("webhook" gives "webhook could not be delivered to
   *     host")
   * @param deadline the longest the whole POST may take; never more than {@code
   *     gort.outbound.deadline}
   * @return the 2xx answer
   * @throws OutboundFetchException refused, not answered, or answered with another status ({@link
   *     OutboundFetchException#status()}); the detail is logged, not told
   * @throws IllegalStateException on an event loop, where it must not block
   * @throws IllegalArgumentException for a header the guard writes itself, or one with a control
   *     character (the caller's mistake, never the destination's)
   */
  public Posted post(
      String what,
      String url,
      Map<String, String> headers,
      byte[] body,
      int maxAnswerBytes,
      Duration deadline)
      throws OutboundFetchException {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("an outbound POST blocks; it must not run on an event loop");
    }
    if (maxAnswerBytes < 0) {
      throw new IllegalArgumentException("a negative size cap: " + maxAnswerBytes);
    }
    Hop hop = new Hop(HttpMethod.POST, checkedHeaders(headers), body == null ? new byte[0] : body);
    Duration budget = deadline.compareTo(limits.deadline()) < 0 ? deadline : limits.deadline();
    long until = System.nanoTime() + budget.toNanos();
    String at = hostOf(url);
    try {
      OutboundTarget target = OutboundTarget.parse(url);
      at = target.origin();
      Answer answer = fetchOnce(target, hop, maxAnswerBytes, until, budget);
      return new Posted(answer.status(), answer.body().at(target.uri().toString()));
    } catch (NotFetchedException e) {
      LOG.warnf(
          "%s not delivered (%s, at %s): %s",
          what,
          e.refused() ? "refused" : "failed",
          Untrusted.escape(String.valueOf(at), LOG_CHARS),
          Untrusted.escape(String.valueOf(e.getMessage()), LOG_CHARS));
      throw OutboundFetchException.notDelivered(
          what,
          Untrusted.escape(String.valueOf(hostOf(url)), MAX_HOST_CHARS),
          e.failure(),
          e.status());
    }
  }

  /**
   * Why the guard would refuse {@code url} now, or empty when it would connect: the checks a fetch
   * or POST makes before connecting (http(s), no user info, a host that resolves, every address it
   * resolves to allowed) and, with {@code requireHttps}, plain http only to a destination the
   * allow-list names. For checking a URL when an owner gives it (a webhook), so the owner hears at
   * once why it cannot be used: the reason says what the URL and its name's addresses are, nothing
   * of what lies behind them. A later fetch or POST checks again, on the addresses it resolves
   * then.
   *
   * @throws IllegalStateException on an event loop, where it must not block (it resolves the name)
   */
  public Optional<String> refusal(String url, boolean requireHttps) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException(
          "a URL check resolves names; it must not run on an event loop");
    }
    Duration budget = limits.connectTimeout();
    try {
      OutboundTarget target = OutboundTarget.parse(url);
      InetAddress[] addresses = resolve(target, System.nanoTime() + budget.toNanos(), budget);
      for (InetAddress address : addresses) {
        Optional<String> refusal = policy.refusal(target.host(), target.port(), address);
        if (refusal.isPresent()) {
          return refusal;
        }
      }
      if (requireHttps && !target.https()) {
        for (InetAddress address : addresses) {
          if (!policy.allowListed(target.host(), target.port(), address)) {
            return Optional.of(
                "plain http to "
                    + target.host()
                    + ":"
                    + target.port()
                    + " is not allow-listed: use https");
          }
        }
      }
      return Optional.empty();
    } catch (NotFetchedException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static Map<String, String> checkedHeaders(Map<String, String> headers) {
    if (headers == null) {
      return Map.of();
    }
    for (Map.Entry<String, String> header : headers.entrySet()) {
      String name = header.getKey();
      if (name == null
          || name.isBlank()
          || header.getValue() == null
          || GUARD_HEADERS.contains(name.toLowerCase(Locale.ROOT))
          || Untrusted.hasControlCharacter(name)
          || Untrusted.hasControlCharacter(header.getValue())) {
        throw new IllegalArgumentException(
            "header " + Untrusted.quote(name) + " may not be sent through the guard");
      }
    }
    return Map.copyOf(headers);
  }

  /** One hop: resolve, check every address, then ask the first that connects. */
  private Answer fetchOnce(
      OutboundTarget target, Hop hop, int maxBytes, long until, Duration budget)
      throws NotFetchedException {
    InetAddress[] addresses = resolve(target, until, budget);
    for (InetAddress address : addresses) {
      var refusal = policy.refusal(target.host(), target.port(), address);
      if (refusal.isPresent()) {
        throw NotFetchedException.refused(refusal.get());
      }
    }
    NotFetchedException lastFailure = null;
    for (InetAddress address : addresses) {
      try {
        return exchange(target, address, hop, maxBytes, until, budget);
      } catch (NotFetchedException e) {
        if (!e.connectFailed()) {
          throw e;
        }
        lastFailure = e;
      }
    }
    throw lastFailure;
  }

  private InetAddress[] resolve(OutboundTarget target, long until, Duration budget)
      throws NotFetchedException {
    long left = remaining(until, budget);
    Future<InetAddress[]> lookup = lookups.submit(() -> resolver.resolve(target.lookupName()));
    try {
      InetAddress[] addresses = lookup.get(left, TimeUnit.NANOSECONDS);
      if (addresses == null || addresses.length == 0) {
        throw NotFetchedException.failed(target.host() + " resolves to no address");
      }
      return addresses;
    } catch (TimeoutException e) {
      lookup.cancel(true);
      throw NotFetchedException.timedOut(
          "no address for " + target.host() + " within the deadline of " + budget);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownHostException) {
        throw NotFetchedException.failed(target.host() + " does not resolve");
      }
      throw NotFetchedException.failed("resolving " + target.host() + ": " + causes(e.getCause()));
    } catch (InterruptedException e) {
      lookup.cancel(true);
      Thread.currentThread().interrupt();
      throw NotFetchedException.failed("interrupted");
    }
  }

  private Answer exchange(
      OutboundTarget target,
      InetAddress address,
      Hop hop,
      int maxBytes,
      long until,
      Duration budget)
      throws NotFetchedException {
    long left = remaining(until, budget);
    CompletableFuture<Answer> answer = new CompletableFuture<>();
    AtomicReference<HttpConnection> connection = new AtomicReference<>();
    // when the server last sent something; the read timeout counts from here once connected
    AtomicLong lastHeard = new AtomicLong();
    RequestOptions request =
        new RequestOptions()
            .setMethod(hop.method())
            // the checked address; host and port below give Host, SNI and hostname verification
            .setServer(
                SocketAddress.inetSocketAddress(new InetSocketAddress(address, target.port())))
            .setHost(target.host())
            .setPort(target.port())
            .setSsl(target.https())
            .setURI(target.requestUri())
            .setFollowRedirects(false)
            .setConnectTimeout(
                Math.max(1, Math.min(limits.connectTimeout().toMillis(), left / 1_000_000)))
            .putHeader(HttpHeaders.USER_AGENT, "gort");
    hop.headers().forEach(request::putHeader);
    http.request(request)
        .onComplete(
            created -> {
              if (created.failed()) {
                answer.completeExceptionally(
                    NotFetchedException.connectFailed(
                        "no connection to "
                            + address.getHostAddress()
                            + ": "
                            + causes(created.cause())));
                return;
              }
              HttpClientRequest sent = created.result();
              lastHeard.set(System.nanoTime());
              connection.set(sent.connection());
              if (answer.isDone()) {
                // the caller stopped waiting while this connection was being made
                sent.connection().close();
                return;
              }
              (hop.body() == null ? sent.send() : sent.send(Buffer.buffer(hop.body())))
                  .onComplete(
                      response -> {
                        if (response.failed()) {
                          answer.completeExceptionally(
                              NotFetchedException.failed("no answer: " + causes(response.cause())));
                        } else if (hop.body() != null) {
                          readPosted(response.result(), maxBytes, answer, lastHeard);
                        } else {
                          read(response.result(), maxBytes, answer, lastHeard);
                        }
                      });
            });
    try {
      return await(answer, connection, lastHeard, until, budget);
    } catch (NotFetchedException e) {
      answer.cancel(false);
      close(connection.get());
      throw e;
    }
  }

  /**
   * Waits for the hop's answer until the deadline, and no longer than the read timeout once
   * connected without hearing from the server: in slices, so silence is noticed within a quarter of
   * the read timeout, during the answer's head and its body alike.
   */
  private Answer await(
      CompletableFuture<Answer> answer,
      AtomicReference<HttpConnection> connection,
      AtomicLong lastHeard,
      long until,
      Duration budget)
      throws NotFetchedException {
    long readTimeout = limits.readTimeout().toNanos();
    long slice = Math.max(readTimeout / 4, TimeUnit.MILLISECONDS.toNanos(10));
    while (true) {
      long left = remaining(until, budget);
      try {
        return answer.get(Math.min(left, slice), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        if (connection.get() != null && System.nanoTime() - lastHeard.get() >= readTimeout) {
          throw NotFetchedException.timedOut(
              "the server was silent for the read timeout of " + limits.readTimeout());
        }
      } catch (ExecutionException e) {
        if (e.getCause() instanceof NotFetchedException notFetched) {
          throw notFetched;
        }
        throw NotFetchedException.failed(causes(e.getCause()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw NotFetchedException.failed("interrupted");
      }
    }
  }

  /** On the event loop: a redirect, a refusal, or the body, read up to the cap and no further. */
  private static void read(
      HttpClientResponse response,
      int maxBytes,
      CompletableFuture<Answer> answer,
      AtomicLong lastHeard) {
    lastHeard.set(System.nanoTime());
    int status = response.statusCode();
    if (REDIRECTS.contains(status)) {
      String location = response.getHeader(HttpHeaders.LOCATION);
      close(response.request().connection());
      answer.complete(new Answer(null, status, location));
      return;
    }
    if (status != 200) {
      close(response.request().connection());
      answer.completeExceptionally(NotFetchedException.answered(status, "answered " + status));
      return;
    }
    long declared = declaredLength(response.getHeader(HttpHeaders.CONTENT_LENGTH));
    if (declared > maxBytes) {
      close(response.request().connection());
      answer.completeExceptionally(
          NotFetchedException.tooLarge(
              "declares " + declared + " bytes, more than the cap of " + maxBytes));
      return;
    }
    String contentType = response.getHeader(HttpHeaders.CONTENT_TYPE);
    BoundedBody body = new BoundedBody(maxBytes, declared);
    response.handler(
        chunk -> {
          lastHeard.set(System.nanoTime());
          if (!answer.isDone() && !body.append(chunk)) {
            close(response.request().connection());
            answer.completeExceptionally(
                NotFetchedException.tooLarge("more than the cap of " + maxBytes + " bytes"));
          }
        });
    response.exceptionHandler(
        e ->
            answer.completeExceptionally(
                NotFetchedException.failed("body broken off: " + causes(e))));
    response.endHandler(done -> answer.complete(new Answer(body.body(contentType), status, null)));
  }

  /**
   * On the event loop, for a POST: a 2xx answer's status and its body up to the cap (the rest is
   * not read: the connection is closed); any other status, redirects included, as a failure that
   * carries it, its body unread.
   */
  private static void readPosted(
      HttpClientResponse response,
      int maxBytes,
      CompletableFuture<Answer> answer,
      AtomicLong lastHeard) {
    lastHeard.set(System.nanoTime());
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      // the body is not read: the connection closing under it is expected, not an error to log
      response.exceptionHandler(ignored -> {});
      close(response.request().connection());
      answer.completeExceptionally(
          NotFetchedException.answered(
              status,
              REDIRECTS.contains(status)
                  ? "answered " + status + "; a POST follows no redirect"
                  : "answered " + status));
      return;
    }
    long declared = declaredLength(response.getHeader(HttpHeaders.CONTENT_LENGTH));
    String contentType = response.getHeader(HttpHeaders.CONTENT_TYPE);
    BoundedBody body = new BoundedBody(maxBytes, Math.min(declared, maxBytes));
    response.handler(
        chunk -> {
          lastHeard.set(System.nanoTime());
          if (!answer.isDone() && !body.append(chunk)) {
            // the POST was taken; the rest of what the destination says is not needed
            answer.complete(new Answer(body.truncatedBody(contentType), status, null));
            close(response.request().connection());
          }
        });
    response.exceptionHandler(
        e ->
            answer.completeExceptionally(
                NotFetchedException.failed("answer broken off: " + causes(e))));
    response.endHandler(done -> answer.complete(new Answer(body.body(contentType), status, null)));
  }

  /** An error with its causes, for the log: a TLS failure says why only in the innermost one. */
  private static String causes(Throwable error) {
    StringBuilder text = new StringBuilder(String.valueOf(error));
    Throwable cause = error == null ? null : error.getCause();
    for (int depth = 0; cause != null && depth < 5; depth++, cause = cause.getCause()) {
      text.append("; caused by ").append(cause);
    }
    return text.toString();
  }

  private static long declaredLength(String header) {
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void close(HttpConnection connection) {
    if (connection != null) {
      connection.close();
    }
  }

  private static long remaining(long until, Duration budget) throws NotFetchedException {
    long left = until - System.nanoTime();
    if (left <= 0) {
      throw NotFetchedException.timedOut("no complete answer within the deadline of " + budget);
    }
    return left;
  }

  /** The host the generic error names: the URL's own, never its user info, port or path. */
  private static String hostOf(String url) {
    String host = null;
    try {
      host = url == null ? null : new URI(url).getHost();
    } catch (URISyntaxException e) {
      // not a URL: named as such below
    }
    return host == null || host.isEmpty() ? "an unusable URL" : host;
  }

  private static int millis(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
  }

  @Override
  @PreDestroy
  public void close() {
    http.close();
    lookups.shutdownNow();
  }

  /** What one hop answered: a body, or a redirect's status and Location. */
  private record Answer(FetchedBody body, int status, String location) {}

  /** What one hop sends: GET without a body, or POST with one and the caller's headers. */
  private record Hop(HttpMethod method, Map<String, String> headers, byte[] body) {}
}
