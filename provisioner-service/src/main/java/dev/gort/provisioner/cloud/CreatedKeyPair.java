package dev.gort.provisioner.cloud;

/**
 * A key pair Nova generated: its private key is shown once and must not be stored in clear or
 * logged — {@link #toString()} leaves it out.
 */
public record CreatedKeyPair(String name, String privateKey, String fingerprint) {

  @Override
  public String toString() {
    return "CreatedKeyPair[name=" + name + ", fingerprint=" + fingerprint + ", privateKey=***]";
  }
}
