package dev.gort.common.outbound;

import static dev.gort.common.outbound.OutboundFetcherTest.elapsedMillis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gort.testsupport.StubHttp;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * POSTs through the guard (an owner's webhooks): the same destination checks as a fetch, no
 * redirects, the answer's status told to the caller, the answer's body cut at the cap; and the
 * check of a URL when it is given.
 */
class OutboundPostTest extends FetcherTestBase {

  private static final byte[] BODY =
      "{\"text\": \"run finished\"}".getBytes(StandardCharsets.UTF_8);
  private static final Map<String, String> HEADERS =
      Map.of("Content-Type", "application/json", "X-Gort-Delivery", "d-1");

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private HttpServer stub;
  private HttpServer second;

  private record Received(String method, String path, Map<String, String> headers, String body) {}

  @AfterEach
  void stopStubs() {
    for (HttpServer server : new HttpServer[] {stub, second}) {
      if (server != null) {
        server.stop(0);
      }
    }
  }

  @Test
  void aPostToAnAllowListedDestinationSendsTheBodyAndHeadersAndAnswersTheStatus() throws Exception {
    stub = StubHttp.start("/", exchange -> answer(exchange, 202, "ok"));
    OutboundFetcher fetcher = fetcher(OutboundPolicy.allowing("127.0.0.1:" + port(stub)));

    OutboundFetcher.Posted posted =
        fetcher.post("webhook", StubHttp.baseUrl(stub) + "/hook?x=1", HEADERS, BODY, 1024);

    assertThat(posted.status()).isEqualTo(202);
    assertThat(posted.body().text()).isEqualTo("ok");
    assertThat(received).hasSize(1);
    Received request = received.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/hook?x=1");
    assertThat(request.body()).isEqualTo(new String(BODY, StandardCharsets.UTF_8));
    assertThat(request.headers())
        .containsEntry("content-type", "application/json")
        .containsEntry("x-gort-delivery", "d-1")
        .containsEntry("content-length", String.valueOf(BODY.length))
        .containsEntry("host", "127.0.0.1:" + port(stub));
  }

  @Test
  void aPostToARefusedAddressIsRefusedWithoutAConnection() throws Exception {
    try (Listener listener = Listener.open()) {
      OutboundFetcher fetcher = fetcher(OutboundPolicy.allowing());

      assertThatThrownBy(
              () ->
                  fetcher.post(
                      "webhook", "http://127.0.0.1:" + listener.port() + "/h", HEADERS, BODY, 1024))
          .isInstanceOf(OutboundFetchException.class)
          .hasMessage("webhook could not be delivered to 127.0.0.1")
          .satisfies(
              e -> {
                assertThat(((OutboundFetchException) e).refused()).isTrue();
                assertThat(((OutboundFetchException) e).status()).isZero();
              });
      assertThat(listener.wasConnected()).isFalse();
    }
  }

  @Test
  void aRedirectIsNotFollowedAndItsStatusIsTold() throws Exception {
    AtomicInteger secondHit = new AtomicInteger();
    second = StubHttp.start("/", exchange -> count(exchange, secondHit));
    stub = StubHttp.start("/", exchange -> redirect(exchange, StubHttp.baseUrl(second) + "/moved"));
    OutboundFetcher fetcher =
        fetcher(OutboundPolicy.allowing("127.0.0.1:" + port(stub), "127.0.0.1:" + port(second)));

    assertThatThrownBy(
            () -> fetcher.post("webhook", StubHttp.baseUrl(stub) + "/h", HEADERS, BODY, 1024))
        .isInstanceOf(OutboundFetchException.class)
        .hasMessage("webhook could not be delivered to 127.0.0.1")
        .satisfies(
            e -> {
              assertThat(((OutboundFetchException) e).status()).isEqualTo(307);
              assertThat(((OutboundFetchException) e).refused()).isFalse();
            });
    assertThat(secondHit).hasValue(0);
  }

  @Test
  void anAnswerOtherThan2xxCarriesItsStatus() throws Exception {
    for (int status : new int[] {400, 404, 408, 429, 500, 503}) {
      stub = StubHttp.start("/", exchange -> answer(exchange, status, "no"));
      OutboundFetcher fetcher = fetcher(OutboundPolicy.allowing("127.0.0.1:" + port(stub)));

      assertThatThrownBy(
              () -> fetcher.post("webhook", StubHttp.baseUrl(stub) + "/h", HEADERS, BODY, 1024))
          .as("status %d", status)
          .isInstanceOf(OutboundFetchException.class)
          .hasMessage("webhook could not be delivered to 127.0.0.1")
          .satisfies(e -> assertThat(((OutboundFetchException) e).status()).isEqualTo(status));
      stub.stop(0);
    }
    stub = null;
  }

  @Test
  void aLongAnswerIsCutAtTheCapAndThePostCountsAsTaken() throws Exception {
    try (ScriptedServer server =
        new ScriptedServer(
            connection -> {
              ScriptedServer.readRequestHead(connection);
              ScriptedServer.write(
                  connection, "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + "x".repeat(512));
              for (int i = 0; i < 200; i++) {
                connection.getOutputStream().write(new byte[1024]);
                connection.getOutputStream().flush();
                Thread.sleep(50);
              }
            })) {
      OutboundFetcher fetcher = fetcher(OutboundPolicy.allowing("127.0.0.0/8"));
      long started = System.nanoTime();

      OutboundFetcher.Posted posted =
          fetcher.post(
              "webhook", "http://127.0.0.1:" + server.port() + "/h", HEADERS, BODY, 2 * 1024);

      assertThat(posted.status()).isEqualTo(200);
      assertThat(posted.body().length()).isLessThanOrEqualTo(2 * 1024);
      assertThat(posted.body().truncated()).isTrue();
      assertThat(elapsedMillis(started)).as("not the whole 10 s stream").isLessThan(3_000);
    }
  }

  @Test
  void aDestinationThatNeverAnswersEndsAtTheDeadlineWithoutAStatus() throws Exception {
    try (ScriptedServer server =
        new ScriptedServer(
            connection -> {
              ScriptedServer.readRequestHead(connection);
              Thread.sleep(60_000);
            })) {
      OutboundFetcher fetcher = fetcher(OutboundPolicy.allowing("127.0.0.0/8"));
      long started = System.nanoTime();

      assertThatThrownBy(
              () ->
                  fetcher.post(
                      "webhook",
                      "http://127.0.0.1:" + server.port() + "/h",
                      HEADERS,
                      BODY,
                      1024,
                      Duration.ofMillis(400)))
          .isInstanceOf(OutboundFetchException.class)
          .satisfies(e -> assertThat(((OutboundFetchException) e).status()).isZero());
      assertThat(elapsedMillis(started)).isBetween(300L, 2_000L);
    }
  }

  @Test
  void headersTheGuardWritesItselfOrWithControlCharactersAreTheCallersMistake() {
    OutboundFetcher fetcher = fetcher(OutboundPolicy.allowing());

    for (Map<String, String> headers :
        List.of(
            Map.of("Host", "internal.example"),
            Map.of("content-length", "1"),
            Map.of("X-Evil", "a\r\nInjected: yes"))) {
      assertThatThrownBy(() -> fetcher.post("webhook", "https://example.org/", headers, BODY, 1))
          .as(headers.toString())
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aUrlIsCheckedWhenGivenAsAPostWouldCheckIt() throws Exception {
    HostResolver noName =
        host -> {
          if (host.equals("nowhere.gort.test")) {
            throw new UnknownHostException(host);
          }
          return InetAddress.getAllByName(host);
        };
    OutboundFetcher fetcher =
        fetcher(OutboundPolicy.allowing("127.0.0.1:8090"), LIMITS, noName, null);

    assertThat(fetcher.refusal("https://10.1.2.3/hook", true))
        .hasValueSatisfying(reason -> assertThat(reason).contains("private (RFC 1918)"));
    assertThat(fetcher.refusal("http://93.184.216.34/hook", true))
        .hasValue("plain http to 93.184.216.34:80 is not allow-listed: use https");
    assertThat(fetcher.refusal("http://93.184.216.34/hook", false)).isEmpty();
    assertThat(fetcher.refusal("https://93.184.216.34/hook", true)).isEmpty();
    assertThat(fetcher.refusal("http://127.0.0.1:8090/sim/webhooks/a", true))
        .as("plain http to an allow-listed destination")
        .isEmpty();
    assertThat(fetcher.refusal("http://127.0.0.1:8091/", true)).isPresent();
    assertThat(fetcher.refusal("https://nowhere.gort.test/hook", true))
        .hasValue("nowhere.gort.test does not resolve");
    assertThat(fetcher.refusal("ftp://example.org/", true))
        .hasValueSatisfying(reason -> assertThat(reason).startsWith("not an http(s) URL"));
    assertThat(fetcher.refusal("https://user:secret@example.org/", true))
        .hasValue("a URL with user info");
  }

  private void answer(HttpExchange exchange, int status, String text) throws IOException {
    try (exchange) {
      record(exchange);
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  private void record(HttpExchange exchange) throws IOException {
    Map<String, String> headers = new java.util.TreeMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
    received.add(
        new Received(
            exchange.getRequestMethod(),
            exchange.getRequestURI().toString(),
            headers,
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
  }

  private static void count(HttpExchange exchange, AtomicInteger hits) throws IOException {
    try (exchange) {
      hits.incrementAndGet();
      exchange.sendResponseHeaders(200, -1);
    }
  }

  private static void redirect(HttpExchange exchange, String location) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().set("Location", location);
      exchange.sendResponseHeaders(307, -1);
    }
  }

  private static int port(HttpServer server) {
    return server.getAddress().getPort();
  }
}
