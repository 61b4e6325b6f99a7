package dev.gort.console.web;

/** A page was asked for with input it cannot take ({@code ?skip=-1}): a 400 page naming it. */
public class PageInputException extends RuntimeException {

  public PageInputException(String message) {
    super(message);
  }
}
