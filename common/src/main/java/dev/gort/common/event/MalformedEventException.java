package dev.gort.common.event;

/** A message that is not a Gort CloudEvent we understand; it goes to the dead-letter topic. */
public class MalformedEventException extends RuntimeException {

  public MalformedEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
