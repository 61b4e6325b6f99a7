package dev.gort.console.admin;

import dev.gort.console.api.ServiceErrors;
import dev.gort.console.api.UserToken;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A {@link DeadLettersApi} client per service, at the service's configured URL ({@code
 * quarkus.rest-client.<service>.url}), with the user's token and the services' error mapping as
 * every other client. Built here rather than declared five times: a declared client is bound to one
 * config key.
 */
@Singleton
public class DeadLetterClients {

  @Inject Config config;

  @ConfigProperty(name = "quarkus.rest-client.connect-timeout", defaultValue = "2000")
  long connectTimeoutMillis;

  @ConfigProperty(name = "quarkus.rest-client.read-timeout", defaultValue = "10000")
  long readTimeoutMillis;

  private final Map<DeadLetterService, DeadLettersApi> clients = new ConcurrentHashMap<>();

  public DeadLettersApi of(DeadLetterService service) {
    return clients.computeIfAbsent(service, this::build);
  }

  private DeadLettersApi build(DeadLetterService service) {
    String url = config.getValue("quarkus.rest-client." + service.code() + ".url", String.class);
    return QuarkusRestClientBuilder.newBuilder()
        .baseUri(URI.create(url))
        .connectTimeout(connectTimeoutMillis, TimeUnit.MILLISECONDS)
        .readTimeout(readTimeoutMillis, TimeUnit.MILLISECONDS)
        .register(UserToken.class)
        .register(ServiceErrors.class)
        .build(DeadLettersApi.class);
  }
}
