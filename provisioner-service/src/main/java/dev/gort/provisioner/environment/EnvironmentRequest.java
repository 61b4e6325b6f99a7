package dev.gort.provisioner.environment;

import dev.gort.common.web.ProblemException;
import dev.gort.common.web.Untrusted;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /api/v1/environments}: a Git repository URL and optional overrides. Every
 * problem is listed at once in a 400.
 */
public record EnvironmentRequest(
    String repositoryUrl,
    String nodeType,
    String image,
    Integer durationHours,
    String keyName,
    String publicKey,
    String network) {

  static final int MAX_URL = 2048;
  static final int MIN_HOURS = 1;
  static final int MAX_HOURS = 168;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.*-]{0,127}");
  private static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,199}");
  private static final Pattern PUBLIC_KEY =
      Pattern.compile(
          "(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh.com)"
              + " [A-Za-z0-9+/=]{16,16000}( [^\\p{Cntrl}]{0,255})?");

  /**
   * The request checked: every value in range and shape (the URL's destination is the outbound
   * guard's to judge).
   *
   * @throws ProblemException 400 naming every field at fault
   */
  public Overrides check() {
    Map<String, String> problems = new LinkedHashMap<>();
    if (repositoryUrl == null || repositoryUrl.isBlank()) {
      problems.put("repositoryUrl", "is required: the Git repository to analyse");
    } else if (repositoryUrl.length() > MAX_URL) {
      problems.put("repositoryUrl", "is longer than " + MAX_URL + " characters");
    }
    name(problems, "nodeType", nodeType, NAME);
    if (image != null
        && (image.isBlank() || image.length() > 255 || Untrusted.hasControlCharacter(image))) {
      problems.put("image", "must be an image name or id of at most 255 characters");
    }
    if (durationHours != null && (durationHours < MIN_HOURS || durationHours > MAX_HOURS)) {
      problems.put(
          "durationHours", "must be between " + MIN_HOURS + " and " + MAX_HOURS + " hours");
    }
    name(problems, "keyName", keyName, KEY_NAME);
    if (publicKey != null && !PUBLIC_KEY.matcher(publicKey.strip()).matches()) {
      problems.put(
          "publicKey", "must be one OpenSSH public key line (ssh-ed25519, ssh-rsa, ecdsa)");
    }
    if (publicKey != null && keyName == null) {
      problems.put("keyName", "is required with a publicKey: the name to import it under");
    }
    name(problems, "network", network, NAME);
    if (!problems.isEmpty()) {
      List<Map<String, String>> listed = new ArrayList<>();
      problems.forEach((field, why) -> listed.add(Map.of("field", field, "problem", why)));
      throw new ProblemException(
          400,
          "Bad Request",
          String.join(
              "; ",
              problems.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()),
          Map.of("errors", listed));
    }
    return new Overrides(
        nodeType,
        image,
        durationHours,
        keyName,
        publicKey == null ? null : publicKey.strip(),
        network);
  }

  private static void name(
      Map<String, String> problems, String field, String value, Pattern shape) {
    if (value != null && !shape.matcher(value).matches()) {
      problems.put(field, "must match " + shape.pattern());
    }
  }
}
