package dev.gort.common.operation;

import dev.gort.common.operation.Filter.Binary;
import dev.gort.common.operation.Filter.Expr;
import dev.gort.common.operation.Filter.Field;
import dev.gort.common.operation.Filter.Literal;
import dev.gort.common.operation.Filter.Not;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A parsed {@code $filter} as a parameterised SQL condition, for a {@code WHERE} clause. Each field
 * becomes the SQL expression the caller maps it to; each literal becomes a {@code ?} with its value
 * in {@link #parameters()}, in the order of the placeholders — never part of the SQL text. Every
 * operator is parenthesised, so the SQL keeps the filter's tree whatever the SQL precedence.
 *
 * <p>Datetime literals are bound as {@link OffsetDateTime} in UTC (JDBC 4.2 {@code TIMESTAMP WITH
 * TIME ZONE}). Comparisons follow SQL, so a NULL column matches neither {@code eq} nor {@code ne}:
 * map a nullable field to a {@code COALESCE} if it needs to.
 */
public record FilterSql(String sql, List<Object> parameters) {

  private static final Map<String, String> OPERATORS =
      Map.of("eq", "=", "ne", "<>", "gt", ">", "ge", ">=", "lt", "<", "le", "<=");

  public FilterSql {
    parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
  }

  /**
   * Translates {@code filter}, mapping each field name to the SQL expression {@code columns} gives
   * for it (the caller's own SQL, never client text).
   *
   * @throws IllegalArgumentException for a field {@code columns} does not map
   */
  public static FilterSql of(Expr filter, Map<String, String> columns) {
    StringBuilder sql = new StringBuilder();
    List<Object> parameters = new ArrayList<>();
    write(filter, columns, sql, parameters);
    return new FilterSql(sql.toString(), parameters);
  }

  private static void write(
      Expr e, Map<String, String> columns, StringBuilder sql, List<Object> parameters) {
    if (e instanceof Field f) {
      String column = columns.get(f.name());
      if (column == null) {
        throw new IllegalArgumentException("no SQL expression for field '" + f.name() + "'");
      }
      sql.append('(').append(column).append(')');
    } else if (e instanceof Literal l) {
      sql.append('?');
      parameters.add(
          l.value() instanceof Instant i ? OffsetDateTime.ofInstant(i, ZoneOffset.UTC) : l.value());
    } else if (e instanceof Not n) {
      sql.append("(NOT ");
      write(n.operand(), columns, sql, parameters);
      sql.append(')');
    } else {
      Binary b = (Binary) e;
      String op =
          switch (b.op()) {
            case "and" -> "AND";
            case "or" -> "OR";
            default -> OPERATORS.get(b.op());
          };
      if (op == null) {
        throw new IllegalArgumentException("unknown operator '" + b.op() + "'");
      }
      sql.append('(');
      write(b.left(), columns, sql, parameters);
      sql.append(' ').append(op).append(' ');
      write(b.right(), columns, sql, parameters);
      sql.append(')');
    }
  }
}
