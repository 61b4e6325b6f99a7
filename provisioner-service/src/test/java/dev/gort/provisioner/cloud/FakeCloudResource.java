package dev.gort.provisioner.cloud;

import dev.gort.provisioner.cloud.FakeOpenStack.Answer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * For {@code @QuarkusTestResource}: a {@link FakeOpenStack} the service's cloud settings point at.
 */
public class FakeCloudResource implements QuarkusTestResourceLifecycleManager {

  private FakeOpenStack fake;

  @Override
  public Map<String, String> start() {
    fake = FakeOpenStack.start();
    fake.on(
        "GET",
        "/networking/v2.0/networks",
        Answer.json(200, "{\"networks\": [{\"id\": \"net-quarkus\", \"name\": \"sharednet1\"}]}"));
    fake.on(
        "GET",
        "/reservation/v1/leases/lease-q",
        Answer.json(
            200,
            "{\"lease\": {\"id\": \"lease-q\", \"name\": \"gort-q\", \"status\": \"ACTIVE\","
                + " \"reservations\": [{\"id\": \"res-q\"}]}}"));
    return Map.of(
        "gort.provisioner.cloud.auth-url", fake.authUrl(),
        "gort.provisioner.cloud.username", "gort",
        "gort.provisioner.cloud.password", "gort-sim-password",
        "gort.provisioner.cloud.project-name", "gort");
  }

  @Override
  public void stop() {
    if (fake != null) {
      fake.close();
    }
  }
}
