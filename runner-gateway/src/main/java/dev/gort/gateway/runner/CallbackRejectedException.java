package dev.gort.gateway.runner;

import dev.gort.common.web.ProblemException;

/** A callback refused before it changed anything: a bad signature (401) or a bad body (400). */
public class CallbackRejectedException extends ProblemException {

  private CallbackRejectedException(int status, String title, String detail) {
    super(status, title, detail);
  }

  /** The signature is missing or does not hold: nothing in the request is trusted. */
  public static CallbackRejectedException badSignature(String detail) {
    return new CallbackRejectedException(401, "Unauthorized", detail);
  }

  /** Signed, but not a report this runner sends: malformed JSON, a missing field. */
  public static CallbackRejectedException malformed(String detail) {
    return new CallbackRejectedException(400, "Bad Request", detail);
  }
}
