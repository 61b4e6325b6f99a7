package dev.gort.provisioner.decision;

import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.List;

/**
 * The four answers' JSON schemas, strict (every field required, nothing else), by contract name.
 */
final class Schemas {

  static final String REQUIREMENTS = "requirements";
  static final String IMAGE_CANDIDATES = "image_candidates";
  static final String IMAGE_CHOICE = "image_choice";
  static final String LEASE_DURATION = "lease_duration";

  /** Not a model decision: the seed's tree only. */
  static final String NODE_TYPE = "node_type";

  static final List<String> REQUIREMENTS_FIELDS =
      List.of(
          "cpu_cores",
          "ram_gb",
          "gpu_required",
          "gpu_memory_gb",
          "disk_gb",
          "os_type",
          "os_version",
          "cuda_required",
          "python_version",
          "special_requirements");

  static final JsonObjectSchema REQUIREMENTS_SCHEMA =
      JsonObjectSchema.builder()
          .addIntegerProperty("cpu_cores", "CPU cores, 1 to " + Requirements.MAX_CPU_CORES)
          .addIntegerProperty("ram_gb", "memory in GB, 1 to " + Requirements.MAX_RAM_GB)
          .addBooleanProperty("gpu_required", "whether a GPU is needed")
          .addIntegerProperty(
              "gpu_memory_gb", "GPU memory in GB, 0 to " + Requirements.MAX_GPU_MEMORY_GB)
          .addIntegerProperty("disk_gb", "disk in GB, 1 to " + Requirements.MAX_DISK_GB)
          .addEnumProperty("os_type", Requirements.OS_TYPES.stream().sorted().toList())
          .addStringProperty("os_version", "such as 22.04 or 8-stream")
          .addBooleanProperty("cuda_required", "whether CUDA is needed")
          .addStringProperty("python_version", "such as 3.10")
          .addProperty(
              "special_requirements",
              JsonArraySchema.builder()
                  .description("short notes such as 'CUDA 11.x', at most 10")
                  .items(JsonStringSchema.builder().build())
                  .build())
          .required(REQUIREMENTS_FIELDS)
          .additionalProperties(false)
          .build();

  static final JsonObjectSchema IMAGE_CANDIDATES_SCHEMA =
      JsonObjectSchema.builder()
          .addProperty(
              "candidates",
              JsonArraySchema.builder()
                  .description("3 to 5 distinct image names, each exactly as in the list")
                  .items(JsonStringSchema.builder().build())
                  .build())
          .addStringProperty("reasoning")
          .required("candidates", "reasoning")
          .additionalProperties(false)
          .build();

  static final JsonObjectSchema IMAGE_CHOICE_SCHEMA =
      JsonObjectSchema.builder()
          .addStringProperty("selected_image", "one candidate's name, exactly")
          .addStringProperty("reasoning")
          .required("selected_image", "reasoning")
          .additionalProperties(false)
          .build();

  static final JsonObjectSchema LEASE_DURATION_SCHEMA =
      JsonObjectSchema.builder()
          .addIntegerProperty(
              "duration_hours",
              "lease length in hours, "
                  + DurationRules.MIN_HOURS
                  + " to "
                  + DurationRules.MAX_HOURS)
          .addStringProperty("reasoning")
          .required("duration_hours", "reasoning")
          .additionalProperties(false)
          .build();

  private Schemas() {}
}
