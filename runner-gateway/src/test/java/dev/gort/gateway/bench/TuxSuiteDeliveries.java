package dev.gort.gateway.bench;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;

/**
 * TuxSuite's test callbacks: the document as a JSON string, its ECDSA P-256 / SHA-256 signature
 * base64url in {@code x-tux-payload-signature}, posted to the attempt's own callback URL.
 */
final class TuxSuiteDeliveries implements CallbackBenchmark.Deliveries {

  private final KeyPair key;

  TuxSuiteDeliveries(KeyPair key) {
    this.key = key;
  }

  @Override
  public String runner() {
    return "tuxsuite";
  }

  @Override
  public String signature() {
    return "ECDSA P-256";
  }

  @Override
  public String jobId(long n) {
    return "2bench" + Long.toString(n, 36).toUpperCase();
  }

  @Override
  public SteadyLoad.Call request(CallbackBenchmark.Seeded attempt) throws Exception {
    String document =
        "{\"kind\": \"test\", \"status\": {\"device\": \"qemu-x86_64\", \"download_url\":"
            + " \"https://storage.tuxsuite.com/public/gort/bench/tests/"
            + attempt.jobId()
            + "/\", \"duration\": 117, \"project\": \"gort/bench\", \"result\": \"fail\","
            + " \"results\": {\"boot\": \"pass\", \"ltp-smoke\": \"fail\"}, \"state\":"
            + " \"finished\", \"tests\": [\"boot\", \"ltp-smoke\"], \"uid\": \""
            + attempt.jobId()
            + "\", \"user\": \"gort@example.org\"}}";
    Signature signer = Signature.getInstance("SHA256withECDSA");
    signer.initSign(key.getPrivate());
    signer.update(document.getBytes(StandardCharsets.UTF_8));
    String body = "\"" + document.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    return new SteadyLoad.Call(
        "/api/v1/callbacks/tuxsuite/test?attempt=" + attempt.id() + "&token=" + attempt.token(),
        Map.of(
            "Content-Type",
            "application/json",
            "x-tux-payload-signature",
            Base64.getUrlEncoder().encodeToString(signer.sign())),
        body.getBytes(StandardCharsets.UTF_8));
  }
}
