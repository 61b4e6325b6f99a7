package dev.gort.worker.kcidb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * KCIDB I/O v5.3 as kcidb-io defines it: {@code kcidb-io-v05_03.schema.json} is {@code
 * kcidb_io.schema.v05_03.Version.json} dumped as JSON from kcidb-io commit 8971c02 (2026-02-01).
 * One change on loading: its patterns say "not NUL" as {@code [^\0]}, which is ECMAScript but not
 * Java regex; {@code [^\x00]} means the same to both. Formats (uri, date-time) are asserted.
 */
public final class KcidbSchema {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonSchema SCHEMA = load();

  private KcidbSchema() {}

  public static List<String> problems(JsonNode document) {
    return SCHEMA.validate(document).stream().map(ValidationMessage::getMessage).toList();
  }

  private static JsonSchema load() {
    try (InputStream in =
        KcidbSchema.class.getResourceAsStream("/kcidb/kcidb-io-v05_03.schema.json")) {
      String text =
          new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\\\\0", "\\\\x00");
      SchemaValidatorsConfig config =
          SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
          .getSchema(JSON.readTree(text), config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
