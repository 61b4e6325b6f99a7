package dev.gort.gateway.runner.tuxsuite;

import static dev.gort.gateway.runner.SettingsRules.text;

import dev.gort.common.web.Untrusted;
import dev.gort.gateway.runner.InvalidSettingsException;
import dev.gort.gateway.runner.RunKind;
import dev.gort.gateway.runner.SettingsRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a {@code tuxsuite} job runs, per kind: a test the {@code device}, {@code kernel}, {@code
 * modules} and {@code tests}; a boot test the same but always the tests {@code ["boot"]}; a build
 * the {@code git_repo}, {@code git_ref}, {@code target_arch}, {@code toolchain} and {@code
 * kconfig}. The names are TuxSuite's own request fields.
 */
final class TuxSuiteSettings {

  static final String DEVICE = "device";
  static final String KERNEL = "kernel";
  static final String MODULES = "modules";
  static final String TESTS = "tests";
  static final String GIT_REPO = "git_repo";
  static final String GIT_REF = "git_ref";
  static final String TARGET_ARCH = "target_arch";
  static final String TOOLCHAIN = "toolchain";
  static final String KCONFIG = "kconfig";

  static final Map<RunKind, List<String>> NAMES =
      Map.of(
          RunKind.TEST, List.of(DEVICE, KERNEL, MODULES, TESTS),
          RunKind.BOOT, List.of(DEVICE, KERNEL, MODULES),
          RunKind.BUILD, List.of(GIT_REPO, GIT_REF, TARGET_ARCH, TOOLCHAIN, KCONFIG));

  private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>\\\\]{1,2000}");
  private static final Pattern GIT_URL =
      Pattern.compile("(?:https?|git)://[^\\s\"'<>\\\\]{1,2000}");
  private static final Pattern DEVICE_NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");
  private static final Pattern TEST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:+-]{0,99}");
  private static final Pattern REF = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._/+-]{0,254}");
  private static final Pattern ARCH = Pattern.compile("[a-z0-9][a-z0-9_]{0,31}");
  private static final Pattern TOOLCHAIN_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Pattern KCONFIG_ITEM = Pattern.compile("[A-Za-z0-9_.:/=+-]{1,2000}");
  private static final int MAX_ITEMS = 50;

  private TuxSuiteSettings() {}

  /**
   * The configured defaults for {@code kind} with {@code requested} over them, checked.
   *
   * @throws InvalidSettingsException naming the setting at fault
   */
  static Map<String, Object> check(
      RunKind kind, Map<String, Object> requested, TuxSuiteConfig defaults) {
    List<String> names = NAMES.get(kind);
    SettingsRules.onlyKnown(requested, names, "a tuxsuite " + kind);
    Map<String, Object> checked = new LinkedHashMap<>();
    if (kind == RunKind.BUILD) {
      checked.put(
          GIT_REPO,
          required(
              GIT_REPO,
              text(requested, GIT_REPO).or(defaults::gitRepo),
              GIT_URL,
              "an http(s) or git URL"));
      checked.put(
          GIT_REF,
          matching(GIT_REF, text(requested, GIT_REF).orElse(defaults.gitRef()), REF, "a git ref"));
      if (((String) checked.get(GIT_REF)).contains("..")) {
        throw new InvalidSettingsException(GIT_REF + " must not contain '..'");
      }
      checked.put(
          TARGET_ARCH,
          matching(
              TARGET_ARCH,
              text(requested, TARGET_ARCH).orElse(defaults.targetArch()),
              ARCH,
              "an architecture name such as x86_64 or arm64"));
      checked.put(
          TOOLCHAIN,
          matching(
              TOOLCHAIN,
              text(requested, TOOLCHAIN).orElse(defaults.toolchain()),
              TOOLCHAIN_NAME,
              "a toolchain name such as gcc-13 or clang-17"));
      checked.put(
          KCONFIG,
          list(requested, KCONFIG, defaults.kconfig(), KCONFIG_ITEM, "kconfig names or URLs"));
      return checked;
    }
    checked.put(
        DEVICE,
        matching(
            DEVICE,
            text(requested, DEVICE).orElse(defaults.device()),
            DEVICE_NAME,
            "a device name such as qemu-x86_64"));
    checked.put(
        KERNEL,
        required(KERNEL, text(requested, KERNEL).or(defaults::kernel), URL, "an http(s) URL"));
    Optional<String> modules = text(requested, MODULES).or(defaults::modules);
    if (modules.isPresent()) {
      checked.put(MODULES, matching(MODULES, modules.get(), URL, "an http(s) URL"));
    }
    if (kind == RunKind.TEST) {
      checked.put(TESTS, list(requested, TESTS, defaults.tests(), TEST_NAME, "test names"));
    }
    return checked;
  }

  private static String required(
      String name, Optional<String> value, Pattern pattern, String expected) {
    if (value.isEmpty()) {
      throw new InvalidSettingsException(
          name + " is required: " + expected + " (no default is configured)");
    }
    return matching(name, value.get(), pattern, expected);
  }

  private static String matching(String name, String value, Pattern pattern, String expected) {
    if (!pattern.matcher(value).matches()) {
      throw new InvalidSettingsException(
          name + " must be " + expected + ", was " + Untrusted.quote(value));
    }
    return value;
  }

  private static List<String> list(
      Map<String, Object> settings,
      String name,
      List<String> defaults,
      Pattern pattern,
      String expected) {
    Object value = settings.get(name);
    List<String> items = new ArrayList<>();
    if (value == null) {
      defaults.forEach(d -> items.add(d.trim()));
    } else if (value instanceof String s) {
      items.add(s.trim());
    } else if (value instanceof List<?> values) {
      for (Object item : values) {
        if (!(item instanceof String s)) {
          throw new InvalidSettingsException(name + " must be a list of strings");
        }
        items.add(s.trim());
      }
    } else {
      throw new InvalidSettingsException(name + " must be a string or a list of strings");
    }
    if (items.isEmpty() || items.size() > MAX_ITEMS) {
      throw new InvalidSettingsException(
          name + " must name 1 to " + MAX_ITEMS + " " + expected + ", named " + items.size());
    }
    for (String item : items) {
      matching(name, item, pattern, expected);
    }
    return List.copyOf(items);
  }
}
