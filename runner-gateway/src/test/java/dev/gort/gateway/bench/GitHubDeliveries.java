package dev.gort.gateway.bench;

import dev.gort.gateway.runner.github.GitHubFixtures;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** GitHub's {@code workflow_run completed} webhooks, HMAC-SHA256 signed as GitHub signs them. */
final class GitHubDeliveries implements CallbackBenchmark.Deliveries {

  GitHubDeliveries() {}

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
  public SteadyLoad.Call request(CallbackBenchmark.Seeded attempt) throws Exception {
    byte[] body =
        GitHubFixtures.workflowRunEvent(
                "completed", Long.parseLong(attempt.jobId()), "completed", "failure")
            .getBytes(StandardCharsets.UTF_8);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(
        new SecretKeySpec(
            BenchmarkProfile.GITHUB_WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return new SteadyLoad.Call(
        "/api/v1/callbacks/github-actions",
        Map.of(
            "Content-Type",
            "application/json",
            "X-GitHub-Event",
            "workflow_run",
            "X-GitHub-Delivery",
            UUID.randomUUID().toString(),
            "X-Hub-Signature-256",
            "sha256=" + HexFormat.of().formatHex(mac.doFinal(body))),
        body);
  }
}
