package dev.gort.cli.output;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --output}: a table for people, JSON for scripts. */
public enum OutputFormat {
  TABLE,
  JSON;

  /** {@code table} or {@code json}, in any case; anything else is a usage error naming both. */
  public static final class Converter implements ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      for (OutputFormat format : values()) {
        if (format.name().equalsIgnoreCase(value.strip())) {
          return format;
        }
      }
      throw new TypeConversionException(
          "'" + value + "' is not an output format; use table or json");
    }
  }

  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
