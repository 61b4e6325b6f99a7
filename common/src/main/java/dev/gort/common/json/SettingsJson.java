package dev.gort.common.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runner settings as a row keeps them: a JSON object, as text (the gateway's attempts and halts,
 * the scheduler's test configurations and runs).
 */
public final class SettingsJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private SettingsJson() {}

  public static String write(Map<String, Object> settings) {
    try {
      return MAPPER.writeValueAsString(settings == null ? Map.of() : settings);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("runner settings are not JSON", e);
    }
  }

  public static Map<String, Object> read(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      return Collections.unmodifiableMap(MAPPER.readValue(json, MAP));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored runner settings are not a JSON object", e);
    }
  }
}
