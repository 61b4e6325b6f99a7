package dev.gort.common.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gort.testsupport.StubHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which destinations the guard connects to, over real sockets on loopback: allowed ones are
 * fetched, refused ones never see a connection, and redirects go through the same checks.
 */
class OutboundFetcherTest extends FetcherTestBase {

  private static final String DOCUMENT =
      "{\"tests\": [{\"name\": \"boots\", \"status\": \"passed\"}]}";

  private final List<String> hostHeaders = new CopyOnWriteArrayList<>();
  private final AtomicInteger hops = new AtomicInteger();
  private HttpServer stub;
  private HttpServer second;

  @AfterEach
  void stopStubs() {
    for (HttpServer server : new HttpServer[] {stub, second}) {
      if (server != null) {
        server.stop(0);
      }
    }
  }

  @Test
  void anAllowListedDestinationIsFetched() throws Exception {
    stub = StubHttp.start("/", this::serve);
    OutboundFetcher fetcher = fetcher(OutboundPolicy.allowing("127.0.0.1:" + port(stub)));

    FetchedBody body = fetcher.fetch("results", StubHttp.baseUrl(stub) + "/doc", CAP);

    assertThat(body.text()).isEqualTo(DOCUMENT);
    assertThat(body.length()).isEqualTo(DOCUMENT.length());
  }

  @Test
  void loopbackThatIsNotAllowListedIsRefusedWithoutAConnection() throws Exception {
    try (Listener listener = Listener.open()) {
      OutboundFetcher fetcher =
          fetcher(OutboundPolicy.allowing("127.0.0.1:" + otherThan(listener)));

      assertThatThrownBy(
              () -> fetcher.fetch("results", "http://127.0.0.1:" + listener.port() + "/r", CAP))
          .isInstanceOf(OutboundFetchException.class)
          .hasMessage("results could not be fetched from 127.0.0.1")
          .satisfies(e -> assertThat(((OutboundFetchException) e).refused()).isTrue());
      assertThat(listener.wasConnected()).isFalse();
    }
  }

  @Test
  void aHostNameThatResolvesToLoopbackIsRefusedWithoutAConnection() throws Exception {
    try (Listener listener = Listener.open()) {
      OutboundFetcher fetcher = fetcher(OutboundPolicy.allowing());

      assertThatThrownBy(
              () -> fetcher.fetch("results", "http://localhost:" + listener.port() + "/r", CAP))
          .isInstanceOf(OutboundFetchException.class)
          .hasMessage("results could not be fetched from localhost")
          .satisfies(e -> assertThat(((OutboundFetchException) e).refused()).isTrue());
      assertThat(listener.wasConnected()).isFalse();
    }
  }

  @Test
  void ipv6LoopbackAndIpv4MappedLoopbackAreRefusedWithoutAConnection() throws Exception {
    try (Listener listener = Listener.open()) {
      OutboundFetcher fetcher = fetcher(OutboundPolicy.allowing());

      for (String host : List.of("[::1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]")) {
        assertThatThrownBy(
                () -> fetcher.fetch("results", "http://" + host + ":" + listener.port() + "/", CAP))
            .isInstanceOf(OutboundFetchException.class)
            .hasMessage("results could not be fetched from " + host)
            .satisfies(e -> assertThat(((OutboundFetchException) e).refused()).isTrue());
      }
      assertThat(listener.wasConnected()).isFalse();
    }
  }

  @Test
  void privateAndMetadataAddressesAreRefusedBeforeAnyConnectionIsTried() {
    // connect timeout of a minute: a connection attempt to these would not end in time
    OutboundFetcher fetcher =
        fetcher(
            OutboundPolicy.allowing(),
            new OutboundLimits(
                3,
                java.time.Duration.ofMinutes(1),
                java.time.Duration.ofMinutes(1),
                java.time.Duration.ofMinutes(1)));

    for (String url :
        List.of(
            "http://10.0.0.1/r",
            "http://169.254.169.254/latest/meta-data/",
            "http://192.168.1.1:8080/r",
            "http://100.64.0.1/r",
            "http://0.0.0.0/r",
            "http://[fd00:ec2::254]/r",
            "http://2130706433/r")) {
      long started = System.nanoTime();
      assertThatThrownBy(() -> fetcher.fetch("results", url, CAP))
          .as(url)
          .isInstanceOf(OutboundFetchException.class)
          .satisfies(e -> assertThat(((OutboundFetchException) e).refused()).as(url).isTrue());
      assertThat(elapsedMillis(started)).as(url).isLessThan(2_000);
    }
  }

  @Test
  void aNameIsRefusedWhenAnyOfItsAddressesIsRefused() throws Exception {
    try (Listener listener = Listener.open()) {
      // a rebinding name answers a public address and loopback together
      HostResolver resolver =
          host ->
              new InetAddress[] {
                InetAddress.getByName("93.184.216.34"), InetAddress.getByName("127.0.0.1")
              };
      OutboundFetcher fetcher = fetcher(OutboundPolicy.allowing(), LIMITS, resolver, null);

      assertThatThrownBy(
              () ->
                  fetcher.fetch(
                      "results", "http://results.gort.test:" + listener.port() + "/r", CAP))
          .isInstanceOf(OutboundFetchException.class)
          .satisfies(e -> assertThat(((OutboundFetchException) e).refused()).isTrue());
      assertThat(listener.wasConnected()).isFalse();
    }
  }

  @Test
  void theNameIsResolvedOnceAndTheConnectionGoesToTheCheckedAddressWithTheOriginalHost()
      throws Exception {
    stub = StubHttp.start("/", this::serve);
    AtomicInteger lookups = new AtomicInteger();
    // answers loopback once, then an address the test cannot serve: a second lookup would fail
    HostResolver rebinding =
        host -> {
          assertThat(host).isEqualTo("results.gort.test");
          return new InetAddress[] {
            InetAddress.getByName(lookups.getAndIncrement() == 0 ? "127.0.0.1" : "10.9.9.9")
          };
        };
    OutboundFetcher fetcher =
        fetcher(
            OutboundPolicy.allowing("results.gort.test:" + port(stub)), LIMITS, rebinding, null);

    FetchedBody body =
        fetcher.fetch("results", "http://results.gort.test:" + port(stub) + "/doc", CAP);

    assertThat(body.text()).isEqualTo(DOCUMENT);
    assertThat(lookups).hasValue(1);
    assertThat(hostHeaders).containsExactly("results.gort.test:" + port(stub));
  }

  @Test
  void aRedirectToARefusedAddressIsRefusedWithoutAConnection() throws Exception {
    try (Listener listener = Listener.open()) {
      String refused = "http://127.0.0.1:" + listener.port() + "/internal";
      stub = StubHttp.start("/", exchange -> redirect(exchange, refused));
      OutboundFetcher fetcher = fetcher(OutboundPolicy.allowing("127.0.0.1:" + port(stub)));

      assertThatThrownBy(() -> fetcher.fetch("results", StubHttp.baseUrl(stub) + "/r", CAP))
          .isInstanceOf(OutboundFetchException.class)
          .hasMessage("results could not be fetched from 127.0.0.1")
          .satisfies(e -> assertThat(((OutboundFetchException) e).refused()).isTrue());
      assertThat(listener.wasConnected()).isFalse();
    }
  }

  @Test
  void aRedirectToTheMetadataServiceOrAnotherSchemeIsRefused() throws Exception {
    for (String location :
        List.of("http://169.254.169.254/latest/meta-data/", "file:///etc/passwd")) {
      stub = StubHttp.start("/", exchange -> redirect(exchange, location));
      OutboundFetcher fetcher = fetcher(OutboundPolicy.allowing("127.0.0.1:" + port(stub)));

      assertThatThrownBy(() -> fetcher.fetch("results", StubHttp.baseUrl(stub) + "/r", CAP))
          .as(location)
          .isInstanceOf(OutboundFetchException.class)
          .satisfies(e -> assertThat(((OutboundFetchException) e).refused()).isTrue());
      stub.stop(0);
    }
    stub = null;
  }

  @Test
  void aRedirectToAnAllowedTargetIsFollowed() throws Exception {
    second = StubHttp.start("/", this::serve);
    stub =
        StubHttp.start(
            "/",
            exchange ->
                redirect(
                    exchange,
                    exchange.getRequestURI().getPath().equals("/first")
                        ? "/relative"
                        : StubHttp.baseUrl(second) + "/doc"));
    OutboundFetcher fetcher =
        fetcher(OutboundPolicy.allowing("127.0.0.1:" + port(stub), "127.0.0.1:" + port(second)));

    FetchedBody body = fetcher.fetch("results", StubHttp.baseUrl(stub) + "/first", CAP);

    assertThat(body.text()).isEqualTo(DOCUMENT);
    assertThat(hostHeaders).containsExactly("127.0.0.1:" + port(second));
  }

  @Test
  void headersGoToTheFirstOriginAndNotAcrossARedirectToAnother() throws Exception {
    List<String> blobAuthorization = new CopyOnWriteArrayList<>();
    List<String> apiAuthorization = new CopyOnWriteArrayList<>();
    second =
        StubHttp.start(
            "/",
            exchange -> {
              blobAuthorization.add(
                  String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
              serve(exchange);
            });
    stub =
        StubHttp.start(
            "/",
            exchange -> {
              apiAuthorization.add(
                  String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
              redirect(
                  exchange,
                  exchange.getRequestURI().getPath().equals("/zip")
                      ? "/zip-again"
                      : StubHttp.baseUrl(second) + "/blob");
            });
    OutboundFetcher fetcher =
        fetcher(OutboundPolicy.allowing("127.0.0.1:" + port(stub), "127.0.0.1:" + port(second)));

    FetchedBody body =
        fetcher.fetch(
            "artifact",
            StubHttp.baseUrl(stub) + "/zip",
            CAP,
            Duration.ofSeconds(5),
            Map.of("Authorization", "Bearer t0ken"));

    assertThat(body.text()).isEqualTo(DOCUMENT);
    assertThat(apiAuthorization)
        .as("the same origin, redirect included")
        .containsExactly("Bearer t0ken", "Bearer t0ken");
    assertThat(blobAuthorization).as("another origin").containsExactly("null");
  }

  @Test
  void moreRedirectsThanAllowedAreNotFollowed() throws Exception {
    stub = StubHttp.start("/", exchange -> redirect(exchange, "/hop/" + hops.incrementAndGet()));
    OutboundFetcher fetcher = fetcher(OutboundPolicy.allowing("127.0.0.1:" + port(stub)));

    assertThatThrownBy(() -> fetcher.fetch("results", StubHttp.baseUrl(stub) + "/hop/0", CAP))
        .isInstanceOf(OutboundFetchException.class)
        .hasMessage("results could not be fetched from 127.0.0.1")
        .satisfies(e -> assertThat(((OutboundFetchException) e).refused()).isFalse());
    assertThat(hops).as("the first request and 3 redirects, no fourth").hasValue(4);
  }

  @Test
  void aUrlThatIsNotHttpOrCarriesUserInfoIsRefusedAndTheErrorNamesOnlyTheHost() {
    OutboundFetcher fetcher = fetcher(OutboundPolicy.allowing());

    assertThatThrownBy(() -> fetcher.fetch("results", "ftp://files.example/r", CAP))
        .hasMessage("results could not be fetched from files.example");
    assertThatThrownBy(() -> fetcher.fetch("results", "http://admin:hunter2@files.example/r", CAP))
        .hasMessage("results could not be fetched from files.example")
        .satisfies(e -> assertThat(((OutboundFetchException) e).refused()).isTrue());
    assertThatThrownBy(() -> fetcher.fetch("webhook", "not a url", CAP))
        .hasMessage("webhook could not be fetched from an unusable URL");
  }

  @Test
  void aFetchOnAnEventLoopIsRefusedBecauseItWouldBlockIt() throws Exception {
    OutboundFetcher fetcher = fetcher(OutboundPolicy.allowing());
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();

    vertx.runOnContext(
        v -> {
          try {
            fetcher.fetch("results", "http://example.org/", CAP);
            thrown.complete(null);
          } catch (Throwable e) {
            thrown.complete(e);
          }
        });

    assertThat(thrown.get(5, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      hostHeaders.add(exchange.getRequestHeaders().getFirst("Host"));
      StubHttp.respondJson(exchange, 200, DOCUMENT.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void redirect(HttpExchange exchange, String location) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("Location", location);
      exchange.sendResponseHeaders(302, -1);
    }
  }

  private static int port(HttpServer server) {
    return server.getAddress().getPort();
  }

  private static int otherThan(Listener listener) {
    return listener.port() == 65535 ? 65534 : listener.port() + 1;
  }

  static long elapsedMillis(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }
}
