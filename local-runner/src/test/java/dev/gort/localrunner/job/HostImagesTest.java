package dev.gort.localrunner.job;

import static dev.gort.localrunner.testing.Jobs.awaitFinished;
import static dev.gort.localrunner.testing.Jobs.job;
import static dev.gort.localrunner.testing.Jobs.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gort.common.process.RunAs;
import dev.gort.localrunner.testing.AgentResource;
import dev.gort.localrunner.testing.Jobs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The local stack's agent: jobs with an image run on the host (no container engine here), and, when
 * the agent runs as root, as the unprivileged user {@code nobody}.
 */
@QuarkusTest
@QuarkusTestResource(AgentResource.class)
@TestProfile(HostImagesTest.HostProfile.class)
class HostImagesTest {

  static final boolean ROOT = RunAs.currentUid() == 0 && RunAs.lookup("nobody").isPresent();

  public static class HostProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> config = new HashMap<>();
      config.put("gort.local-runner.images-on-host", "true");
      if (ROOT) {
        config.put("gort.local-runner.run-as", "nobody");
      }
      return config;
    }
  }

  @Test
  void aJobWithAnImageRunsOnTheHostWhenImagesOnHostIsSet() {
    Map<String, Object> job = job("echo on the host");
    job.put("image", "alpine:3.20");
    JsonPath done = awaitFinished(submit(job));
    assertThat(done.getString("outcome")).isEqualTo("passed");
  }

  @Test
  void commandsRunAsTheUnprivilegedUserWhenOneIsConfigured() throws Exception {
    assumeTrue(ROOT, "the agent runs as root only in some environments; run-as applies then");
    String id =
        submit(
            job(
                "id -u > uid.txt",
                "touch /root/gort-should-not-write 2>/dev/null; test ! -e /root/gort-should-not-write"));
    JsonPath done = awaitFinished(id);
    assertThat(done.getString("outcome")).isEqualTo("passed");
    int nobody = RunAs.lookup("nobody").orElseThrow().uid();
    assertThat(Files.readString(Jobs.workDir(id).resolve("uid.txt")).trim())
        .isEqualTo(Integer.toString(nobody));
  }
}
