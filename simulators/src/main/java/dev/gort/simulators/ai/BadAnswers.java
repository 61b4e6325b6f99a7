package dev.gort.simulators.ai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The answers of a model gone wrong: prose instead of JSON, or JSON that cannot be used. */
final class BadAnswers {

  private static final ObjectMapper JSON = new ObjectMapper();

  private BadAnswers() {}

  /** Not JSON: chat prose with a broken object in it, as a model ignoring the format writes. */
  static String garbage(Decision decision) {
    return "Sure! Here is my answer for "
        + decision.schemaName()
        + ", I hope it helps:\n\n{\"answer\": maybe, \"confidence\": very high,\n"
        + "(the rest of this answer was cut off";
  }

  /** Well-formed and of the right shape, but every value out of bounds or not on offer. */
  static ObjectNode outOfRange(Decision decision) {
    ObjectNode answer = JSON.createObjectNode();
    switch (decision) {
      case REQUIREMENTS -> {
        answer.put("cpu_cores", 4096);
        answer.put("ram_gb", 1_048_576);
        answer.put("gpu_required", true);
        answer.put("gpu_memory_gb", 2048);
        answer.put("disk_gb", 999_999);
        answer.put("os_type", "windows");
        answer.put("os_version", "3.11");
        answer.put("cuda_required", true);
        answer.put("python_version", "1.0");
        answer.putArray("special_requirements").add("quantum-coprocessor");
      }
      case IMAGE_CANDIDATES -> {
        answer
            .putArray("candidates")
            .add("CC-Imaginary99.04-CUDA")
            .add("CC-Windows-XP")
            .add("CC-Ubuntu99.04");
        answer.put("reasoning", "These images are the best fit (none of them was offered).");
      }
      case IMAGE_CHOICE -> {
        answer.put("selected_image", "CC-Imaginary99.04-CUDA");
        answer.put("reasoning", "The best image (not one of the candidates).");
      }
      case LEASE_DURATION -> {
        answer.put("duration_hours", 500);
        answer.put("reasoning", "Three weeks, to be safe (far beyond the lease limit).");
      }
    }
    return answer;
  }
}
