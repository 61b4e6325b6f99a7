package dev.gort.provisioner.decision;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requirements read from a repository's environment files without a model (seed 004, step 1 and
 * failure point 2): a GPU framework or CUDA in the dependencies, or a {@code nvidia/cuda} base
 * image, means a GPU with CUDA; the Python version comes from {@code python_requires}, {@code
 * requires-python}, {@code python=3.x} or {@code FROM python:3.x}; the OS from the Dockerfile's
 * base image, else Ubuntu 22.04. The README is not read: prose ("no GPU needed") is the model's
 * job.
 */
public final class RequirementRules {

  public static final String DEFAULT_OS_TYPE = "ubuntu";
  public static final String DEFAULT_OS_VERSION = "22.04";

  /** Ubuntu 22.04's own Python. */
  public static final String DEFAULT_PYTHON = "3.10";

  private static final Pattern GPU_PACKAGE =
      Pattern.compile(
          "(?<![A-Za-z0-9_.-])(torch|pytorch|tensorflow(?:-gpu)?|jax|jaxlib|cupy\\S*|tensorrt\\S*"
              + "|nvidia\\S*|cuda\\S*|cudatoolkit|pytorch-cuda\\S*)(?![A-Za-z0-9_-])",
          Pattern.CASE_INSENSITIVE);

  /** Frameworks for models too large for 16 GB cards. */
  private static final Pattern LARGE_MODEL_PACKAGE =
      Pattern.compile(
          "(?<![A-Za-z0-9_.-])(deepspeed|vllm|megatron-core|megatron-lm)(?![A-Za-z0-9_-])",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern FROM =
      Pattern.compile("^\\s*FROM\\s+(?:--platform=\\S+\\s+)?(\\S+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern PYTHON_IMAGE =
      Pattern.compile("(?:^|/)python:(3\\.[0-9]{1,2})", Pattern.CASE_INSENSITIVE);
  private static final Pattern CUDA_IMAGE =
      Pattern.compile(
          "(?:^|/)nvidia/cuda(?::([0-9]{1,2}\\.[0-9]{1,2}))?", Pattern.CASE_INSENSITIVE);
  private static final Pattern UBUNTU_TAG =
      Pattern.compile("ubuntu[:-]?([0-9]{2}\\.[0-9]{2})", Pattern.CASE_INSENSITIVE);
  private static final Pattern CENTOS_TAG =
      Pattern.compile(
          "(centos|rockylinux|rocky)[:/-]?(?:stream)?([0-9]{1,2})", Pattern.CASE_INSENSITIVE);

  private static final Pattern CONDA_PYTHON =
      Pattern.compile("^\\s*-\\s*python\\s*(?:[=<>~!]=?|=)\\s*(3\\.[0-9]{1,2})", Pattern.MULTILINE);
  private static final Pattern REQUIRES_PYTHON =
      Pattern.compile(
          "requires-python\\s*=\\s*[\"'][^0-9\"']*(3\\.[0-9]{1,2})", Pattern.CASE_INSENSITIVE);
  private static final Pattern POETRY_PYTHON =
      Pattern.compile("^\\s*python\\s*=\\s*[\"'][^0-9\"']*(3\\.[0-9]{1,2})", Pattern.MULTILINE);
  private static final Pattern PYTHON_REQUIRES =
      Pattern.compile("python_requires\\s*=\\s*[\"'][^0-9\"']*(3\\.[0-9]{1,2})");

  private RequirementRules() {}

  /** The requirements {@code files} (path → content) suggest; defaults for an empty repository. */
  public static Requirements from(Map<String, String> files) {
    Map<Kind, List<String>> byKind = new TreeMap<>();
    files.forEach(
        (path, content) ->
            kind(path)
                .ifPresent(
                    kind ->
                        byKind
                            .computeIfAbsent(kind, k -> new ArrayList<>())
                            .add(content == null ? "" : content)));

    boolean gpu = false;
    boolean large = false;
    for (Kind kind : List.of(Kind.REQUIREMENTS, Kind.PYPROJECT, Kind.SETUP, Kind.CONDA)) {
      for (String content : byKind.getOrDefault(kind, List.of())) {
        String code = withoutComments(content);
        gpu |= GPU_PACKAGE.matcher(code).find();
        large |= LARGE_MODEL_PACKAGE.matcher(code).find();
      }
    }

    String osType = DEFAULT_OS_TYPE;
    String osVersion = DEFAULT_OS_VERSION;
    String python = null;
    List<String> special = new ArrayList<>();
    for (String dockerfile : byKind.getOrDefault(Kind.DOCKERFILE, List.of())) {
      special.add("Docker");
      String code = withoutComments(dockerfile).replace("\\\n", " ");
      for (String line : code.split("\n")) {
        Matcher from = FROM.matcher(line);
        if (from.find()) {
          String image = from.group(1);
          Matcher cuda = CUDA_IMAGE.matcher(image);
          if (cuda.find()) {
            gpu = true;
            if (cuda.group(1) != null) {
              special.add("CUDA " + cuda.group(1));
            }
          }
          if (image.toLowerCase(Locale.ROOT).contains("cuda")) {
            gpu = true;
          }
          if (image.toLowerCase(Locale.ROOT).contains("cudnn")) {
            special.add("cuDNN");
          }
          Matcher py = PYTHON_IMAGE.matcher(image);
          if (py.find() && python == null) {
            python = py.group(1);
          }
          Matcher ubuntu = UBUNTU_TAG.matcher(image);
          Matcher centos = CENTOS_TAG.matcher(image);
          if (ubuntu.find()) {
            osType = "ubuntu";
            osVersion = ubuntu.group(1);
          } else if (centos.find()) {
            osType =
                centos.group(1).toLowerCase(Locale.ROOT).startsWith("rocky") ? "rocky" : "centos";
            osVersion = centos.group(2);
          }
        } else if (line.stripLeading().toUpperCase(Locale.ROOT).startsWith("RUN")) {
          gpu |= GPU_PACKAGE.matcher(line).find();
          large |= LARGE_MODEL_PACKAGE.matcher(line).find();
        }
      }
    }

    if (python == null) {
      python =
          first(byKind.get(Kind.CONDA), CONDA_PYTHON)
              .or(() -> first(byKind.get(Kind.PYPROJECT), REQUIRES_PYTHON))
              .or(() -> first(byKind.get(Kind.PYPROJECT), POETRY_PYTHON))
              .or(() -> first(byKind.get(Kind.SETUP), PYTHON_REQUIRES))
              .orElse(DEFAULT_PYTHON);
    }

    if (gpu) {
      // seed 004 node tree: 16 GB is an RTX 5000, above 24 GB an A100
      return new Requirements(
          8,
          large ? 64 : 32,
          true,
          large ? 40 : 16,
          large ? 200 : 100,
          osType,
          osVersion,
          true,
          python,
          distinct(special));
    }
    return new Requirements(
        4, 16, false, 0, 50, osType, osVersion, false, python, distinct(special));
  }

  private enum Kind {
    REQUIREMENTS,
    PYPROJECT,
    SETUP,
    CONDA,
    DOCKERFILE
  }

  private static Optional<Kind> kind(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    if (name.startsWith("requirements") && (name.endsWith(".txt") || name.endsWith(".in"))) {
      return Optional.of(Kind.REQUIREMENTS);
    }
    if (name.equals("pyproject.toml") || name.equals("pipfile")) {
      return Optional.of(Kind.PYPROJECT);
    }
    if (name.equals("setup.py") || name.equals("setup.cfg")) {
      return Optional.of(Kind.SETUP);
    }
    if (name.equals("environment.yml")
        || name.equals("environment.yaml")
        || name.equals("conda.yml")
        || name.equals("conda.yaml")) {
      return Optional.of(Kind.CONDA);
    }
    if (name.equals("dockerfile")
        || name.startsWith("dockerfile.")
        || name.endsWith(".dockerfile")) {
      return Optional.of(Kind.DOCKERFILE);
    }
    return Optional.empty();
  }

  /** Each line up to a {@code #} that starts a comment (at the start or after a blank). */
  private static String withoutComments(String content) {
    StringBuilder out = new StringBuilder(content.length());
    for (String line : content.split("\r?\n")) {
      int hash = line.indexOf('#');
      while (hash > 0 && !Character.isWhitespace(line.charAt(hash - 1))) {
        hash = line.indexOf('#', hash + 1);
      }
      out.append(hash < 0 ? line : line.substring(0, hash)).append('\n');
    }
    return out.toString();
  }

  private static Optional<String> first(List<String> contents, Pattern pattern) {
    if (contents == null) {
      return Optional.empty();
    }
    for (String content : contents) {
      Matcher m = pattern.matcher(content);
      if (m.find()) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }

  private static List<String> distinct(List<String> values) {
    return values.stream().distinct().limit(Requirements.MAX_SPECIAL_REQUIREMENTS).toList();
  }
}
