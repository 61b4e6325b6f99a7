package dev.gort.provisioner.repository;

import dev.gort.common.outbound.FetchedBody;
import dev.gort.common.outbound.OutboundFetchException;
import dev.gort.common.outbound.OutboundFetcher;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import org.eclipse.jgit.transport.http.HttpConnection;

/**
 * One request of JGit's, made through the guard when JGit first asks for its answer: a GET as a
 * fetch (the guard follows redirects itself, each checked), a POST as a post. The answer JGit sees
 * is the status, the {@code Content-Type} and the body (and a {@code Location} where the guard
 * followed redirects); no other answer header is passed on.
 */
final class GuardedGitConnection implements HttpConnection {

  /**
   * Request headers not passed to the guard: those it writes itself, and Accept-Encoding (the guard
   * passes the body as sent and JGit would not know it is compressed without the answer's
   * Content-Encoding).
   */
  private static final Set<String> DROPPED =
      Set.of(
          "host",
          "content-length",
          "transfer-encoding",
          "connection",
          "expect",
          "upgrade",
          "accept-encoding");

  private final GuardedGitHttp http;
  private final URL url;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final ByteArrayOutputStream requestBody = new ByteArrayOutputStream();
  private String method = "GET";
  private boolean done;
  private int status;
  private FetchedBody body;
  private String location;

  GuardedGitConnection(GuardedGitHttp http, URL url) {
    this.http = http;
    this.url = url;
  }

  private void exchange() throws IOException {
    if (done) {
      return;
    }
    done = true;
    Map<String, String> sent = Map.copyOf(headers);
    OutboundFetcher fetcher = http.fetcher();
    if (!smartRequest()) {
      // dumb HTTP (a server that is not a smart Git server): not spoken
      throw http.failed(new GuardedGitHttp.Failure(OutboundFetchException.Failure.FAILED, 0));
    }
    try {
      if (method.equals("POST")) {
        OutboundFetcher.Posted posted =
            fetcher.post(
                "git repository",
                url.toString(),
                sent,
                requestBody.toByteArray(),
                http.maxAnswerBytes(),
                http.remaining());
        if (posted.body().truncated()) {
          throw http.failed(
              new GuardedGitHttp.Failure(OutboundFetchException.Failure.TOO_LARGE, 0));
        }
        status = posted.status();
        body = posted.body();
        http.received(body.length());
      } else {
        FetchedBody fetched =
            fetcher.fetch(
                "git repository", url.toString(), http.maxAnswerBytes(), http.remaining(), sent);
        if (fetched.url() != null && !fetched.url().equals(url.toString())) {
          // the guard followed redirects, each checked; JGit is told of them as one, so that it
          // applies Git's rules (only the root may change, never https to http) and sends the
          // next requests where the repository now is
          status = HttpConnection.HTTP_MOVED_TEMP;
          location = fetched.url();
          body = null;
          return;
        }
        body = fetched;
        status = 200;
        http.received(body.length());
      }
    } catch (OutboundFetchException e) {
      if (e.failure() == OutboundFetchException.Failure.ANSWERED && e.status() != 0) {
        // an answer JGit knows what to do with (404 = no repository), without its body
        http.answered(e.status());
        status = e.status();
        body = null;
        return;
      }
      throw http.failed(new GuardedGitHttp.Failure(e.failure(), e.status()));
    }
  }

  /** The smart protocol's requests: the refs' GET and upload-pack's POST, nothing else. */
  private boolean smartRequest() {
    String path = url.getPath();
    if (method.equals("POST")) {
      return path.endsWith("/git-upload-pack");
    }
    return method.equals("GET")
        && path.endsWith("/info/refs")
        && "service=git-upload-pack".equals(url.getQuery());
  }

  @Override
  public int getResponseCode() throws IOException {
    exchange();
    return status;
  }

  @Override
  public URL getURL() {
    return url;
  }

  @Override
  public String getResponseMessage() throws IOException {
    exchange();
    return status == 200 ? "OK" : "";
  }

  @Override
  public Map<String, List<String>> getHeaderFields() {
    String type = contentTypeOrNull();
    return type == null ? Map.of() : Map.of("Content-Type", List.of(type));
  }

  @Override
  public void setRequestProperty(String key, String value) {
    if (key == null || value == null || DROPPED.contains(key.toLowerCase(Locale.ROOT))) {
      return;
    }
    headers.keySet().removeIf(name -> name.equalsIgnoreCase(key));
    headers.put(key, value);
  }

  @Override
  public void setRequestMethod(String method) {
    this.method = method.toUpperCase(Locale.ROOT);
  }

  @Override
  public void setUseCaches(boolean usecaches) {}

  @Override
  public void setConnectTimeout(int timeout) {
    // the guard's connect timeout applies
  }

  @Override
  public void setReadTimeout(int timeout) {
    // the guard's read timeout applies
  }

  @Override
  public String getContentType() {
    return contentTypeOrNull();
  }

  private String contentTypeOrNull() {
    try {
      exchange();
    } catch (IOException e) {
      return null;
    }
    return body == null ? null : body.contentType();
  }

  @Override
  public InputStream getInputStream() throws IOException {
    exchange();
    return body == null ? new ByteArrayInputStream(new byte[0]) : body.stream();
  }

  @Override
  public String getHeaderField(String name) {
    if ("content-type".equalsIgnoreCase(name)) {
      return contentTypeOrNull();
    }
    if ("location".equalsIgnoreCase(name)) {
      contentTypeOrNull();
      return location;
    }
    return null;
  }

  @Override
  public List<String> getHeaderFields(String name) {
    String value = getHeaderField(name);
    return value == null ? List.of() : List.of(value);
  }

  @Override
  public int getContentLength() {
    try {
      exchange();
    } catch (IOException e) {
      return -1;
    }
    return body == null ? -1 : body.length();
  }

  @Override
  public void setInstanceFollowRedirects(boolean followRedirects) {
    // a GET's redirects are followed by the guard, each checked; a POST follows none
  }

  @Override
  public void setDoOutput(boolean dooutput) {}

  @Override
  public void setFixedLengthStreamingMode(int contentLength) {}

  @Override
  public OutputStream getOutputStream() {
    return requestBody;
  }

  @Override
  public void setChunkedStreamingMode(int chunklen) {}

  @Override
  public String getRequestMethod() {
    return method;
  }

  @Override
  public boolean usingProxy() {
    return false;
  }

  @Override
  public void connect() throws IOException {
    exchange();
  }

  @Override
  public void configure(KeyManager[] km, TrustManager[] tm, SecureRandom random) {
    // the guard verifies TLS with the JDK's trust store; JGit's settings (http.sslVerify) are not
    // used
  }

  @Override
  public void setHostnameVerifier(HostnameVerifier hostnameverifier) {}
}
