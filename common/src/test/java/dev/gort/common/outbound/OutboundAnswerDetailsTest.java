package dev.gort.common.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.gort.common.outbound.OutboundFetchException.Failure;
import dev.gort.testsupport.StubHttp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a caller learns besides the body, for protocols that need it (Git's smart HTTP): the
 * answer's Content-Type, the status of an answer it did not ask for, and the kind of failure, while
 * the message stays the one generic sentence.
 */
class OutboundAnswerDetailsTest extends FetcherTestBase {

  private HttpServer stub;

  @AfterEach
  void stopStub() {
    if (stub != null) {
      stub.stop(0);
    }
  }

  private OutboundFetcher allowingStub() {
    return fetcher(OutboundPolicy.allowing("127.0.0.1:" + stub.getAddress().getPort()));
  }

  @Test
  void aFetchedAndAPostedBodyKeepTheirContentType() throws Exception {
    stub =
        StubHttp.start(
            "/",
            exchange -> {
              try (exchange) {
                byte[] body = "0000".getBytes(StandardCharsets.UTF_8);
                exchange
                    .getResponseHeaders()
                    .set("Content-Type", "application/x-git-upload-pack-advertisement");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
              }
            });
    OutboundFetcher fetcher = allowingStub();

    FetchedBody fetched = fetcher.fetch("refs", StubHttp.baseUrl(stub) + "/info/refs", CAP);
    OutboundFetcher.Posted posted =
        fetcher.post("pack", StubHttp.baseUrl(stub) + "/p", Map.of(), new byte[] {1}, CAP);

    assertThat(fetched.contentType()).isEqualTo("application/x-git-upload-pack-advertisement");
    assertThat(fetched.text()).isEqualTo("0000");
    assertThat(posted.body().contentType())
        .isEqualTo("application/x-git-upload-pack-advertisement");
    assertThat(fetched.truncated()).isFalse();
    assertThat(fetched.url()).isEqualTo(StubHttp.baseUrl(stub) + "/info/refs");
    assertThat(posted.body().url()).isEqualTo(StubHttp.baseUrl(stub) + "/p");
    assertThat(posted.body().truncated()).as("the whole answer was read").isFalse();
  }

  @Test
  void aFetchedBodySaysWhereTheRedirectsLed() throws Exception {
    stub =
        StubHttp.start(
            "/",
            exchange -> {
              try (exchange) {
                if (exchange.getRequestURI().getPath().equals("/old/info/refs")) {
                  exchange.getResponseHeaders().set("Location", "/new/info/refs?x=1");
                  exchange.sendResponseHeaders(301, -1);
                } else {
                  StubHttp.respondJson(exchange, 200, "{}".getBytes(StandardCharsets.UTF_8));
                }
              }
            });

    FetchedBody fetched =
        allowingStub().fetch("refs", StubHttp.baseUrl(stub) + "/old/info/refs", CAP);

    assertThat(fetched.url()).isEqualTo(StubHttp.baseUrl(stub) + "/new/info/refs?x=1");
    assertThat(fetched.contentType()).isEqualTo("application/json");
  }

  @Test
  void aGetAnsweredWithAnotherStatusCarriesItAndTheGenericMessage() {
    stub = StubHttp.start("/", exchange -> StubHttp.respondJson(exchange, 404, new byte[0]));
    OutboundFetcher fetcher = allowingStub();

    assertThatThrownBy(() -> fetcher.fetch("refs", StubHttp.baseUrl(stub) + "/missing", CAP))
        .isInstanceOf(OutboundFetchException.class)
        .hasMessage("refs could not be fetched from 127.0.0.1")
        .satisfies(
            e -> {
              OutboundFetchException failure = (OutboundFetchException) e;
              assertThat(failure.status()).isEqualTo(404);
              assertThat(failure.failure()).isEqualTo(Failure.ANSWERED);
              assertThat(failure.refused()).isFalse();
            });
  }

  @Test
  void aBodyPastTheCapIsTooLarge() {
    stub = StubHttp.start("/", exchange -> StubHttp.respondJson(exchange, 200, new byte[4 * 1024]));
    OutboundFetcher fetcher = allowingStub();

    assertThatThrownBy(() -> fetcher.fetch("refs", StubHttp.baseUrl(stub) + "/big", 1024))
        .isInstanceOf(OutboundFetchException.class)
        .satisfies(
            e -> {
              assertThat(((OutboundFetchException) e).failure()).isEqualTo(Failure.TOO_LARGE);
              assertThat(((OutboundFetchException) e).status()).isZero();
            });
  }

  @Test
  void anAnswerThatComesTooLateTimedOut() throws Exception {
    try (ScriptedServer server =
        new ScriptedServer(
            connection -> {
              ScriptedServer.readRequestHead(connection);
              Thread.sleep(10_000);
            })) {
      OutboundFetcher fetcher = fetcher(OutboundPolicy.allowing("127.0.0.1:" + server.port()));

      assertThatThrownBy(
              () ->
                  fetcher.fetch(
                      "refs",
                      "http://127.0.0.1:" + server.port() + "/r",
                      CAP,
                      Duration.ofMillis(300)))
          .isInstanceOf(OutboundFetchException.class)
          .satisfies(
              e -> assertThat(((OutboundFetchException) e).failure()).isEqualTo(Failure.TIMED_OUT));
    }
  }

  @Test
  void aRefusedDestinationIsRefused() {
    OutboundFetcher fetcher = fetcher(OutboundPolicy.allowing());

    assertThatThrownBy(() -> fetcher.fetch("refs", "http://127.0.0.1:9/r", CAP))
        .isInstanceOf(OutboundFetchException.class)
        .satisfies(
            e -> assertThat(((OutboundFetchException) e).failure()).isEqualTo(Failure.REFUSED));
  }
}
