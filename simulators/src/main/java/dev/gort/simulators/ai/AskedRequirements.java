package dev.gort.simulators.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.Locale;

/**
 * The requirements a question carries (decisions 2 to 4), read leniently: each field under its
 * snake_case name (as the requirements answer has it) or its camelCase name (as a Java record
 * serialises it); a field left out reads as false, 0 or empty.
 */
record AskedRequirements(
    boolean gpuRequired,
    boolean cudaRequired,
    int ramGb,
    int diskGb,
    String osType,
    String osVersion) {

  static AskedRequirements of(JsonNode requirements) {
    JsonNode r = requirements == null ? NullNode.instance : requirements;
    return new AskedRequirements(
        field(r, "gpu_required", "gpuRequired").asBoolean(false),
        field(r, "cuda_required", "cudaRequired").asBoolean(false),
        field(r, "ram_gb", "ramGb").asInt(0),
        field(r, "disk_gb", "diskGb").asInt(0),
        field(r, "os_type", "osType").asText("").toLowerCase(Locale.ROOT),
        field(r, "os_version", "osVersion").asText(""));
  }

  /** Whether the image must carry CUDA. */
  boolean wantsCuda() {
    return gpuRequired || cudaRequired;
  }

  private static JsonNode field(JsonNode node, String snake, String camel) {
    JsonNode value = node.get(snake);
    return value == null || value.isNull() ? node.path(camel) : value;
  }
}
