package dev.gort.simulators.ai;

import java.util.Arrays;
import java.util.Optional;

/**
 * The four questions the provisioner asks the model (seed 004, section 10), told apart by the
 * {@code response_format.json_schema.name} of the request.
 */
public enum Decision {
  REQUIREMENTS("requirements"),
  IMAGE_CANDIDATES("image_candidates"),
  IMAGE_CHOICE("image_choice"),
  LEASE_DURATION("lease_duration");

  private final String schemaName;

  Decision(String schemaName) {
    this.schemaName = schemaName;
  }

  /** The {@code json_schema.name} that asks this question. */
  public String schemaName() {
    return schemaName;
  }

  public static Optional<Decision> named(String name) {
    return Arrays.stream(values()).filter(d -> d.schemaName.equals(name)).findFirst();
  }

  /** The names, for messages. */
  public static String names() {
    return String.join(", ", Arrays.stream(values()).map(Decision::schemaName).toList());
  }
}
