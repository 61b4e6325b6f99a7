package dev.gort.common.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS to a pinned address: the connection goes to the address the name was resolved to, while TLS
 * sends the URL's host as SNI and verifies the certificate against it, not against the IP.
 */
class OutboundFetcherTlsTest extends FetcherTestBase {

  private static final String PASSWORD = "test-only";

  @TempDir static Path dir;
  private static PfxOptions keyStore;
  private HttpServer server;
  private final List<String> seen = new CopyOnWriteArrayList<>();

  /** A key pair and certificate for results.gort.test only, made with the JDK's keytool. */
  @BeforeAll
  static void makeCertificate() throws Exception {
    Path store = dir.resolve("results.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "results",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=results.gort.test",
                "-ext",
                "SAN=dns:results.gort.test",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                PASSWORD,
                "-keypass",
                PASSWORD)
            .redirectErrorStream(true)
            .start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue())
        .as(new String(keytool.getInputStream().readAllBytes()))
        .isZero();
    keyStore = new PfxOptions().setPath(store.toString()).setPassword(PASSWORD);
  }

  @BeforeEach
  void startTlsServer() throws Exception {
    server =
        vertx
            .createHttpServer(
                new HttpServerOptions()
                    .setSsl(true)
                    .setSni(true)
                    .setKeyCertOptions(keyStore)
                    .setHost("127.0.0.1")
                    .setPort(0))
            .requestHandler(
                request -> {
                  seen.add(request.connection().indicatedServerName() + " " + request.host());
                  request.response().end("{\"tests\": []}");
                })
            .listen()
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopTlsServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void tlsNamesAndVerifiesTheUrlsHostWhileConnectingToTheCheckedAddress() throws Exception {
    int port = server.actualPort();
    OutboundFetcher fetcher =
        fetcher(
            OutboundPolicy.allowing("results.gort.test:" + port),
            LIMITS,
            host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")},
            keyStore);

    FetchedBody body = fetcher.fetch("results", "https://results.gort.test:" + port + "/r", CAP);

    assertThat(body.text()).isEqualTo("{\"tests\": []}");
    assertThat(seen).containsExactly("results.gort.test results.gort.test:" + port);
  }

  @Test
  void aCertificateThatDoesNotNameTheUrlsHostIsRefusedThoughTheAddressIsTheSame() throws Exception {
    int port = server.actualPort();
    OutboundFetcher fetcher =
        fetcher(
            OutboundPolicy.allowing("other.gort.test:" + port, "127.0.0.1:" + port),
            LIMITS,
            host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")},
            keyStore);

    for (String url :
        List.of("https://other.gort.test:" + port + "/r", "https://127.0.0.1:" + port + "/r")) {
      assertThatThrownBy(() -> fetcher.fetch("results", url, CAP))
          .as(url)
          .isInstanceOf(OutboundFetchException.class)
          .satisfies(e -> assertThat(((OutboundFetchException) e).refused()).isFalse());
    }
    assertThat(seen).as("no request reached the server").isEmpty();
  }
}
