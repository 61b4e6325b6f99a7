package dev.gort.simulators.experiments;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** How the simulated experiment source answers: normally, as an outage, or with a broken body. */
public enum SourceMode {
  OK,
  DOWN,
  GARBAGE;

  @JsonValue
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<SourceMode> fromWord(String word) {
    return Arrays.stream(values()).filter(m -> m.word().equals(word)).findFirst();
  }

  public static String words() {
    return Arrays.stream(values()).map(SourceMode::word).collect(Collectors.joining(", "));
  }
}
