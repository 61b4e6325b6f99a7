package dev.gort.provisioner.repository;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;
import org.eclipse.jgit.util.FileUtils;

/**
 * A Git smart-HTTP server (protocol v0) on loopback for the reader's tests: repositories made with
 * JGit in a temporary directory, served by JGit's {@link UploadPack} at {@code /<name>.git}, with
 * every request counted and an optional number of first requests answered 503.
 */
final class GitHttpFixture implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService threads = Executors.newFixedThreadPool(4);
  private volatile boolean deepened;
  private volatile long delayMillis;
  private volatile boolean protocolV2;
  private final AtomicInteger v2Requests = new AtomicInteger();
  private final Map<String, String> redirects = new ConcurrentHashMap<>();
  private final java.util.Set<String> dumb = ConcurrentHashMap.newKeySet();
  private final Path root;
  private final Map<String, Repository> repositories = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger failuresLeft = new AtomicInteger();

  GitHttpFixture() throws IOException {
    root = Files.createTempDirectory("git-fixture-");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
    server.setExecutor(threads);
    server.createContext("/", this::serve);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  String url(String name) {
    return "http://127.0.0.1:" + port() + "/" + name + ".git";
  }

  /** Whether an upload-pack request asked for a shallow pack of depth 1. */
  boolean deepened() {
    return deepened;
  }

  int requests() {
    return requests.get();
  }

  /** The next {@code count} requests are answered 503; {@link Integer#MAX_VALUE} for always. */
  void failNext(int count) {
    failuresLeft.set(count);
  }

  /** Whether to answer a client that asks for protocol v2 (Git-Protocol: version=2) in v2. */
  void protocolV2(boolean on) {
    protocolV2 = on;
  }

  /** Requests answered in protocol v2. */
  int v2Requests() {
    return v2Requests.get();
  }

  /** {@code name} is served like a dumb HTTP server: refs as plain text, any file as it is. */
  void dumb(String name) {
    dumb.add(name);
  }

  /** Every answer waits {@code millis} before it starts. */
  void delay(long millis) {
    delayMillis = millis;
  }

  /** Requests for {@code name} are answered 302 to {@code location} plus the rest of the path. */
  void redirect(String name, String location) {
    redirects.put(name, location);
  }

  /** A repository with one commit holding {@code files} (path → bytes), served as {@code name}. */
  void repository(String name, Map<String, byte[]> files) throws Exception {
    Path work = root.resolve(name + "-work");
    // kept open for serving; closed in close()
    Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call();
    {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        Path path = work.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.write(path, file.getValue());
      }
      git.add().addFilepattern(".").call();
      git.commit()
          .setMessage("first")
          .setAuthor("fixture", "fixture@example.org")
          .setCommitter("fixture", "fixture@example.org")
          .setSign(false)
          .call();
      // a second commit, so that depth 1 leaves history out
      Files.writeString(work.resolve("CHANGES"), "second\n");
      git.add().addFilepattern("CHANGES").call();
      git.commit()
          .setMessage("second")
          .setAuthor("fixture", "fixture@example.org")
          .setCommitter("fixture", "fixture@example.org")
          .setSign(false)
          .call();
      repositories.put(name, git.getRepository());
    }
  }

  /** The id of the commit {@code name}'s HEAD names. */
  String head(String name) throws IOException {
    return repositories.get(name).resolve("HEAD").name();
  }

  /** A repository without any commit. */
  void emptyRepository(String name) throws Exception {
    Git git = Git.init().setBare(true).setDirectory(root.resolve(name).toFile()).call();
    repositories.put(name, git.getRepository());
  }

  static Map<String, byte[]> files(String... pathThenText) {
    Map<String, byte[]> files = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pathThenText.length; i += 2) {
      files.put(pathThenText[i], pathThenText[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return files;
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      if (failuresLeft.getAndUpdate(n -> n == Integer.MAX_VALUE ? n : Math.max(0, n - 1)) > 0) {
        exchange.sendResponseHeaders(503, -1);
        return;
      }
      if (delayMillis > 0) {
        try {
          Thread.sleep(delayMillis);
        } catch (InterruptedException e) {
          return;
        }
      }
      String path = exchange.getRequestURI().getPath();
      String query = exchange.getRequestURI().getRawQuery();
      int dotGit = path.indexOf(".git/");
      String redirect = dotGit < 0 ? null : redirects.get(path.substring(1, dotGit));
      if (redirect != null) {
        exchange
            .getResponseHeaders()
            .set(
                "Location",
                redirect + path.substring(dotGit + 4) + (query == null ? "" : "?" + query));
        exchange.sendResponseHeaders(302, -1);
        return;
      }
      Repository repository = dotGit < 0 ? null : repositories.get(path.substring(1, dotGit));
      if (repository == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      String rest = path.substring(dotGit + 4);
      if (dumb.contains(path.substring(1, dotGit))) {
        byte[] refs =
            (repository.resolve("HEAD").name() + "\trefs/heads/main\n")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain");
        exchange.sendResponseHeaders(200, refs.length);
        exchange.getResponseBody().write(refs);
        return;
      }
      if (rest.equals("/info/refs")
          && "service=git-upload-pack".equals(query)
          && exchange.getRequestMethod().equals("GET")) {
        exchange
            .getResponseHeaders()
            .set("Content-Type", "application/x-git-upload-pack-advertisement");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        PacketLineOut packets = new PacketLineOut(out);
        UploadPack upload = uploadPack(repository, exchange);
        // v0: "# service=git-upload-pack", a flush, the refs; v2: the capabilities
        upload.sendAdvertisedRefs(
            new RefAdvertiser.PacketLineOutRefAdvertiser(packets), "git-upload-pack");
        out.flush();
      } else if (rest.equals("/git-upload-pack") && exchange.getRequestMethod().equals("POST")) {
        InputStream in = exchange.getRequestBody();
        if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
          in = new GZIPInputStream(in);
        }
        byte[] request = in.readAllBytes();
        deepened |= new String(request, StandardCharsets.UTF_8).contains("deepen 1");
        in = new java.io.ByteArrayInputStream(request);
        exchange.getResponseHeaders().set("Content-Type", "application/x-git-upload-pack-result");
        exchange.sendResponseHeaders(200, 0);
        UploadPack upload = uploadPack(repository, exchange);
        upload.upload(in, exchange.getResponseBody(), null);
      } else {
        exchange.sendResponseHeaders(404, -1);
      }
    }
  }

  private UploadPack uploadPack(Repository repository, HttpExchange exchange) {
    UploadPack upload = new UploadPack(repository);
    upload.setBiDirectionalPipe(false);
    String protocol = exchange.getRequestHeaders().getFirst("Git-Protocol");
    if (protocolV2 && protocol != null && protocol.contains("version=2")) {
      v2Requests.incrementAndGet();
      upload.setExtraParameters(java.util.List.of("version=2"));
    }
    return upload;
  }

  @Override
  public void close() throws IOException {
    server.stop(0);
    threads.shutdownNow();
    repositories.values().forEach(Repository::close);
    FileUtils.delete(root.toFile(), FileUtils.RECURSIVE | FileUtils.RETRY | FileUtils.SKIP_MISSING);
  }
}
