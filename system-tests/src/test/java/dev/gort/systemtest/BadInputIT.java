package dev.gort.systemtest;

import static dev.gort.systemtest.GortStack.GATEWAY;
import static dev.gort.systemtest.GortStack.NOTIFIER;
import static dev.gort.systemtest.GortStack.SCHEDULER;
import static dev.gort.systemtest.GortStack.SIMULATORS;
import static dev.gort.systemtest.GortStack.WORKER;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bad inputs a hostile client sent the running stack, each answered with the right 4xx
 * problem+json before any database call, logged once, escaped and bounded, changing nothing.
 */
class BadInputIT {

  private static GortStack stack;
  private static StackClient gort;
  private static String token;

  /** HTTP/1.1, as curl and most clients speak to an http:// URL. */
  private static final HttpClient RAW =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void startStack() throws Exception {
    stack = GortStack.shared();
    gort = new StackClient(stack);
    token = stack.token("ops");
  }

  @Test
  void aNulAnywhereIsA400AndNeverReachesTheDatabase() throws Exception {
    String slug = gort.newExperiment(false);
    long logBefore = Files.size(stack.log(SCHEDULER));
    for (String path :
        List.of(
            "/api/v1/test-runs/abc%00def",
            "/api/v1/operations/%00",
            "/api/v1/test-runs?experiment=a%00b",
            "/api/v1/operations?$filter=experiment%20eq%20%27a%00%27",
            "/api/v1/experiments/" + slug + "%00/test-runs")) {
      HttpResponse<String> r = raw("GET", SCHEDULER, path, null, Map.of());
      assertProblem(r, 400);
    }
    Http.Answer body = gort.requestRun(slug, "{\"revision\":\"rev\\u0000\"}");
    assertThat(body.status()).isEqualTo(400);
    assertThat(body.json().path("detail").asText()).contains("NUL");
    assertThat(gort.requestRun(slug, null).status()).as("nothing was left behind").isEqualTo(202);
    String log = tail(SCHEDULER, logBefore);
    assertThat(log).doesNotContain("PSQLException").doesNotContain("invalid byte sequence");
  }

  @Test
  void lineBreaksInAValueCannotForgeALogLine() throws Exception {
    long logBefore = Files.size(stack.log(SCHEDULER));
    HttpResponse<String> r =
        raw(
            "POST",
            SCHEDULER,
            "/api/v1/experiments/demo%0D%0A12:00:00.000%20INFO%20%20%5Badmin%5D%20forged/test-runs",
            null,
            Map.of());
    assertProblem(r, 400);
    Http.Answer unknownField =
        gort.requestRun("demo", "{\"runner\":\"sim\\r\\n12:00:00.000 INFO  [admin] forged\"}");
    assertThat(unknownField.status()).isIn(400, 404);
    for (String line : tail(SCHEDULER, logBefore).split("\n")) {
      assertThat(line).doesNotStartWith("12:00:00.000 INFO  [admin] forged");
    }
  }

  @Test
  void aHugeBodyIsA413ProblemWithoutBeingEchoedOrLogged() throws Exception {
    String slug = gort.newExperiment(false);
    String huge = "{\"revision\":\"" + "x".repeat(9 * 1024 * 1024) + "\"}";
    long logBefore = Files.size(stack.log(SCHEDULER));

    HttpResponse<String> declared =
        raw("POST", SCHEDULER, "/api/v1/experiments/" + slug + "/test-runs", huge, Map.of());
    HttpResponse<String> chunked =
        rawChunked(SCHEDULER, "/api/v1/experiments/" + slug + "/test-runs", huge);

    assertProblem(declared, 413);
    assertThat(declared.body().length()).isLessThan(1024);
    // of a body that does not say its size, the size is asked for before any of it is read
    assertProblem(chunked, 411);
    assertThat(chunked.body().length()).isLessThan(1024);
    assertThat(Files.size(stack.log(SCHEDULER)) - logBefore).isLessThan(64 * 1024);
    // a field a test-run request takes, but far too long for it
    Http.Answer tooLong = gort.requestRun(slug, "{\"revision\":\"" + "r".repeat(5000) + "\"}");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.raw().body()).hasSizeLessThan(1024);
  }

  @Test
  void tooLongTargetsAndHeadersAreProblemsToo() throws Exception {
    assertProblem(
        raw("GET", SCHEDULER, "/api/v1/test-runs/" + "a".repeat(10_000), null, Map.of()), 414);
    assertProblem(
        raw("GET", SCHEDULER, "/api/v1/test-runs?experiment=" + "e".repeat(9_000), null, Map.of()),
        414);
    assertProblem(
        raw("GET", SCHEDULER, "/api/v1/test-runs", null, Map.of("X-Padding", "p".repeat(20_000))),
        431);
    assertProblem(
        raw("GET", SCHEDULER, "/api/v1/test-runs/" + "a".repeat(300), null, Map.of()), 400);
    HttpResponse<String> notJson =
        raw(
            "POST",
            SCHEDULER,
            "/api/v1/experiments/x/test-runs",
            "runner=sim",
            Map.of("Content-Type", "text/plain"));
    assertProblem(notJson, 415);
  }

  @Test
  void errorsNameTheFieldButNoInternalClassOrLibrary() {
    String slug = gort.newExperiment(false);
    for (String body :
        List.of("{\"foo\":1}", "{\"runner\":", "[1]", "{\"runner\":5}", "{\"revision\":{}}")) {
      Http.Answer r = gort.requestRun(slug, body);
      assertThat(r.status()).as(body).isEqualTo(400);
      assertThat(r.json().path("detail").asText())
          .doesNotContain("dev.gort")
          .doesNotContain("TestRunRequest")
          .doesNotContain("jackson")
          .doesNotContain("StreamReadConstraints");
    }
    assertThat(gort.requestRun(slug, "{\"foo\":1}").json().path("detail").asText())
        .contains("unknown field 'foo'");
  }

  @Test
  void everyListRefusesAnUnknownParameterTheSameWayAndIsPaged() {
    for (String[] list :
        List.of(
            new String[] {SCHEDULER, "/api/v1/test-runs"},
            new String[] {SCHEDULER, "/api/v1/operations"},
            new String[] {SCHEDULER, "/api/v1/experiments"},
            new String[] {GATEWAY, "/api/v1/runners"},
            new String[] {WORKER, "/api/v1/reports"},
            new String[] {NOTIFIER, "/api/v1/notifications"},
            new String[] {SIMULATORS, "/sim/runners/sim/jobs"},
            new String[] {SIMULATORS, "/sim/mail"})) {
      Http.Answer unknown = Http.get(stack.url(list[0]) + list[1] + "?foo=x");
      assertThat(unknown.status()).as(list[1]).isEqualTo(400);
      assertThat(unknown.json().path("parameter").asText()).isEqualTo("foo");
      assertThat(unknown.json().path("detail").asText()).startsWith("foo: unknown query parameter");
      assertThat(Http.get(stack.url(list[0]) + list[1] + "?$top=1001").status()).isEqualTo(400);
    }
    // two runs at least exist by now: a page of one links on
    gort.awaitFinished(gort.requestRun(gort.newExperiment(false), null).json().path("id").asText());
    gort.awaitFinished(gort.requestRun(gort.newExperiment(false), null).json().path("id").asText());
    for (String[] list :
        List.of(
            new String[] {SCHEDULER, "/api/v1/test-runs"},
            new String[] {WORKER, "/api/v1/reports"},
            new String[] {SIMULATORS, "/sim/runners/sim/jobs"})) {
      Http.Answer page = Http.get(stack.url(list[0]) + list[1] + "?$top=1");
      assertThat(page.json().path("value")).as(list[1]).hasSize(1);
      assertThat(page.json().path("nextLink").asText()).contains("$top=1").contains("$skip=1");
    }
  }

  @Test
  void anIdempotencyKeyBelongsToOneRequestAndConcurrentRepeatsStartOneRun() throws Exception {
    String x = gort.newExperiment(false);
    String y = gort.newExperiment(false);
    String key = UUID.randomUUID().toString();
    Http.Answer first = gort.requestRun(x, null, Map.of("Idempotency-Key", key));
    assertThat(first.status()).isEqualTo(202);

    Http.Answer forY = gort.requestRun(y, null, Map.of("Idempotency-Key", key));
    assertThat(forY.status()).isEqualTo(422);
    assertThat(
            Http.get(stack.url(SCHEDULER) + "/api/v1/test-runs?experiment=" + y)
                .json()
                .path("value"))
        .as("nothing was started for the other experiment")
        .isEmpty();

    String z = gort.newExperiment(false);
    String concurrentKey = UUID.randomUUID().toString();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<Http.Answer>> answers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      answers.add(
          pool.submit(() -> gort.requestRun(z, null, Map.of("Idempotency-Key", concurrentKey))));
    }
    Set<String> runs = new HashSet<>();
    int inFlight = 0;
    for (Future<Http.Answer> answer : answers) {
      Http.Answer a = answer.get();
      if (a.status() == 202) {
        runs.add(a.json().path("id").asText());
      } else {
        assertThat(a.status()).isEqualTo(409);
        assertThat(a.header("Retry-After")).isEqualTo("1");
        inFlight++;
      }
    }
    pool.shutdown();
    assertThat(runs).hasSize(1);
    assertThat(
            Http.get(stack.url(SCHEDULER) + "/api/v1/test-runs?experiment=" + z)
                .json()
                .path("value"))
        .hasSize(1);
    System.out.printf(
        "idempotency: 50 concurrent requests with one key: %d x 202 (one run), %d x 409%n",
        50 - inFlight, inFlight);
  }

  private static void assertProblem(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(r.body()).contains("\"status\":" + status);
  }

  private static HttpResponse<String> raw(
      String method, String app, String pathAndQuery, String body, Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(stack.url(app) + pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + token)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null && !headers.containsKey("Content-Type")) {
      request.header("Content-Type", "application/json");
    }
    headers.forEach(request::header);
    return RAW.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The same body without a Content-Length, in chunks, its size known only as it arrives: over a
   * raw socket, so that the answer the server gives before reading the body can be read. Only the
   * first chunk is sent: the refusal comes on the headers.
   */
  private static HttpResponse<String> rawChunked(String app, String path, String body)
      throws Exception {
    URI uri = URI.create(stack.url(app) + path);
    try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(30_000);
      java.io.OutputStream out = socket.getOutputStream();
      byte[] chunk = body.substring(0, 64 * 1024).getBytes(StandardCharsets.UTF_8);
      out.write(
          ("POST "
                  + path
                  + " HTTP/1.1\r\nHost: "
                  + uri.getHost()
                  + "\r\n"
                  + "Authorization: Bearer "
                  + token
                  + "\r\n"
                  + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                  + Integer.toHexString(chunk.length)
                  + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.write(chunk);
      out.flush();
      java.io.InputStream in = socket.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int c = in.read();
        if (c < 0) {
          break;
        }
        head.append((char) c);
      }
      String headers = head.toString().toLowerCase(java.util.Locale.ROOT);
      int status = Integer.parseInt(headers.substring(9, 12));
      String contentType = header(headers, "content-type");
      int length = Integer.parseInt(header(headers, "content-length"));
      String responseBody = new String(in.readNBytes(length), StandardCharsets.UTF_8);
      return new RawResponse(uri, status, contentType, responseBody);
    }
  }

  private static String header(String headers, String name) {
    return headers
        .lines()
        .filter(l -> l.startsWith(name + ":"))
        .findFirst()
        .map(l -> l.substring(name.length() + 1).trim())
        .orElse("");
  }

  /** A response read off a socket, in the shape the other checks take. */
  private record RawResponse(URI uri, int statusCode, String contentType, String body)
      implements HttpResponse<String> {
    @Override
    public java.net.http.HttpHeaders headers() {
      return java.net.http.HttpHeaders.of(
          Map.of("Content-Type", List.of(contentType)), (a, b) -> true);
    }

    @Override
    public HttpRequest request() {
      return null;
    }

    @Override
    public java.util.Optional<HttpResponse<String>> previousResponse() {
      return java.util.Optional.empty();
    }

    @Override
    public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
      return java.util.Optional.empty();
    }

    @Override
    public HttpClient.Version version() {
      return HttpClient.Version.HTTP_1_1;
    }
  }

  private static String tail(String app, long from) throws Exception {
    byte[] all = Files.readAllBytes(stack.log(app));
    return new String(
        all,
        (int) Math.min(from, all.length),
        (int) Math.max(0, all.length - from),
        StandardCharsets.UTF_8);
  }
}
