package dev.gort.scheduler.operation.environment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gort.common.operation.OperationView;
import dev.gort.common.operation.OperationView.OperationError;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How an environment's state reads as an operation, without a database. */
class EnvironmentOperationStatusTest {

  private static final Instant CREATED = Instant.parse("2026-12-01T10:00:00Z");
  private static final Instant CHANGED = Instant.parse("2026-12-01T10:05:00Z");

  private static OperationView view(String state, String failure, String provisioner) {
    return EnvironmentOperationStatus.of(
        "env-1", "op-1", state, 42, failure, CREATED, CHANGED, provisioner);
  }

  @Test
  void onlyAFinishedOperationNamesTheProvisionersEnvironment() {
    assertThat(view("REQUESTED", null, "http://p:8085").resourceLocation()).isNull();
    assertThat(view("PROVISIONING", null, "http://p:8085").resourceLocation()).isNull();
    assertThat(view("TEARING_DOWN", null, "http://p:8085").resourceLocation()).isNull();
    for (String state : new String[] {"READY", "DELETING", "TORN_DOWN", "FAILED", "CANCELLED"}) {
      assertThat(view(state, null, "http://p:8085").resourceLocation())
          .as(state)
          .isEqualTo("http://p:8085/api/v1/environments/env-1");
    }
    assertThat(view("READY", null, "https://gort.example/provisioner/").resourceLocation())
        .isEqualTo("https://gort.example/provisioner/api/v1/environments/env-1");
    assertThat(EnvironmentOperationStatus.location("http://p", "a b/c?d#é"))
        .isEqualTo("http://p/api/v1/environments/a%20b%2Fc%3Fd%23%C3%A9");
  }

  @Test
  void aFailureIsProvisioningFailedWithItsReasonAndACancelIsCancelled() {
    OperationView failed = view("FAILED", "lease stuck in PENDING after 5 min", "http://p");
    assertThat(failed.status()).isEqualTo("failed");
    assertThat(failed.error())
        .isEqualTo(new OperationError("ProvisioningFailed", "lease stuck in PENDING after 5 min"));
    assertThat(view("FAILED", null, "http://p").error().code()).isEqualTo("ProvisioningFailed");
    assertThat(view("CANCELLED", "cancelled by alice", "http://p").error())
        .isEqualTo(new OperationError("Cancelled", "cancelled by alice"));
    assertThat(view("READY", null, "http://p").error()).isNull();
    assertThat(view("PROVISIONING", "ignored while running", "http://p").error()).isNull();
  }

  @Test
  void theViewCarriesTheMirroredFields() {
    OperationView running = view("PROVISIONING", null, "http://p");
    assertThat(running)
        .isEqualTo(
            new OperationView("op-1", "environment", "running", CREATED, CHANGED, 42, null, null));
    assertThat(EnvironmentOperationStatus.status("SOMETHING_NEWER")).isEqualTo("running");
    assertThat(EnvironmentOperationStatus.progress("REQUESTED")).isZero();
    assertThat(EnvironmentOperationStatus.progress("TEARING_DOWN")).isEqualTo(1);
    assertThat(EnvironmentOperationStatus.progress("TORN_DOWN")).isEqualTo(2);
  }
}
