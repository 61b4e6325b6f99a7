package dev.gort.gateway.runner.tuxsuite;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A {@link TuxSuiteConfig} with the tests' values: group gort, project lab, no key-fetch pause. */
record TuxSuiteConfigValues(
    String apiUrl,
    Optional<String> token,
    Optional<String> group,
    Optional<String> project,
    String device,
    Optional<String> kernel,
    Optional<String> modules,
    List<String> tests,
    Optional<String> gitRepo,
    String gitRef,
    String targetArch,
    String toolchain,
    List<String> kconfig,
    Duration connectTimeout,
    Duration readTimeout,
    Duration keyRefetchInterval)
    implements TuxSuiteConfig {

  static TuxSuiteConfigValues of(String apiUrl) {
    return new TuxSuiteConfigValues(
        apiUrl,
        Optional.of(FakeTuxSuite.TOKEN),
        Optional.of("gort"),
        Optional.of("lab"),
        "qemu-arm64",
        Optional.of("https://storage.tuxboot.com/arm64/Image"),
        Optional.empty(),
        List.of("ltp-smoke"),
        Optional.of("https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git"),
        "master",
        "arm64",
        "gcc-13",
        List.of("defconfig"),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        Duration.ZERO);
  }

  TuxSuiteConfigValues withRefetchInterval(Duration interval) {
    return new TuxSuiteConfigValues(
        apiUrl,
        token,
        group,
        project,
        device,
        kernel,
        modules,
        tests,
        gitRepo,
        gitRef,
        targetArch,
        toolchain,
        kconfig,
        connectTimeout,
        readTimeout,
        interval);
  }

  TuxSuiteConfigValues withoutToken() {
    return new TuxSuiteConfigValues(
        apiUrl,
        Optional.empty(),
        group,
        project,
        device,
        kernel,
        modules,
        tests,
        gitRepo,
        gitRef,
        targetArch,
        toolchain,
        kconfig,
        connectTimeout,
        readTimeout,
        keyRefetchInterval);
  }
}
