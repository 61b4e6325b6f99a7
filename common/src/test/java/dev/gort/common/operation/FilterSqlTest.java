package dev.gort.common.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gort.common.operation.Filter.Type;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterSqlTest {

  private static final Map<String, Type> FIELDS =
      Map.of(
          "status", Type.STRING,
          "kind", Type.STRING,
          "experiment", Type.STRING,
          "createdDateTime", Type.DATETIME,
          "lastActionDateTime", Type.DATETIME);

  private static final Map<String, String> COLUMNS =
      Map.of(
          "status", "CASE WHEN s = 'Q' THEN 'notstarted' ELSE 'running' END",
          "kind", "'test-run'",
          "experiment", "op.experiment",
          "createdDateTime", "op.created_at",
          "lastActionDateTime", "op.last_action_at");

  private static FilterSql sql(String filter) {
    return FilterSql.of(Filter.parse(filter, FIELDS), COLUMNS);
  }

  @Test
  void theSeedPrecedenceExampleKeepsItsTreeInParentheses() {
    FilterSql where = sql("not (status eq 'running') or status eq 'failed' and kind eq 'test-run'");

    assertThat(where.sql())
        .isEqualTo(
            "((NOT ((CASE WHEN s = 'Q' THEN 'notstarted' ELSE 'running' END) = ?))"
                + " OR (((CASE WHEN s = 'Q' THEN 'notstarted' ELSE 'running' END) = ?)"
                + " AND (('test-run') = ?)))");
    assertThat(where.parameters()).containsExactly("running", "failed", "test-run");
  }

  @Test
  void everyComparisonMapsToItsSqlOperator() {
    assertThat(sql("experiment eq 'a'").sql()).isEqualTo("((op.experiment) = ?)");
    assertThat(sql("experiment ne 'a'").sql()).isEqualTo("((op.experiment) <> ?)");
    assertThat(sql("experiment gt 'a'").sql()).isEqualTo("((op.experiment) > ?)");
    assertThat(sql("experiment ge 'a'").sql()).isEqualTo("((op.experiment) >= ?)");
    assertThat(sql("experiment lt 'a'").sql()).isEqualTo("((op.experiment) < ?)");
    assertThat(sql("experiment le 'a'").sql()).isEqualTo("((op.experiment) <= ?)");
    assertThat(sql("'a' lt experiment").sql()).isEqualTo("(? < (op.experiment))");
  }

  @Test
  void parametersFollowThePlaceholdersLeftToRight() {
    FilterSql where =
        sql(
            "(experiment eq 'a' or createdDateTime ge 2026-01-01T01:00:00+01:00)"
                + " and not (lastActionDateTime lt 2026-02-01T00:00:00Z or kind ne 'x')");

    assertThat(where.sql())
        .isEqualTo(
            "((((op.experiment) = ?) OR ((op.created_at) >= ?))"
                + " AND (NOT (((op.last_action_at) < ?) OR (('test-run') <> ?))))");
    assertThat(where.parameters())
        .containsExactly(
            "a",
            OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
            OffsetDateTime.of(2026, 2, 1, 0, 0, 0, 0, ZoneOffset.UTC),
            "x");
  }

  @Test
  void literalsNeverReachTheSqlText() {
    FilterSql where = sql("experiment eq 'x'') OR 1=1 --' or experiment eq ''");

    assertThat(where.sql()).isEqualTo("(((op.experiment) = ?) OR ((op.experiment) = ?))");
    assertThat(where.parameters()).containsExactly("x') OR 1=1 --", "");
  }

  @Test
  void aFieldWithoutSqlIsAProgrammingError() {
    assertThatThrownBy(
            () ->
                FilterSql.of(
                    Filter.parse("experiment eq 'a'", FIELDS), Map.of("status", "op.status")))
        .isInstanceOf(IllegalArgumentException.class)
        .isNotInstanceOf(QueryOptionException.class)
        .hasMessageContaining("experiment");
  }
}
