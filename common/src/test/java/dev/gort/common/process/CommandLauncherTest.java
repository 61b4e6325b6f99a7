package dev.gort.common.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The command lines the agent starts (no container engine needed to check them). */
class CommandLauncherTest {

  private static final Map<String, String> ENV = new LinkedHashMap<>();

  static {
    ENV.put("PATH", "/usr/bin:/bin");
    ENV.put("HOME", "/work/job-1/work");
    ENV.put("SECRET_TOKEN", "s3cr3t-value");
    ENV.put("GORT_RESULTS_FILE", "/work/job-1/work/.gort/results.json");
  }

  private static Launch launch(String image) {
    return new Launch(
        "make test",
        Path.of("/work/job-1/work"),
        "src",
        ENV,
        Map.of("GORT_RESULTS_FILE", "/gort/work/.gort/results.json", "HOME", "/gort/work"),
        image,
        "gort-job-1-1");
  }

  @Test
  void aHostCommandRunsInItsOwnSessionThroughTheShell() {
    List<String> argv = new CommandLauncher(Optional.empty(), Optional.empty()).argv(launch(null));
    assertThat(argv).endsWith("/bin/sh", "-c", "make test");
    assertThat(argv.get(0))
        .isEqualTo(
            java.nio.file.Files.isExecutable(Path.of("/usr/bin/setsid"))
                ? "/usr/bin/setsid"
                : "/bin/sh");
  }

  @Test
  void aContainerGetsTheJobsDirectoryNameAndUserButNoValueOnItsCommandLine() {
    List<String> argv =
        new CommandLauncher(
                Optional.of(new RunAs("nobody", 65534, 65534)), Optional.of("/usr/bin/docker"))
            .argv(launch("alpine:3.20"));
    String line = String.join(" ", argv);
    assertThat(line)
        .contains("/usr/bin/docker run --rm --init --name gort-job-1-1")
        .contains("-v /work/job-1/work:/gort/work -w /gort/work/src")
        .contains("--user 65534:65534")
        .contains("-e SECRET_TOKEN ")
        .contains("-e GORT_RESULTS_FILE=/gort/work/.gort/results.json")
        .contains("-e HOME=/gort/work")
        .endsWith("alpine:3.20 /bin/sh -c make test")
        .doesNotContain("s3cr3t-value")
        .doesNotContain("-e PATH");
  }

  @Test
  void asRootTheCommandDropsToTheUnprivilegedUser() {
    List<String> argv =
        new CommandLauncher(Optional.of(new RunAs("nobody", 65534, 65534)), Optional.empty())
            .argv(launch(null));
    if (RunAs.currentUid() == 0) {
      assertThat(String.join(" ", argv))
          .contains(
              "--reuid=65534 --regid=65534 --init-groups --no-new-privs -- /bin/sh -c make test");
    } else {
      assertThat(argv).doesNotContain("--reuid=65534");
    }
  }
}
