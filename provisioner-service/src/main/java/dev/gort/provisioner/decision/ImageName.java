package dev.gort.provisioner.decision;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Chameleon image name taken apart: {@code CC-Ubuntu22.04-CUDA-20240326} is family {@code
 * ubuntu}, version {@code 22.04}, tags {@code [CUDA]}, built 2024-03-26; an undated name ({@code
 * CC-Ubuntu22.04-CUDA}) is the family's rolling newest build.
 */
record ImageName(String name, String family, String version, List<String> tags, LocalDate built) {

  private static final Pattern CC =
      Pattern.compile(
          "CC-([A-Za-z]+)([0-9]{1,2}(?:\\.[0-9]{1,2})?(?:-stream)?)((?:-[A-Za-z0-9]+)*?)(?:-([0-9]{8}))?");

  /** Undated names first (they are the rolling newest), then the newest date. */
  static final Comparator<ImageName> NEWEST_FIRST =
      Comparator.comparing(
              (ImageName image) -> image.built() == null ? LocalDate.MAX : image.built())
          .reversed()
          .thenComparing(ImageName::name);

  static boolean isChameleon(String name) {
    return name.startsWith("CC-");
  }

  static Optional<ImageName> parse(String name) {
    Matcher m = CC.matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    List<String> tags =
        m.group(3).isEmpty()
            ? List.of()
            : List.of(m.group(3).substring(1).toUpperCase(Locale.ROOT).split("-"));
    LocalDate built = null;
    if (m.group(4) != null) {
      try {
        built = LocalDate.parse(m.group(4), DateTimeFormatter.BASIC_ISO_DATE);
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    return Optional.of(
        new ImageName(name, m.group(1).toLowerCase(Locale.ROOT), m.group(2), tags, built));
  }

  boolean cuda() {
    return tags.contains("CUDA");
  }

  /** Tags other than CUDA (ARM64, ROCm, FPGA …) mark images for other hardware. */
  boolean plain() {
    return tags.stream().allMatch("CUDA"::equals);
  }

  /** Same version, CentOS {@code 8} and {@code 8-stream} alike. */
  boolean versionMatches(String wanted) {
    return stripStream(version).equals(stripStream(wanted));
  }

  private static String stripStream(String version) {
    return version.toLowerCase(Locale.ROOT).replace("-stream", "");
  }
}
