package dev.gort.gateway.runner.tuxsuite;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Runner {@code tuxsuite}'s settings ({@code gort.runner.tuxsuite.*}), documented in
 * application.properties. The group and project are the gateway's (one TuxSuite project, whose key
 * signs every callback); device, kernel, modules, tests and the build's git_repo, git_ref,
 * target_arch, toolchain and kconfig are defaults an experiment's test config may override.
 */
@ConfigMapping(prefix = "gort.runner.tuxsuite")
public interface TuxSuiteConfig {

  /** TuxSuite's API root (paths {@code /v1/groups/…} under it). */
  @WithDefault("https://tuxapi.tuxsuite.com")
  String apiUrl();

  /** Token sent as {@code Authorization: <token>}; without one: not configured. */
  Optional<String> token();

  /** TuxSuite group; without one: not configured. */
  Optional<String> group();

  /** TuxSuite project within the group; without one: not configured. */
  Optional<String> project();

  /** Default device of tests and boot tests ({@code qemu-x86_64}, {@code qemu-arm64}, …). */
  @WithDefault("qemu-x86_64")
  String device();

  /** Default kernel URL of tests and boot tests; none = every experiment must name one. */
  Optional<String> kernel();

  /** Default modules URL of tests and boot tests; none = sent without modules. */
  Optional<String> modules();

  /** Default tests of a test job (a boot test always runs {@code ["boot"]}). */
  @WithDefault("ltp-smoke")
  List<String> tests();

  /** Default git repository of a build; none = every experiment must name one. */
  Optional<String> gitRepo();

  /** Default git ref of a build. */
  @WithDefault("master")
  String gitRef();

  /** Default target architecture of a build. */
  @WithDefault("x86_64")
  String targetArch();

  /** Default toolchain of a build. */
  @WithDefault("gcc-13")
  String toolchain();

  /** Default kconfig of a build (one or more, comma-separated). */
  @WithDefault("defconfig")
  List<String> kconfig();

  /** Connect timeout of one API call. */
  @WithDefault("PT2S")
  Duration connectTimeout();

  /** Response timeout of one API call. */
  @WithDefault("PT10S")
  Duration readTimeout();

  /**
   * Least time between two fetches of the project's key after a signature that did not hold: a
   * flood of forged callbacks costs TuxSuite at most one fetch per this much.
   */
  @WithDefault("PT10S")
  Duration keyRefetchInterval();
}
