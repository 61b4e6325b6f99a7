package dev.gort.simulators.ai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a sensible model answers to each of the four decisions (seed 004, section 10), computed from
 * the question alone: the same question always gets the same answer.
 */
final class GoodAnswers {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A file section of the requirements question: {@code === <path> ===} on a line of its own. */
  private static final Pattern SECTION = Pattern.compile("(?m)^=== (.+?) ===[ \\t]*$");

  /** What makes a project a GPU project: its frameworks or NVIDIA's stack named anywhere. */
  private static final Pattern GPU_STACK =
      Pattern.compile(
          "(?i)(?<![a-z0-9])(torch|pytorch|tensorflow(?:-gpu)?|cuda|cudnn|nvidia)(?![a-z])");

  private static final Pattern GPU_MEMORY =
      Pattern.compile(
          "(?i)(\\d{1,3})\\s*gb\\s+(?:of\\s+)?(?:gpu\\s+memory|vram)|(?:gpu\\s+memory|vram)\\D{0,20}(\\d{1,3})\\s*gb");

  private static final Pattern BIG_MODELS =
      Pattern.compile("(?i)(?<![a-z])(transformers|a100|llm|large language model)(?![a-z])");

  /** Python version declarations, most explicit first. */
  private static final List<Pattern> PYTHON =
      List.of(
          Pattern.compile("(?i)python_requires\\s*=\\s*[\"'][>=~^ ]*(3\\.\\d{1,2})"),
          Pattern.compile("(?i)requires-python\\s*=\\s*[\"'][>=~^ ]*(3\\.\\d{1,2})"),
          Pattern.compile("(?im)^\\s*-\\s*python\\s*=?=\\s*(3\\.\\d{1,2})"),
          Pattern.compile("(?im)^FROM\\s+python:(3\\.\\d{1,2})"),
          Pattern.compile("(?i)python(?:3)?(?:[- ]version)?\\s*[:= ]\\s*[\"']?(3\\.\\d{1,2})"));

  private static final Pattern UBUNTU = Pattern.compile("(?i)ubuntu[:\\- ]?(\\d{2}\\.04)");
  private static final Pattern CENTOS =
      Pattern.compile("(?i)(centos|rocky)[:\\- ]?(?:stream)?(\\d)?");

  private static final Pattern ML_PROJECT =
      Pattern.compile(
          "(?i)(?<![a-z])(ml|machine[ -]learning|deep[ -]learning|gpu|training|neural)(?![a-z])");

  private GoodAnswers() {}

  /** Decision 1: the files, as {@code === <path> ===} sections, to the machine they need. */
  static ObjectNode requirements(String question) {
    Map<String, String> files = files(question);
    String all = String.join("\n", files.values());
    boolean gpu = GPU_STACK.matcher(all).find();
    ObjectNode answer = JSON.createObjectNode();
    answer.put("cpu_cores", gpu ? 16 : 4);
    answer.put("ram_gb", gpu ? 64 : 16);
    answer.put("gpu_required", gpu);
    answer.put("gpu_memory_gb", gpu ? gpuMemory(all) : 0);
    answer.put("disk_gb", gpu ? 200 : 40);
    String[] os = os(all);
    answer.put("os_type", os[0]);
    answer.put("os_version", os[1]);
    answer.put("cuda_required", gpu);
    answer.put("python_version", python(files));
    ArrayNode special = answer.putArray("special_requirements");
    for (String s : special(files, all)) {
      special.add(s);
    }
    return answer;
  }

  /** Decision 2: 3 to 5 names from the offered images, the best fits first. */
  static ObjectNode imageCandidates(JsonNode question) {
    AskedRequirements r = AskedRequirements.of(question.get("requirements"));
    List<String> offered = new ArrayList<>();
    question
        .path("images")
        .forEach(i -> offered.add(i.isTextual() ? i.asText() : i.path("name").asText()));
    List<String> ranked =
        new ArrayList<>(new LinkedHashSet<>(offered))
            .stream()
                .filter(n -> !n.isBlank())
                .sorted(
                    Comparator.comparingInt((String n) -> -fit(r, n))
                        .thenComparing(Comparator.reverseOrder()))
                .toList();
    long strong = ranked.stream().filter(n -> fit(r, n) >= 14).count();
    int take = (int) Math.min(ranked.size(), Math.max(3, Math.min(5, strong)));
    ObjectNode answer = JSON.createObjectNode();
    ArrayNode candidates = answer.putArray("candidates");
    ranked.subList(0, take).forEach(candidates::add);
    answer.put(
        "reasoning",
        (r.wantsCuda()
                ? "The project needs a GPU with CUDA, so CUDA images come first"
                : "The project runs on CPUs, so images without CUDA come first")
            + "; images of "
            + (r.osType().isEmpty() ? "Ubuntu" : r.osType())
            + " "
            + r.osVersion()
            + " match the requested system best.");
    return answer;
  }

  /**
   * Decision 3: the newest candidate adequate for the requirements (the newest at all if none is).
   */
  static ObjectNode imageChoice(JsonNode question) {
    AskedRequirements r = AskedRequirements.of(question.get("requirements"));
    List<JsonNode> candidates = new ArrayList<>();
    question.path("candidates").forEach(candidates::add);
    Comparator<JsonNode> newestFirst = Comparator.comparing(GoodAnswers::created).reversed();
    List<JsonNode> adequate =
        candidates.stream().filter(c -> adequate(r, c)).sorted(newestFirst).toList();
    ObjectNode answer = JSON.createObjectNode();
    if (!adequate.isEmpty()) {
      answer.put("selected_image", adequate.get(0).path("name").asText());
      answer.put(
          "reasoning",
          "The newest of the "
              + adequate.size()
              + " candidate(s) that "
              + (r.wantsCuda() ? "carry CUDA" : "need no GPU")
              + " and fit the requested disk and memory.");
    } else {
      String newest =
          candidates.stream()
              .sorted(newestFirst)
              .map(c -> c.path("name").asText())
              .findFirst()
              .orElse("");
      answer.put("selected_image", newest);
      answer.put(
          "reasoning", "No candidate fits every requirement; the newest one is the best bet.");
    }
    return answer;
  }

  /** Decision 4: a day for GPU and ML work, a working day for the rest. */
  static ObjectNode leaseDuration(JsonNode question) {
    AskedRequirements r = AskedRequirements.of(question.get("requirements"));
    boolean ml =
        r.wantsCuda() || ML_PROJECT.matcher(question.path("project_type").asText("")).find();
    ObjectNode answer = JSON.createObjectNode();
    answer.put("duration_hours", ml ? 24 : 8);
    answer.put(
        "reasoning",
        ml
            ? "GPU and machine-learning work (training, tuning) usually takes about a day."
            : "A CPU-only project is usually built and tested within a working day.");
    return answer;
  }

  /** The question's files by path, in order. */
  static Map<String, String> files(String question) {
    Map<String, String> files = new LinkedHashMap<>();
    Matcher m = SECTION.matcher(question);
    String path = null;
    int from = 0;
    while (m.find()) {
      if (path != null) {
        files.put(path, question.substring(from, m.start()));
      }
      path = m.group(1).trim();
      from = m.end();
    }
    if (path != null) {
      files.put(path, question.substring(from));
    }
    return files;
  }

  private static int gpuMemory(String all) {
    Matcher m = GPU_MEMORY.matcher(all);
    if (m.find()) {
      int gb = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
      return Math.max(8, Math.min(16, gb));
    }
    return BIG_MODELS.matcher(all).find() ? 16 : 8;
  }

  private static String[] os(String all) {
    Matcher ubuntu = UBUNTU.matcher(all);
    if (ubuntu.find()) {
      return new String[] {"ubuntu", ubuntu.group(1)};
    }
    Matcher centos = CENTOS.matcher(all);
    if (centos.find()) {
      return new String[] {"centos", centos.group(2) == null ? "9" : centos.group(2)};
    }
    return new String[] {"ubuntu", "22.04"};
  }

  private static String python(Map<String, String> files) {
    for (Map.Entry<String, String> file : files.entrySet()) {
      if (file.getKey().endsWith(".python-version")) {
        Matcher m = Pattern.compile("(3\\.\\d{1,2})").matcher(file.getValue());
        if (m.find()) {
          return m.group(1);
        }
      }
    }
    String all = String.join("\n", files.values());
    for (Pattern p : PYTHON) {
      Matcher m = p.matcher(all);
      if (m.find()) {
        return m.group(1);
      }
    }
    return "3.10";
  }

  private static List<String> special(Map<String, String> files, String all) {
    Set<String> found = new LinkedHashSet<>();
    String lower = all.toLowerCase(Locale.ROOT);
    if (Pattern.compile("(?<![a-z])(torch|pytorch)(?![a-z])").matcher(lower).find()) {
      found.add("pytorch");
    }
    if (lower.contains("tensorflow")) {
      found.add("tensorflow");
    }
    if (Pattern.compile("(?<![a-z])(cuda|cudnn)(?![a-z])").matcher(lower).find()) {
      found.add("cuda");
    }
    for (String path : files.keySet()) {
      String name = path.substring(path.lastIndexOf('/') + 1);
      if (name.equals("Dockerfile")) {
        found.add("docker");
      } else if (name.equals("environment.yml") || name.equals("environment.yaml")) {
        found.add("conda");
      }
    }
    return List.copyOf(found);
  }

  /**
   * How well an image name fits: CUDA as needed (8), a Chameleon-supported image (4), the requested
   * system (2) and version (1); 14 and up is a strong fit.
   */
  private static int fit(AskedRequirements r, String name) {
    String n = name.toLowerCase(Locale.ROOT);
    int fit = 0;
    if (n.contains("cuda") == r.wantsCuda()) {
      fit += 8;
    }
    if (n.startsWith("cc-")) {
      fit += 4;
    }
    String os = r.osType().isEmpty() ? "ubuntu" : r.osType();
    if (n.contains(os)) {
      fit += 2;
      if (!r.osVersion().isEmpty() && n.contains(r.osVersion().toLowerCase(Locale.ROOT))) {
        fit += 1;
      }
    }
    return fit;
  }

  private static boolean adequate(AskedRequirements r, JsonNode candidate) {
    String name = candidate.path("name").asText("").toLowerCase(Locale.ROOT);
    if (name.contains("cuda") != r.wantsCuda()) {
      return false;
    }
    int minDisk = field(candidate, "min_disk", "minDisk").asInt(0);
    int minRamMb = field(candidate, "min_ram", "minRam").asInt(0);
    return (r.diskGb() <= 0 || minDisk <= r.diskGb())
        && (r.ramGb() <= 0 || minRamMb <= r.ramGb() * 1024);
  }

  private static Instant created(JsonNode candidate) {
    String at = field(candidate, "created_at", "createdAt").asText("");
    try {
      return Instant.parse(at);
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }

  private static JsonNode field(JsonNode node, String snake, String camel) {
    JsonNode value = node.get(snake);
    return value == null || value.isNull() ? node.path(camel) : value;
  }
}
