package dev.gort.provisioner.environment;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a request may decide instead of the model and the rules (issue 12): node type, image (name
 * or id), lease duration, key pair (a name, and optionally the public key to import under it), and
 * network. Each may be null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Overrides(
    String nodeType,
    String image,
    Integer durationHours,
    String keyName,
    String publicKey,
    String network) {

  public static Overrides none() {
    return new Overrides(null, null, null, null, null, null);
  }
}
