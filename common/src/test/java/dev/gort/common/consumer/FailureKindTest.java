package dev.gort.common.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gort.common.event.MalformedEventException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class FailureKindTest {

  @Test
  void aDatabaseThatIsDownOrBusyIsWaitedFor() {
    assertThat(FailureKind.of(wrapped(new SQLException("refused", "08001"))))
        .isEqualTo(FailureKind.DEPENDENCY_DOWN);
    assertThat(FailureKind.of(wrapped(new SQLException("admin shutdown", "57P01"))))
        .isEqualTo(FailureKind.DEPENDENCY_DOWN);
    assertThat(FailureKind.of(wrapped(new SQLException("lock not available", "55P03"))))
        .isEqualTo(FailureKind.DEPENDENCY_DOWN);
    assertThat(FailureKind.of(wrapped(new SQLException("deadlock", "40P01"))))
        .isEqualTo(FailureKind.DEPENDENCY_DOWN);
    assertThat(FailureKind.of(wrapped(new SQLException("Acquisition timeout"))))
        .isEqualTo(FailureKind.DEPENDENCY_DOWN);
    assertThat(FailureKind.of(wrapped(new SQLTransientConnectionException("pool"))))
        .isEqualTo(FailureKind.DEPENDENCY_DOWN);
    assertThat(FailureKind.of(new RuntimeException(new ConnectException("refused"))))
        .isEqualTo(FailureKind.DEPENDENCY_DOWN);
  }

  @Test
  void aDomainExceptionCanSayItsDependencyIsBusy() {
    class Busy extends RuntimeException implements DependencyUnavailable {}

    assertThat(FailureKind.of(new Busy())).isEqualTo(FailureKind.DEPENDENCY_DOWN);
  }

  @Test
  void anEventThatCannotBeDecodedIsInvalidEvenWhenCausedByAnIoError() {
    assertThat(
            FailureKind.of(new MalformedEventException("not JSON", new java.io.IOException("eof"))))
        .isEqualTo(FailureKind.INVALID_EVENT);
  }

  @Test
  void anErrorThatWouldHappenAgainIsNotWaitedForEvenWhenItIsAnIoError() {
    // a JSON error is an IOException too; waiting for it would block its partition for ever
    assertThat(
            FailureKind.of(
                new IllegalStateException(
                    new com.fasterxml.jackson.core.JsonParseException(null, "bad"))))
        .isEqualTo(FailureKind.OTHER);
    assertThat(FailureKind.of(wrapped(new SQLException("statement timeout", "57014"))))
        .isEqualTo(FailureKind.OTHER);
  }

  @Test
  void dataErrorsAndBugsAreOther() {
    assertThat(FailureKind.of(wrapped(new SQLException("invalid byte", "22021"))))
        .isEqualTo(FailureKind.OTHER);
    assertThat(FailureKind.of(wrapped(new SQLException("duplicate key", "23505"))))
        .isEqualTo(FailureKind.OTHER);
    assertThat(FailureKind.of(new NullPointerException())).isEqualTo(FailureKind.OTHER);
  }

  private static RuntimeException wrapped(SQLException e) {
    return new IllegalStateException("cannot record the event", e);
  }
}
