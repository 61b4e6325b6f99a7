package dev.gort.gateway.bench;

import dev.gort.gateway.runner.github.GitHubFixtures;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** GitHub's {@code workflow_run completed} webhooks, HMAC-SHA256 signed as GitHub signs them. */
final class GitHubDeliveries implements CallbackBenchmark.Deliveries {

  private final URI url;

  GitHubDeliveries(URI gateway) {
    this.url = gateway.resolve("/api/v1/callbacks/github-actions");
  }

  @Override
  public String runner() {
    return "github-actions";
  }

  @Override
  public String signature() {
    return "HMAC-SHA256";
  }

  @Override
  public String jobId(long n) {
    return Long.toString(n);
  }

  @Override
  public HttpRequest request(CallbackBenchmark.Seeded attempt) throws Exception {
    byte[] body =
        GitHubFixtures.workflowRunEvent(
                "completed", Long.parseLong(attempt.jobId()), "completed", "failure")
            .getBytes(StandardCharsets.UTF_8);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(
            BenchmarkProfile.GITHUB_WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HttpRequest.newBuilder(url)
        .header("Content-Type", "application/json")
        .header("X-GitHub-Event", "workflow_run")
        .header("X-GitHub-Delivery", UUID.randomUUID().toString())
        .header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(mac.doFinal(body)))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }
}
