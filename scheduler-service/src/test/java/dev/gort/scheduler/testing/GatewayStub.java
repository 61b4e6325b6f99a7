package dev.gort.scheduler.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gort.testsupport.StubHttp;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The runner gateway's runner API as the real one answers it, on a free port: {@code GET
 * /api/v1/runners} lists {@code sim} (test, build, boot; takes no settings), {@code local} (test,
 * build, boot; settings commands, env, timeout, image, workdir), {@code github-actions} (test,
 * build; settings repository, workflow, ref, defaults {@code gort/sim}, {@code gort.yml}, {@code
 * main}) and {@code tuxsuite} (not configured); {@code POST /api/v1/runners/{code}/settings-check}
 * answers the checked settings or the gateway's 400 / 404 problems. A request without a bearer
 * token is a 401, and the last {@code Authorization} seen is kept, so a test can tell the caller's
 * token was forwarded. Control under {@code /stub/gateway/} (the test and this resource may not
 * share classes): {@code PUT mode} ({@code ok}, {@code down}: every call a 503), {@code GET
 * authorization}, {@code GET checks} (settings checks answered).
 */
public class GatewayStub implements QuarkusTestResourceLifecycleManager {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern REPOSITORY =
      Pattern.compile("[A-Za-z0-9-]{1,39}/[A-Za-z0-9._-]{1,100}");
  private static final Set<String> GITHUB_SETTINGS = Set.of("repository", "workflow", "ref");
  private static final Set<String> LOCAL_SETTINGS =
      Set.of("commands", "env", "timeout", "image", "workdir");

  private HttpServer server;
  private volatile String mode = "ok";
  private volatile String authorization = "";
  private volatile int checks;

  @Override
  public Map<String, String> start() {
    server = StubHttp.start("/api/v1/runners", this::gateway);
    server.createContext("/stub/gateway/", this::control);
    return Map.of("gort.scheduler.gateway-url", StubHttp.baseUrl(server));
  }

  private void gateway(HttpExchange exchange) throws IOException {
    try (exchange) {
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      if (auth == null || !auth.startsWith("Bearer ") || auth.length() < 20) {
        problem(exchange, 401, "a valid bearer token is required");
        return;
      }
      authorization = auth;
      if (mode.equals("down")) {
        problem(exchange, 503, "down for maintenance");
        return;
      }
      String path = exchange.getRequestURI().getPath();
      if (exchange.getRequestMethod().equals("GET") && path.equals("/api/v1/runners")) {
        json(exchange, 200, Map.of("value", runners()));
        return;
      }
      String[] parts = path.split("/");
      if (exchange.getRequestMethod().equals("POST")
          && parts.length == 6
          && parts[5].equals("settings-check")) {
        check(exchange, parts[4]);
        return;
      }
      problem(exchange, 404, "not here");
    }
  }

  private static List<Map<String, Object>> runners() {
    return List.of(
        runner("github-actions", List.of("build", "test"), null),
        runner("local", List.of("boot", "build", "test"), null),
        runner("sim", List.of("boot", "build", "test"), null),
        runner(
            "tuxsuite",
            List.of("boot", "build", "test"),
            "no TuxSuite token (GORT_TUXSUITE_TOKEN)"));
  }

  private static Map<String, Object> runner(String code, List<String> kinds, String reason) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("code", code);
    r.put("kinds", kinds);
    r.put("configured", reason == null);
    r.put("unconfiguredReason", reason);
    return r;
  }

  @SuppressWarnings("unchecked")
  private void check(HttpExchange exchange, String code) throws IOException {
    Map<String, Object> body = JSON.readValue(exchange.getRequestBody(), Map.class);
    String kind = (String) body.get("kind");
    Map<String, Object> settings =
        body.get("settings") == null ? Map.of() : (Map<String, Object>) body.get("settings");
    checks++;
    switch (code) {
      case "sim" -> {
        if (!settings.isEmpty()) {
          problem(
              exchange,
              400,
              "settings for runner sim ("
                  + kind
                  + "): runner sim takes no settings; got '"
                  + String.join(", ", settings.keySet())
                  + "'");
          return;
        }
        json(exchange, 200, Map.of("runner", code, "kind", kind, "settings", Map.of()));
      }
      case "github-actions" -> {
        for (String name : settings.keySet()) {
          if (!GITHUB_SETTINGS.contains(name)) {
            problem(
                exchange,
                400,
                "settings for runner github-actions ("
                    + kind
                    + "): unknown setting '"
                    + name
                    + "' for runner github-actions; it takes: artifact, inputs, ref, repository,"
                    + " workflow");
            return;
          }
        }
        Map<String, Object> checked = new LinkedHashMap<>();
        checked.put("repository", "gort/sim");
        checked.put("workflow", "gort.yml");
        checked.put("ref", "main");
        checked.putAll(settings);
        if (!(checked.get("repository") instanceof String repository)
            || !REPOSITORY.matcher(repository).matches()) {
          problem(
              exchange,
              400,
              "settings for runner github-actions ("
                  + kind
                  + "): repository must be owner/name, got '"
                  + checked.get("repository")
                  + "'");
          return;
        }
        json(exchange, 200, Map.of("runner", code, "kind", kind, "settings", checked));
      }
      case "local" -> {
        String refusal = localRefusal(settings);
        if (refusal != null) {
          problem(exchange, 400, "settings for runner local (" + kind + "): " + refusal);
          return;
        }
        Map<String, Object> checked = new LinkedHashMap<>(settings);
        checked.putIfAbsent("timeout", "PT30M");
        json(exchange, 200, Map.of("runner", code, "kind", kind, "settings", checked));
      }
      case "tuxsuite" -> problem(exchange, 400, "runner tuxsuite is not configured here: no token");
      default -> problem(exchange, 404, "no runner '" + code + "'; runners: github-actions, sim");
    }
  }

  /** The local runner's own check (LocalSettings), in short: known names, commands, env names. */
  @SuppressWarnings("unchecked")
  private static String localRefusal(Map<String, Object> settings) {
    for (String name : settings.keySet()) {
      if (!LOCAL_SETTINGS.contains(name)) {
        return "unknown setting '" + name + "' for runner local";
      }
    }
    if (!(settings.get("commands") instanceof List<?> commands)
        || commands.isEmpty()
        || commands.size() > 50) {
      return "commands is required: a list of 1 to 50 shell commands";
    }
    if (settings.get("env") instanceof Map<?, ?> env) {
      for (Object name : env.keySet()) {
        if (String.valueOf(name).startsWith("GORT_")) {
          return "env: '" + name + "' is reserved: GORT_* variables are the agent's";
        }
      }
    }
    return null;
  }

  private void control(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      switch (exchange.getRequestURI().getPath()) {
        case "/stub/gateway/mode" -> {
          mode = new String(body, StandardCharsets.UTF_8).trim();
          StubHttp.respondJson(exchange, 204, new byte[0]);
        }
        case "/stub/gateway/authorization" ->
            StubHttp.respondJson(exchange, 200, authorization.getBytes(StandardCharsets.UTF_8));
        case "/stub/gateway/checks" ->
            StubHttp.respondJson(
                exchange, 200, String.valueOf(checks).getBytes(StandardCharsets.UTF_8));
        default -> StubHttp.respondJson(exchange, 404, new byte[0]);
      }
    }
  }

  private static void json(HttpExchange exchange, int status, Object body) throws IOException {
    StubHttp.respondJson(exchange, status, JSON.writeValueAsBytes(body));
  }

  private static void problem(HttpExchange exchange, int status, String detail) throws IOException {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("type", "about:blank");
    p.put("title", status == 400 ? "Bad Request" : "Error");
    p.put("status", status);
    p.put("detail", detail);
    byte[] bytes = JSON.writeValueAsBytes(p);
    exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }
}
