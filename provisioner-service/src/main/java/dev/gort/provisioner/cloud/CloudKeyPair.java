package dev.gort.provisioner.cloud;

/** A Nova key pair as it exists (no private key). */
public record CloudKeyPair(String name, String fingerprint, String publicKey) {}
