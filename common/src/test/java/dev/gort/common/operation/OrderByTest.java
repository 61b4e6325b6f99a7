package dev.gort.common.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gort.common.operation.OrderBy.Key;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderByTest {

  private static final Set<String> FIELDS = Set.of("createdDateTime", "lastActionDateTime");

  @Test
  void parsesKeysWithTheirDirections() {
    assertThat(OrderBy.parse("createdDateTime desc, lastActionDateTime asc", FIELDS))
        .containsExactly(new Key("createdDateTime", true), new Key("lastActionDateTime", false));
    assertThat(OrderBy.parse("lastActionDateTime", FIELDS))
        .containsExactly(new Key("lastActionDateTime", false));
    assertThat(OrderBy.parse("  createdDateTime   desc  ", FIELDS))
        .containsExactly(new Key("createdDateTime", true));
    assertThat(OrderBy.parse("lastActionDateTime,createdDateTime", FIELDS))
        .containsExactly(new Key("lastActionDateTime", false), new Key("createdDateTime", false));
  }

  @Test
  void translatesToAnSqlOrderList() {
    List<Key> keys = OrderBy.parse("createdDateTime desc, lastActionDateTime", FIELDS);

    assertThat(
            OrderBy.toSql(
                keys,
                Map.of("createdDateTime", "op.created_at", "lastActionDateTime", "op.last_at")))
        .isEqualTo("op.created_at DESC, op.last_at ASC");
  }

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      ignoreLeadingAndTrailingWhitespace = false,
      textBlock =
          """
          |0
          "  "|2
          status desc|0
          createdDateTime down|16
          createdDateTime DESC|16
          createdDateTime desc nulls|21
          createdDateTime,|16
          ,createdDateTime|0
          createdDateTime desc, createdDateTime|22
          createdDateTime desc,, lastActionDateTime|21
          CreatedDateTime|0
          """)
  void malformedOrderPointsAtTheOffendingPosition(String orderBy, int position) {
    assertThatThrownBy(() -> OrderBy.parse(orderBy == null ? "" : orderBy, FIELDS))
        .isInstanceOf(QueryOptionException.class)
        .satisfies(
            ex -> {
              QueryOptionException e = (QueryOptionException) ex;
              assertThat(e.option()).isEqualTo("$orderby");
              assertThat(e.position()).isEqualTo(position);
            });
  }

  @Test
  void errorsExplain() {
    assertThatThrownBy(() -> OrderBy.parse("status", FIELDS))
        .hasMessage(
            "$orderby: cannot sort by 'status'; sortable: createdDateTime, lastActionDateTime"
                + " (at position 0)");
    assertThatThrownBy(() -> OrderBy.parse("createdDateTime up", FIELDS))
        .hasMessage("$orderby: expected 'asc' or 'desc' but found 'up' (at position 16)");
  }
}
