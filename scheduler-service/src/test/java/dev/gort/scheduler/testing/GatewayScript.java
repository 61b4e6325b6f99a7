package dev.gort.scheduler.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.microprofile.config.ConfigProvider;

/** Scripts the {@link GatewayStub} from a test and reads what it saw. */
public final class GatewayScript {

  private GatewayScript() {}

  /** {@code ok}, or {@code down} (every call a 503). */
  public static void mode(String mode) {
    send(
        HttpRequest.newBuilder(uri("/stub/gateway/mode"))
            .PUT(HttpRequest.BodyPublishers.ofString(mode)));
  }

  /** The {@code Authorization} header of the gateway's latest call. */
  public static String lastAuthorization() {
    return send(HttpRequest.newBuilder(uri("/stub/gateway/authorization")).GET());
  }

  /** How many settings checks the gateway answered so far. */
  public static int checks() {
    return Integer.parseInt(send(HttpRequest.newBuilder(uri("/stub/gateway/checks")).GET()));
  }

  private static URI uri(String path) {
    return URI.create(
        ConfigProvider.getConfig().getValue("gort.scheduler.gateway-url", String.class) + path);
  }

  private static String send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r =
          HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() >= 300) {
        throw new IllegalStateException("the gateway stub answered " + r.statusCode());
      }
      return r.body();
    } catch (IOException e) {
      throw new IllegalStateException("cannot script the gateway stub", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
