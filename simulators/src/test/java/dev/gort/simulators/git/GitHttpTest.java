package dev.gort.simulators.git;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import dev.gort.simulators.SmtpPortResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulated Git server, cloned over HTTP by JGit's client as the repository reader does. */
@QuarkusTest
@WithTestResource(SmtpPortResource.class)
class GitHttpTest {

  @TestHTTPResource("/")
  URL base;

  private Path work;

  @BeforeEach
  void setUp() throws IOException {
    given().delete("/sim/git/faults").then().statusCode(200);
    work = Files.createTempDirectory("gort-git-test-");
  }

  @AfterEach
  void tearDown() throws IOException {
    try (Stream<Path> paths = Files.walk(work)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        p.toFile().delete();
      }
    }
  }

  @Test
  void aShallowCloneOfMlGpuHasItsFilesAndOneCommit() throws Exception {
    File dir = clone("ml-gpu", 1);
    assertThat(dir.toPath().resolve("requirements.txt")).content().contains("torch", "numpy");
    assertThat(dir.toPath().resolve("environment.yml")).content().contains("python=3.10");
    assertThat(dir.toPath().resolve("Dockerfile"))
        .content()
        .startsWith("#")
        .contains("FROM nvidia/cuda:");
    assertThat(dir.toPath().resolve("README.md")).content().contains("GPU", "CUDA");
    assertThat(Files.size(dir.toPath().resolve("README.md"))).isBetween(12_000L, 16_000L);
    assertThat(Files.size(dir.toPath().resolve("train.py"))).isLessThan(10_240L);
    assertThat(commits(dir)).hasSize(1);
    assertThat(dir.toPath().resolve(".git/shallow")).exists();
  }

  @Test
  void aShallowCloneOfCpuOnlyHasNoGpuStack() throws Exception {
    File dir = clone("cpu-only", 1);
    assertThat(dir.toPath().resolve("pyproject.toml")).content().contains("flask", "requests");
    assertThat(dir.toPath().resolve("setup.py")).exists();
    assertThat(dir.toPath().resolve("README.md")).exists();
    for (String file : List.of("pyproject.toml", "setup.py", "README.md")) {
      assertThat(dir.toPath().resolve(file))
          .content()
          .doesNotContainIgnoringCase("torch")
          .doesNotContainIgnoringCase("cuda");
    }
    assertThat(commits(dir)).hasSize(1);
  }

  @Test
  void theEmptyRepositoryHasOnlyALicence() throws Exception {
    File dir = clone("empty", 1);
    try (Stream<Path> files = Files.list(dir.toPath())) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> !n.equals(".git")).toList())
          .containsExactly("LICENSE");
    }
  }

  @Test
  void aFullCloneHasTheWholeHistoryAtTheListedHead() throws Exception {
    File dir = clone("ml-gpu", 0);
    List<RevCommit> commits = commits(dir);
    assertThat(commits).hasSize(2);
    String head =
        given().get("/sim/git").then().extract().path("find { it.name == 'ml-gpu' }.head");
    assertThat(commits.get(0).getName()).isEqualTo(head);
    assertThat(dir.toPath().resolve(".git/shallow")).doesNotExist();
  }

  @Test
  void failOnceFailsTheFirstCloneOnly() throws Exception {
    fault("cpu-only", "fail-once");
    assertThatThrownBy(() -> clone("cpu-only", 1))
        .isInstanceOf(TransportException.class)
        .hasMessageContaining("503");
    assertThat(clone("cpu-only", 1).toPath().resolve("pyproject.toml")).exists();
  }

  @Test
  void failFailsEveryCloneUntilCleared() throws Exception {
    fault("empty", "fail");
    assertThatThrownBy(() -> clone("empty", 1)).isInstanceOf(TransportException.class);
    assertThatThrownBy(() -> clone("empty", 1)).isInstanceOf(TransportException.class);
    fault("empty", "none");
    assertThat(clone("empty", 1).toPath().resolve("LICENSE")).exists();
  }

  @Test
  void slowHoldsBackThePack() throws Exception {
    fault("empty", "slow");
    long started = System.nanoTime();
    clone("empty", 1);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void theListHasCloneUrlsOnTheAddressUsed() {
    given()
        .get("/sim/git")
        .then()
        .statusCode(200)
        .body("name", hasItems("ml-gpu", "cpu-only", "empty"))
        .body("find { it.name == 'ml-gpu' }.cloneUrl", equalTo(base.toString() + "git/ml-gpu.git"))
        .body("find { it.name == 'cpu-only' }.description", containsString("Flask"));
  }

  @Test
  void theAdvertisementIsSmartHttpV0OrV2AsAsked() {
    given()
        .queryParam("service", "git-upload-pack")
        .get("/git/ml-gpu.git/info/refs")
        .then()
        .statusCode(200)
        .contentType("application/x-git-upload-pack-advertisement")
        .header("Cache-Control", containsString("no-cache"))
        .body(startsWith("001e# service=git-upload-pack\n0000"))
        .body(containsString("refs/heads/main"))
        .body(containsString("shallow"));
    given()
        .header("Git-Protocol", "version=2")
        .queryParam("service", "git-upload-pack")
        .get("/git/ml-gpu.git/info/refs")
        .then()
        .statusCode(200)
        .body(startsWith("000dversion 2"))
        .body(containsString("fetch=shallow"));
  }

  @Test
  void pushingUnknownRepositoriesAndUnknownFaultsAreRefused() {
    given()
        .queryParam("service", "git-receive-pack")
        .get("/git/ml-gpu.git/info/refs")
        .then()
        .statusCode(403);
    given()
        .queryParam("service", "git-upload-pack")
        .get("/git/nothing.git/info/refs")
        .then()
        .statusCode(404);
    given()
        .contentType("application/x-git-upload-pack-request")
        .body(new byte[] {'0', '0', '0', '0'})
        .post("/git/ml-gpu.git/git-receive-pack")
        .then()
        .statusCode(404);
    given()
        .contentType("application/json")
        .body("{\"repository\": \"nothing\", \"fault\": \"fail\"}")
        .put("/sim/git/faults")
        .then()
        .statusCode(404);
    given()
        .contentType("application/json")
        .body("{\"repository\": \"ml-gpu\", \"fault\": \"explode\"}")
        .put("/sim/git/faults")
        .then()
        .statusCode(400);
  }

  private void fault(String repository, String fault) {
    given()
        .contentType("application/json")
        .body("{\"repository\": \"" + repository + "\", \"fault\": \"" + fault + "\"}")
        .put("/sim/git/faults")
        .then()
        .statusCode(200);
  }

  /** Clones {@code repository} with JGit, {@code depth} 0 meaning all of it. */
  private File clone(String repository, int depth) throws Exception {
    File dir = Files.createTempDirectory(work, repository).toFile();
    var command =
        Git.cloneRepository().setURI(base + "git/" + repository + ".git").setDirectory(dir);
    if (depth > 0) {
      command.setDepth(depth);
    }
    try (Git git = command.call()) {
      return git.getRepository().getWorkTree();
    }
  }

  private static List<RevCommit> commits(File dir) throws Exception {
    try (Git git = Git.open(dir)) {
      List<RevCommit> commits = new ArrayList<>();
      git.log().call().forEach(commits::add);
      return commits;
    }
  }
}
