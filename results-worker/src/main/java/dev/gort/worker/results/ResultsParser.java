package dev.gort.worker.results;

import java.io.InputStream;

/** Reads one results format into {@link ParsedResults}. Implementations keep no state. */
public interface ResultsParser {

  ResultsFormat format();

  /**
   * Parses a whole document. Anything the document does not allow (malformed, truncated, hostile,
   * over {@code limits}) is an {@link UnprocessableResultsException} whose message says what was
   * wrong and where, in words an owner can act on (no class names, no stack).
   */
  ParsedResults parse(InputStream document, ParseLimits limits)
      throws UnprocessableResultsException;
}
