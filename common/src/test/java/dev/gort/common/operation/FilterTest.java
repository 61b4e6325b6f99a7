package dev.gort.common.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gort.common.operation.Filter.Binary;
import dev.gort.common.operation.Filter.Expr;
import dev.gort.common.operation.Filter.Not;
import dev.gort.common.operation.Filter.Type;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterTest {

  private static final Map<String, Type> FIELDS =
      Map.of(
          "status", Type.STRING,
          "kind", Type.STRING,
          "experiment", Type.STRING,
          "createdDateTime", Type.DATETIME,
          "lastActionDateTime", Type.DATETIME);

  private static Expr parse(String text) {
    return Filter.parse(text, FIELDS);
  }

  private static boolean matches(String filter, Map<String, Object> item) {
    return Filter.matches(parse(filter), item::get);
  }

  @Test
  void notBindsTighterThanOrAndAndTighterThanOr() {
    Expr e = parse("not (status eq 'running') or status eq 'failed' and kind eq 'test-run'");

    assertThat(e).isInstanceOf(Binary.class);
    Binary or = (Binary) e;
    assertThat(or.op()).isEqualTo("or");
    assertThat(or.left()).isInstanceOf(Not.class);
    assertThat(((Binary) or.right()).op()).isEqualTo("and");
  }

  @Test
  void notAppliedToAFieldIsATypeErrorAtTheNot() {
    assertThatThrownBy(() -> parse("not status eq 'running'"))
        .isInstanceOf(FilterException.class)
        .hasMessageContaining("'not' needs a condition")
        .extracting(ex -> ((FilterException) ex).position())
        .isEqualTo(0);
  }

  @Test
  void relationalBindsTighterThanEquality() {
    // (createdDateTime gt X) eq (…) would compare conditions: refused, pointing at 'eq'
    assertThatThrownBy(
            () ->
                parse(
                    "createdDateTime gt 2026-01-01T00:00:00Z eq lastActionDateTime lt"
                        + " 2026-01-01T00:00:00Z"))
        .isInstanceOf(FilterException.class)
        .extracting(ex -> ((FilterException) ex).position())
        .isEqualTo(40);
  }

  @Test
  void evaluatesStringAndDatetimeComparisons() {
    Map<String, Object> op =
        Map.of(
            "status", "running",
            "kind", "test-run",
            "experiment", "it's-here",
            "createdDateTime", Instant.parse("2026-11-20T10:00:00Z"),
            "lastActionDateTime", Instant.parse("2026-11-21T10:00:00Z"));

    assertThat(matches("status eq 'running'", op)).isTrue();
    assertThat(matches("status ne 'running'", op)).isFalse();
    assertThat(matches("experiment eq 'it''s-here'", op)).isTrue();
    assertThat(matches("createdDateTime ge 2026-11-20T10:00:00Z", op)).isTrue();
    assertThat(matches("createdDateTime gt 2026-11-20T10:00:00Z", op)).isFalse();
    assertThat(matches("lastActionDateTime lt 2026-11-22T00:00:00Z and kind eq 'test-run'", op))
        .isTrue();
    assertThat(matches("not (status eq 'running') or status eq 'failed'", op)).isFalse();
    assertThat(matches("not (status eq 'failed') and (kind eq 'x' or kind eq 'test-run')", op))
        .isTrue();
  }

  @Test
  void malformedFiltersPointAtTheOffendingPosition() {
    assertPosition("status eq", 9);
    assertPosition("status eq 'running", 10);
    assertPosition("(status eq 'running'", 20);
    assertPosition("status eq 'running')", 19);
    assertPosition("colour eq 'red'", 0);
    assertPosition("status eq 2026-13-45T00:00:00Z", 10);
    assertPosition("status eq createdDateTime", 7);
    assertPosition("status eq 'a' and kind", 14);
    assertPosition("status $ 'a'", 7);
    assertPosition("status", 0);
  }

  private static void assertPosition(String filter, int position) {
    assertThatThrownBy(() -> parse(filter))
        .as(filter)
        .isInstanceOf(FilterException.class)
        .extracting(ex -> ((FilterException) ex).position())
        .isEqualTo(position);
  }
}
