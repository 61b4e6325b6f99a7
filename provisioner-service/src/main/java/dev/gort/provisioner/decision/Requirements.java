package dev.gort.provisioner.decision;

import dev.gort.common.web.Untrusted;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a repository needs from a machine (seed 004, step 1). Always valid: the constructor refuses
 * values out of range and normalises the strings (the OS type lower-cased, strings trimmed), so a
 * model's answer that got this far is within what the rules could have produced.
 *
 * @param cpuCores cores, 1–512
 * @param ramGb memory in GB, 1–4096
 * @param gpuRequired whether the project needs a GPU
 * @param gpuMemoryGb GPU memory in GB, 0–192 (0 without a GPU)
 * @param diskGb disk in GB, 1–100000
 * @param osType one of {@link #OS_TYPES}
 * @param osVersion such as {@code 22.04} or {@code 8-stream}
 * @param cudaRequired whether the project needs CUDA
 * @param pythonVersion such as {@code 3.10}
 * @param specialRequirements free text notes such as {@code CUDA 11.x}, at most 10 of 100
 *     characters
 */
public record Requirements(
    int cpuCores,
    int ramGb,
    boolean gpuRequired,
    int gpuMemoryGb,
    int diskGb,
    String osType,
    String osVersion,
    boolean cudaRequired,
    String pythonVersion,
    List<String> specialRequirements) {

  public static final int MAX_CPU_CORES = 512;
  public static final int MAX_RAM_GB = 4096;
  public static final int MAX_GPU_MEMORY_GB = 192;
  public static final int MAX_DISK_GB = 100_000;
  public static final int MAX_SPECIAL_REQUIREMENTS = 10;
  public static final int MAX_SPECIAL_REQUIREMENT_LENGTH = 100;

  /** The operating systems a machine may be asked for (Chameleon's CC-* image families). */
  public static final Set<String> OS_TYPES = Set.of("ubuntu", "centos", "rocky", "debian");

  private static final Pattern OS_VERSION = Pattern.compile("[0-9]{1,2}(\\.[0-9]{1,2})?(-stream)?");
  private static final Pattern PYTHON_VERSION = Pattern.compile("[23](\\.[0-9]{1,2}){0,2}");

  public Requirements {
    range("cpu_cores", cpuCores, 1, MAX_CPU_CORES);
    range("ram_gb", ramGb, 1, MAX_RAM_GB);
    range("gpu_memory_gb", gpuMemoryGb, 0, MAX_GPU_MEMORY_GB);
    range("disk_gb", diskGb, 1, MAX_DISK_GB);
    osType = required("os_type", osType).toLowerCase(Locale.ROOT);
    if (!OS_TYPES.contains(osType)) {
      throw new IllegalArgumentException(
          "os_type " + Untrusted.quote(osType) + " is not one of " + OS_TYPES);
    }
    osVersion = matching("os_version", osVersion, OS_VERSION);
    pythonVersion = matching("python_version", pythonVersion, PYTHON_VERSION);
    specialRequirements = special(specialRequirements);
  }

  /** As the model answers it and is asked with it: snake_case names, in the contract's order. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("cpu_cores", cpuCores);
    json.put("ram_gb", ramGb);
    json.put("gpu_required", gpuRequired);
    json.put("gpu_memory_gb", gpuMemoryGb);
    json.put("disk_gb", diskGb);
    json.put("os_type", osType);
    json.put("os_version", osVersion);
    json.put("cuda_required", cudaRequired);
    json.put("python_version", pythonVersion);
    json.put("special_requirements", specialRequirements);
    return json;
  }

  private static void range(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " " + value + " out of range " + min + "–" + max);
    }
  }

  private static String required(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " missing");
    }
    return value.strip();
  }

  private static String matching(String name, String value, Pattern pattern) {
    String stripped = required(name, value);
    if (!pattern.matcher(stripped).matches()) {
      throw new IllegalArgumentException(name + " " + Untrusted.quote(stripped) + " malformed");
    }
    return stripped;
  }

  private static List<String> special(List<String> values) {
    if (values == null) {
      return List.of();
    }
    if (values.size() > MAX_SPECIAL_REQUIREMENTS) {
      throw new IllegalArgumentException(
          "special_requirements: "
              + values.size()
              + " entries, at most "
              + MAX_SPECIAL_REQUIREMENTS);
    }
    List<String> kept = new ArrayList<>(values.size());
    for (String value : values) {
      String stripped = required("special_requirements entry", value);
      if (stripped.length() > MAX_SPECIAL_REQUIREMENT_LENGTH
          || Untrusted.hasControlCharacter(stripped)) {
        throw new IllegalArgumentException(
            "special_requirements entry " + Untrusted.quote(stripped) + " too long or malformed");
      }
      kept.add(stripped);
    }
    return List.copyOf(kept);
  }
}
