package dev.gort.provisioner.decision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The seed's image decision tree (seed 004 section 10): GPU → CUDA images, else non-CUDA; Ubuntu →
 * {@code CC-Ubuntu*}, anything else → its own family, then {@code CC-CentOS*}; the version that
 * matches; the newest. Without a match: {@code CC-Ubuntu22.04} (failure point 2).
 */
public final class ImageRules {

  /** The image of failure point 2, when nothing matches. */
  public static final String DEFAULT_IMAGE = "CC-Ubuntu22.04";

  public static final int MIN_CANDIDATES = 3;
  public static final int MAX_CANDIDATES = 5;

  private ImageRules() {}

  /**
   * Up to five names from {@code names} (CC-* only), best first: those that match the tree, padded
   * to three with the default image and then the next best.
   */
  public static List<String> candidates(Requirements requirements, List<String> names) {
    Map<String, ImageName> parsed = new LinkedHashMap<>();
    List<String> unparsed = new ArrayList<>();
    for (String name : names) {
      if (!ImageName.isChameleon(name)) {
        continue;
      }
      Optional<ImageName> image = ImageName.parse(name);
      if (image.isPresent()) {
        parsed.putIfAbsent(name, image.get());
      } else if (!unparsed.contains(name)) {
        unparsed.add(name);
      }
    }
    Comparator<ImageName> best = byFit(requirements).thenComparing(ImageName.NEWEST_FIRST);
    List<ImageName> ranked = parsed.values().stream().sorted(best).toList();

    Set<String> chosen = new LinkedHashSet<>();
    for (ImageName image : ranked) {
      if (chosen.size() < MAX_CANDIDATES && matches(requirements, image)) {
        chosen.add(image.name());
      }
    }
    if (chosen.size() < MIN_CANDIDATES && parsed.containsKey(DEFAULT_IMAGE)) {
      chosen.add(DEFAULT_IMAGE);
    }
    for (ImageName image : ranked) {
      if (chosen.size() >= MIN_CANDIDATES) {
        break;
      }
      chosen.add(image.name());
    }
    for (String name : unparsed) {
      if (chosen.size() >= MIN_CANDIDATES) {
        break;
      }
      chosen.add(name);
    }
    return List.copyOf(chosen);
  }

  /**
   * The final choice (stage 2B): among the candidates whose {@code min_disk} and {@code min_ram}
   * the requirements meet (all of them if none does), the best fit by the tree, then the newest by
   * {@code created_at}, then by the name's date.
   *
   * @throws IllegalArgumentException without candidates
   */
  public static ImageOption choose(Requirements requirements, List<ImageOption> candidates) {
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("no candidate images");
    }
    List<ImageOption> fitting =
        candidates.stream()
            .filter(
                c ->
                    c.minDiskGb() <= requirements.diskGb()
                        && (long) c.minRamMb() <= requirements.ramGb() * 1024L)
            .toList();
    List<ImageOption> pool = fitting.isEmpty() ? candidates : fitting;
    Comparator<ImageOption> byFit =
        Comparator.comparingInt(
                (ImageOption c) ->
                    -ImageName.parse(c.name()).map(n -> fit(requirements, n)).orElse(0))
            .thenComparing(
                (ImageOption c) -> c.createdAt() == null ? Instant.MIN : c.createdAt(),
                Comparator.reverseOrder())
            .thenComparing(
                (ImageOption c) -> ImageName.parse(c.name()).orElse(null),
                Comparator.nullsLast(ImageName.NEWEST_FIRST));
    return pool.stream().sorted(byFit).findFirst().orElseThrow();
  }

  /**
   * How well an image fits, higher is better, each criterion outweighing all after it: CUDA as
   * wanted (1000), no tag for other hardware (200), the family (100, or 50 for the CentOS fallback
   * of a family other than Ubuntu), the version (10).
   */
  static int fit(Requirements requirements, ImageName image) {
    boolean wantCuda = requirements.gpuRequired() || requirements.cudaRequired();
    int fit = 0;
    if (image.cuda() == wantCuda) {
      fit += 1000;
    }
    if (image.plain()) {
      fit += 200;
    }
    if (image.family().equals(requirements.osType())) {
      fit += 100;
    } else if (!"ubuntu".equals(requirements.osType()) && "centos".equals(image.family())) {
      fit += 50;
    }
    if (image.versionMatches(requirements.osVersion())) {
      fit += 10;
    }
    return fit;
  }

  /** Whether an image is on the tree's path: CUDA as wanted, plain hardware, the right family. */
  static boolean matches(Requirements requirements, ImageName image) {
    return fit(requirements, image) >= 1000 + 200 + 50;
  }

  private static Comparator<ImageName> byFit(Requirements requirements) {
    return Comparator.comparingInt((ImageName image) -> -fit(requirements, image));
  }
}
