package dev.gort.provisioner.repository;

import static dev.gort.provisioner.repository.GitHttpFixture.files;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gort.common.outbound.AllowEntry;
import dev.gort.common.outbound.OutboundConfig;
import dev.gort.common.outbound.OutboundFetcher;
import dev.gort.provisioner.repository.RepositoryException.Reason;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reader against a real Git smart-HTTP server on loopback, through a real outbound guard that
 * allow-lists only the server's port.
 */
class RepositoryReaderTest {

  private static Vertx vertx;
  private final List<OutboundFetcher> fetchers = new ArrayList<>();
  private GitHttpFixture git;

  record TestConfig(
      int maxPackBytes,
      Duration deadline,
      int maxFilesScanned,
      int fileCutBytes,
      int retries,
      Duration retryDelay)
      implements RepositoryConfig {}

  private static final TestConfig CONFIG =
      new TestConfig(50 * 1024 * 1024, Duration.ofSeconds(20), 10_000, 10 * 1024, 1, Duration.ZERO);

  @BeforeAll
  static void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  @BeforeEach
  void startGit() throws Exception {
    git = new GitHttpFixture();
  }

  @AfterEach
  void stop() throws Exception {
    fetchers.forEach(OutboundFetcher::close);
    git.close();
  }

  private OutboundFetcher guardAllowing(String... entries) {
    List<AllowEntry> allowed = Arrays.stream(entries).map(AllowEntry::parse).toList();
    OutboundFetcher fetcher =
        new OutboundFetcher(
            vertx,
            new OutboundConfig() {
              @Override
              public Optional<List<AllowEntry>> allow() {
                return Optional.of(allowed);
              }

              @Override
              public int maxRedirects() {
                return 3;
              }

              @Override
              public Duration connectTimeout() {
                return Duration.ofSeconds(2);
              }

              @Override
              public Duration readTimeout() {
                return Duration.ofSeconds(5);
              }

              @Override
              public Duration deadline() {
                return Duration.ofSeconds(20);
              }
            });
    fetchers.add(fetcher);
    return fetcher;
  }

  private RepositoryReader reader(RepositoryConfig config) {
    return new RepositoryReader(guardAllowing("127.0.0.1:" + git.port()), config);
  }

  private RepositoryReader reader() {
    return reader(CONFIG);
  }

  @Test
  void aShallowCloneReadsTheSeedsFilesAtTheTopOfTheTree() throws Exception {
    git.repository(
        "ml-gpu",
        files(
            "requirements.txt", "torch==2.3.0\nnumpy\n",
            "environment.yml", "name: ml\ndependencies:\n  - python=3.10\n",
            "Dockerfile", "FROM nvidia/cuda:12.2.0-runtime-ubuntu22.04\n",
            "Readme.md", "# GPU training\nNeeds CUDA.\n",
            "pyproject.toml", "[project]\nname = \"ml\"\n",
            "setup.py", "from setuptools import setup\nsetup()\n",
            "docs/requirements.txt", "not this one\n",
            "train.py", "print('train')\n"));

    RepositoryFiles read = reader().read(git.url("ml-gpu"));

    assertThat(read.files().keySet())
        .as("the seed's files in its order, README matched without regard to case")
        .containsExactly(
            "requirements.txt",
            "pyproject.toml",
            "setup.py",
            "environment.yml",
            "Dockerfile",
            "Readme.md");
    assertThat(read.files().get("requirements.txt")).isEqualTo("torch==2.3.0\nnumpy\n");
    assertThat(read.files().get("Dockerfile")).startsWith("FROM nvidia/cuda");
    assertThat(read.cut()).isEmpty();
    assertThat(read.url()).isEqualTo(git.url("ml-gpu"));
    assertThat(read.commit()).isEqualTo(git.head("ml-gpu"));
    assertThat(git.deepened()).as("the clone asked for depth 1").isTrue();
  }

  @Test
  void aServerSpeakingProtocolV2IsReadToo() throws Exception {
    git.repository("v2", files("requirements.txt", "numpy\n", "README.md", "# v2\n"));
    git.protocolV2(true);

    RepositoryFiles read = reader().read(git.url("v2"));

    assertThat(read.files()).containsOnlyKeys("requirements.txt", "README.md");
    assertThat(read.commit()).isEqualTo(git.head("v2"));
    assertThat(git.v2Requests()).as("the capabilities, ls-refs and fetch").isEqualTo(3);
    assertThat(git.deepened()).isTrue();
  }

  @Test
  void aDumbHttpServerIsNotSpokenTo() throws Exception {
    git.repository("dumb", files("setup.py", "setup()\n"));
    git.dumb("dumb");

    assertThatThrownBy(() -> reader().read(git.url("dumb")))
        .isInstanceOf(RepositoryException.class)
        .satisfies(e -> assertThat(((RepositoryException) e).reason()).isEqualTo(Reason.FAILED));
    assertThat(git.requests()).as("the refs' GET of each attempt, no object fetched").isEqualTo(2);
  }

  @Test
  void aFileOverTheLimitIsCutAtTenKilobytesOnACharacterBoundaryAndListed() throws Exception {
    // 1 + 2 x 7168 bytes: byte 10240 falls inside an "é", so the cut keeps 10239
    String readme = "a" + "é".repeat(7168);
    git.repository("big-readme", files("README.md", readme, "setup.py", "setup()\n"));

    RepositoryFiles read = reader().read(git.url("big-readme"));

    String kept = read.files().get("README.md");
    assertThat(kept.getBytes(StandardCharsets.UTF_8)).hasSize(10239);
    assertThat(kept).doesNotContain("\uFFFD").isEqualTo(readme.substring(0, 1 + 5119));
    assertThat(read.cut()).containsExactly("README.md");
    assertThat(read.files().get("setup.py")).isEqualTo("setup()\n");
  }

  @Test
  void aRepositoryWithoutTheFilesGivesNoFiles() throws Exception {
    git.repository("empty", files("LICENSE", "MIT\n"));

    RepositoryFiles read = reader().read(git.url("empty"));

    assertThat(read.files()).isEmpty();
    assertThat(read.cut()).isEmpty();
    assertThat(read.commit()).isEqualTo(git.head("empty"));
  }

  @Test
  void aRepositoryWithoutCommitsGivesNoFilesAndNoCommit() throws Exception {
    git.emptyRepository("nothing");

    RepositoryFiles read = reader().read(git.url("nothing"));

    assertThat(read.files()).isEmpty();
    assertThat(read.commit()).isNull();
  }

  @Test
  void aServerThatFailsOnceIsRetriedAndRead() throws Exception {
    git.repository("cpu-only", files("pyproject.toml", "[project]\ndependencies = [\"flask\"]\n"));
    git.failNext(1);

    RepositoryFiles read = reader().read(git.url("cpu-only"));

    assertThat(read.files()).containsOnlyKeys("pyproject.toml");
    assertThat(git.requests()).as("the 503, then the refs and the pack").isEqualTo(3);
  }

  @Test
  void aServerThatAlwaysFailsFailsAfterOneRetryWithTheSeedsAdvice() throws Exception {
    git.repository("cpu-only", files("setup.py", "setup()\n"));
    git.failNext(Integer.MAX_VALUE);

    assertThatThrownBy(() -> reader().read(git.url("cpu-only")))
        .isInstanceOf(RepositoryException.class)
        .hasMessageContaining("check the URL, try a different repository")
        .hasMessageNotContaining("503")
        .hasMessageNotContaining("127.0.0.1")
        .satisfies(e -> assertThat(((RepositoryException) e).reason()).isEqualTo(Reason.FAILED));
    assertThat(git.requests()).as("two attempts, one request each").isEqualTo(2);
  }

  @Test
  void anUnknownRepositoryIsNotFound() throws Exception {
    assertThatThrownBy(() -> reader().read(git.url("missing")))
        .isInstanceOf(RepositoryException.class)
        .hasMessage(
            "the repository could not be cloned (not found): check the URL, try a different"
                + " repository");
  }

  @Test
  void aPackOverTheSizeCapFailsAsTooLargeWithoutARetry() throws Exception {
    byte[] noise = new byte[256 * 1024];
    new Random(4).nextBytes(noise);
    Map<String, byte[]> files = new java.util.LinkedHashMap<>(files("README.md", "big\n"));
    files.put("weights.bin", noise);
    git.repository("huge", files);
    TestConfig small =
        new TestConfig(64 * 1024, Duration.ofSeconds(20), 10_000, 10 * 1024, 1, Duration.ZERO);

    assertThatThrownBy(() -> reader(small).read(git.url("huge")))
        .isInstanceOf(RepositoryException.class)
        .hasMessageContaining("(too large)")
        .satisfies(e -> assertThat(((RepositoryException) e).reason()).isEqualTo(Reason.TOO_LARGE));
    assertThat(git.requests()).as("the refs and the pack, once").isEqualTo(2);
  }

  @Test
  void aLoopbackPortThatIsNotAllowListedIsRefusedWithoutARequest() throws Exception {
    git.repository("ml-gpu", files("setup.py", "setup()\n"));
    int other = git.port() == 65535 ? 65534 : git.port() + 1;
    RepositoryReader reader = new RepositoryReader(guardAllowing("127.0.0.1:" + other), CONFIG);

    assertThatThrownBy(() -> reader.read(git.url("ml-gpu")))
        .isInstanceOf(RepositoryException.class)
        .hasMessageContaining("(refused: only public https Git repositories can be cloned)")
        .satisfies(e -> assertThat(((RepositoryException) e).reason()).isEqualTo(Reason.REFUSED));
    assertThat(git.requests()).isZero();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "file:///tmp/repository.git",
        "ssh://git@github.com/owner/repository.git",
        "git@github.com:owner/repository.git",
        "git://github.com/owner/repository.git",
        "/tmp/repository.git",
        "../repository",
        "http://10.0.0.7/repository.git",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/repository.git",
        // a public address, but plain http that the allow-list does not name
        "http://93.184.215.14/repository.git",
        ""
      })
  void urlsThatAreNotPublicHttpsAreRefusedBeforeAnyRequest(String url) {
    assertThatThrownBy(() -> reader().read(url))
        .isInstanceOf(RepositoryException.class)
        .satisfies(e -> assertThat(((RepositoryException) e).reason()).isEqualTo(Reason.REFUSED));
    assertThat(git.requests()).isZero();
  }

  @Test
  void userInfoIsRefusedEvenForTheAllowListedServer() throws Exception {
    git.repository("ml-gpu", files("setup.py", "setup()\n"));
    String url = "http://gort:secret@127.0.0.1:" + git.port() + "/ml-gpu.git";

    assertThatThrownBy(() -> reader().read(url))
        .isInstanceOf(RepositoryException.class)
        .hasMessageNotContaining("secret")
        .satisfies(e -> assertThat(((RepositoryException) e).reason()).isEqualTo(Reason.REFUSED));
    assertThat(git.requests()).isZero();
  }

  @Test
  void theFilesScannedAreCapped() throws Exception {
    // tree order is by name: "a-..." entries come before "requirements.txt"
    Map<String, byte[]> files = new java.util.LinkedHashMap<>();
    for (int i = 0; i < 20; i++) {
      files.put("a-" + i + ".txt", new byte[] {'x'});
    }
    files.put("requirements.txt", "numpy\n".getBytes(StandardCharsets.UTF_8));
    git.repository("wide", files);
    TestConfig few =
        new TestConfig(50 * 1024 * 1024, Duration.ofSeconds(20), 10, 10 * 1024, 1, Duration.ZERO);

    assertThat(reader(few).read(git.url("wide")).files()).isEmpty();
    assertThat(reader().read(git.url("wide")).files()).containsOnlyKeys("requirements.txt");
  }

  @Test
  void aRedirectIsFollowedOnlyWhereTheGuardAllowsIt() throws Exception {
    git.repository("ml-gpu", files("setup.py", "setup()\n"));
    git.redirect("moved", git.url("ml-gpu"));
    int other = git.port() == 65535 ? 65534 : git.port() + 1;
    git.redirect("elsewhere", "http://127.0.0.1:" + other + "/ml-gpu.git");

    assertThat(reader().read(git.url("moved")).files()).containsOnlyKeys("setup.py");
    assertThatThrownBy(() -> reader().read(git.url("elsewhere")))
        .isInstanceOf(RepositoryException.class)
        .as("the guard checks the redirect's target: a loopback port not allow-listed")
        .satisfies(e -> assertThat(((RepositoryException) e).reason()).isEqualTo(Reason.REFUSED));
  }

  @Test
  void aCloneThatTakesLongerThanTheDeadlineTimesOut() throws Exception {
    git.repository("slow", files("setup.py", "setup()\n"));
    git.delay(3_000);
    TestConfig quick =
        new TestConfig(
            50 * 1024 * 1024, Duration.ofMillis(700), 10_000, 10 * 1024, 1, Duration.ZERO);
    long started = System.nanoTime();

    assertThatThrownBy(() -> reader(quick).read(git.url("slow")))
        .isInstanceOf(RepositoryException.class)
        .hasMessageContaining("(timed out)")
        .satisfies(e -> assertThat(((RepositoryException) e).reason()).isEqualTo(Reason.TIMED_OUT));
    assertThat((System.nanoTime() - started) / 1_000_000)
        .as("two attempts of 0.7 s each, not the server's 3 s per request")
        .isBetween(1_300L, 5_000L);
    // the second attempt's request may not have reached the handler yet when it gives up
    assertThat(git.requests()).isBetween(1, 2);
  }

  @Test
  void aCutNeverEndsInsideACharacter() {
    byte[] euro = "ab€".getBytes(StandardCharsets.UTF_8); // a b E2 82 AC
    assertThat(EnvironmentFiles.utf8Boundary(euro, 5)).isEqualTo(5);
    assertThat(EnvironmentFiles.utf8Boundary(euro, 4)).isEqualTo(2);
    assertThat(EnvironmentFiles.utf8Boundary(euro, 3)).isEqualTo(2);
    assertThat(EnvironmentFiles.utf8Boundary(euro, 2)).isEqualTo(2);
    byte[] emoji = "a😀".getBytes(StandardCharsets.UTF_8); // a F0 9F 98 80
    assertThat(EnvironmentFiles.utf8Boundary(emoji, 4)).isEqualTo(1);
    assertThat(EnvironmentFiles.utf8Boundary(emoji, 5)).isEqualTo(5);
  }
}
