package dev.gort.console.environments;

import java.util.regex.Pattern;

/**
 * The command that reaches an environment's server: the provisioner's connection string ({@code ssh
 * ubuntu@192.0.2.7}), with {@code -i <key>.pem} when the private key is the one the console hands
 * out (the file it downloads is named so).
 */
final class SshCommand {

  private static final String SSH = "ssh ";
  private static final Pattern UNSAFE = Pattern.compile("[^A-Za-z0-9._-]");

  private SshCommand() {}

  static String of(String connection, Environment.KeyPair keyPair) {
    if (connection == null || connection.isBlank()) {
      return null;
    }
    if (keyPair == null || keyPair.privateKey() == null || !connection.startsWith(SSH)) {
      return connection;
    }
    return SSH + "-i " + keyFileName(keyPair.name()) + " " + connection.substring(SSH.length());
  }

  /** The private key's file name: the key pair's name, only in characters safe in a shell. */
  static String keyFileName(String keyName) {
    String safe = keyName == null ? "" : UNSAFE.matcher(keyName).replaceAll("_");
    return (safe.isEmpty() ? "gort-environment" : safe) + ".pem";
  }
}
