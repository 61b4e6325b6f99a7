package dev.gort.provisioner.environment;

import dev.gort.common.security.ProductionGuard;
import dev.gort.common.web.ProblemException;
import dev.gort.provisioner.config.ProvisionerConfig;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Seals a private key Gort created (AES-256-GCM, the environment id as associated data, so a sealed
 * key cannot be moved to another environment's row) until its one download: the database never
 * holds it in clear, and nothing logs it.
 */
@ApplicationScoped
public class PrivateKeys {

  private static final Logger LOG = Logger.getLogger(PrivateKeys.class);
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  @Inject ProvisionerConfig config;

  private final SecureRandom random = new SecureRandom();
  private SecretKey key;

  @PostConstruct
  void init() {
    try {
      if (config.privateKeySecret().filter(s -> !s.isBlank()).isPresent()) {
        byte[] digest =
            MessageDigest.getInstance("SHA-256")
                .digest(config.privateKeySecret().get().getBytes(StandardCharsets.UTF_8));
        key = new SecretKeySpec(digest, "AES");
      } else if (ProductionGuard.isProduction()) {
        throw new IllegalStateException(
            "refusing to start in production without gort.provisioner.private-key-secret"
                + " (GORT_PROVISIONER_KEY_SECRET): every replica must open the private keys"
                + " another sealed, and a restart must not lose them");
      } else {
        LOG.warn(
            "no gort.provisioner.private-key-secret: created private keys are sealed with a key of"
                + " this process only, so one not downloaded before a restart is lost");
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256, random);
        key = generator.generateKey();
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256 is not available", e);
    }
  }

  public String seal(String environmentId, String privateKey) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(environmentId.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(privateKey.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[nonce.length + sealed.length];
      System.arraycopy(nonce, 0, out, 0, nonce.length);
      System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
      return Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("sealing a private key failed", e);
    }
  }

  /**
   * The key sealed for {@code environmentId}.
   *
   * @throws ProblemException 410 when it does not open (sealed under another secret)
   */
  public String open(String environmentId, String sealed) {
    try {
      byte[] all = Base64.getDecoder().decode(sealed);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, NONCE_BYTES));
      cipher.updateAAD(environmentId.getBytes(StandardCharsets.UTF_8));
      byte[] clear = cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
      return new String(clear, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new ProblemException(
          410,
          "Gone",
          "the private key can no longer be opened (it was sealed under another"
              + " gort.provisioner.private-key-secret): delete the environment and ask again");
    }
  }
}
