package dev.gort.worker.results.kcidb;

import static dev.gort.worker.results.kcidb.KcidbRecord.NOT_KCIDB;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gort.worker.results.UnprocessableResultsException;

/**
 * KCIDB I/O data's {@code version}, {@code {"major": 5, "minor": 3}}. Only major version 5 is read;
 * any minor is, since a minor only ever relaxes the schema or adds optional fields.
 *
 * @param minor null when the data does not say (the schema requires only the major)
 */
record KcidbVersion(int major, Integer minor) {

  static final int SUPPORTED_MAJOR = 5;

  static KcidbVersion read(JsonNode version) throws UnprocessableResultsException {
    if (!version.isObject()) {
      throw new UnprocessableResultsException(NOT_KCIDB + "the version is not an object", null);
    }
    JsonNode major = version.get("major");
    if (major == null || !major.isIntegralNumber() || !major.canConvertToInt()) {
      throw new UnprocessableResultsException(
          NOT_KCIDB + "the version has no whole major number", null);
    }
    JsonNode minor = version.get("minor");
    if (minor != null
        && (!minor.isIntegralNumber() || !minor.canConvertToInt() || minor.asInt() < 0)) {
      throw new UnprocessableResultsException(
          NOT_KCIDB + "the version's minor is not a whole number from 0", null);
    }
    return new KcidbVersion(major.asInt(), minor == null ? null : minor.asInt());
  }

  KcidbVersion supported() throws UnprocessableResultsException {
    if (major != SUPPORTED_MAJOR) {
      throw new UnprocessableResultsException(
          "KCIDB I/O version "
              + this
              + " is not supported: only version "
              + SUPPORTED_MAJOR
              + " (any minor) is read",
          null);
    }
    return this;
  }

  @Override
  public String toString() {
    return minor == null ? String.valueOf(major) : major + "." + minor;
  }
}
