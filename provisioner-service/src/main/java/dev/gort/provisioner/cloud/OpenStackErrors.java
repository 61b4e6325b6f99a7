package dev.gort.provisioner.cloud;

import dev.gort.provisioner.cloud.CloudException.Kind;
import org.openstack4j.api.exceptions.AuthenticationException;
import org.openstack4j.api.exceptions.ConnectionException;
import org.openstack4j.api.exceptions.ResponseException;
import org.openstack4j.model.common.ActionResponse;

/** What an OpenStack answer means for the caller: HTTP statuses and transport failures as kinds. */
final class OpenStackErrors {

  private OpenStackErrors() {}

  /** The kind of a failed answer with this HTTP status (0 = no answer). */
  static Kind kind(int status) {
    if (status == 404) {
      return Kind.NOT_FOUND;
    }
    // 408 and 429 say "later", not "never"
    if (status == 0 || status == 408 || status == 429 || status >= 500) {
      return Kind.UNAVAILABLE;
    }
    return Kind.REFUSED;
  }

  static CloudException status(String what, int status, String detail) {
    return new CloudException(kind(status), message(what, status, detail));
  }

  private static String message(String what, int status, String detail) {
    String suffix = detail == null || detail.isBlank() ? "" : ": " + detail;
    return what + " failed: HTTP " + status + suffix;
  }

  /** {@code e}, thrown by openstack4j while doing {@code what}, as a CloudException. */
  static CloudException map(String what, RuntimeException e) {
    if (e instanceof CloudException cloud) {
      return cloud;
    }
    if (e instanceof ConnectionException) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return new CloudException(
          Kind.UNAVAILABLE,
          what + " failed: no answer (" + cause.getClass().getSimpleName() + ")",
          e);
    }
    if (e instanceof AuthenticationException) {
      return new CloudException(
          Kind.REFUSED, what + " failed: Keystone refused the credentials (HTTP 401)", e);
    }
    if (e instanceof ResponseException response) {
      int status = response.getStatus();
      return new CloudException(kind(status), message(what, status, response.getMessage()), e);
    }
    return new CloudException(
        Kind.UNAVAILABLE, what + " failed: " + e.getClass().getSimpleName(), e);
  }

  /**
   * Nothing if {@code answer} succeeded (or, if {@code goneIsDone}, said 404); else the failure.
   */
  static void check(String what, ActionResponse answer, boolean goneIsDone) {
    if (answer == null || answer.isSuccess()) {
      return;
    }
    if (goneIsDone && answer.getCode() == 404) {
      return;
    }
    throw status(what, answer.getCode(), answer.getFault());
  }
}
