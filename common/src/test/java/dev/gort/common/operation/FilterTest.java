package dev.gort.common.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gort.common.operation.Filter.Binary;
import dev.gort.common.operation.Filter.Expr;
import dev.gort.common.operation.Filter.Field;
import dev.gort.common.operation.Filter.Literal;
import dev.gort.common.operation.Filter.Not;
import dev.gort.common.operation.Filter.Type;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

  /** The tree as an s-expression, so a test can state its exact shape. */
  static String tree(Expr e) {
    if (e instanceof Field f) {
      return f.name();
    }
    if (e instanceof Literal l) {
      return l.value() instanceof String s ? "'" + s.replace("'", "''") + "'" : "@" + l.value();
    }
    if (e instanceof Not n) {
      return "(not " + tree(n.operand()) + ")";
    }
    Binary b = (Binary) e;
    return "(" + b.op() + " " + tree(b.left()) + " " + tree(b.right()) + ")";
  }

  private static String treeOf(String filter) {
    return tree(parse(filter));
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

  @Test
  void theSeedPrecedenceExampleIsNotThenOrOfAnd() {
    assertThat(treeOf("not (status eq 'running') or status eq 'failed' and kind eq 'test-run'"))
        .isEqualTo(
            "(or (not (eq status 'running'))"
                + " (and (eq status 'failed') (eq kind 'test-run')))");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      textBlock =
          """
          status eq 'a' or status eq 'b' and kind eq 'c' | (or (eq status 'a') (and (eq status 'b') (eq kind 'c')))
          status eq 'a' and status eq 'b' or kind eq 'c' | (or (and (eq status 'a') (eq status 'b')) (eq kind 'c'))
          (status eq 'a' or status eq 'b') and kind eq 'c' | (and (or (eq status 'a') (eq status 'b')) (eq kind 'c'))
          status eq 'a' or status eq 'b' or kind eq 'c' | (or (or (eq status 'a') (eq status 'b')) (eq kind 'c'))
          status eq 'a' and status eq 'b' and kind eq 'c' | (and (and (eq status 'a') (eq status 'b')) (eq kind 'c'))
          not (status eq 'a') and kind eq 'c' | (and (not (eq status 'a')) (eq kind 'c'))
          not (status eq 'a' and kind eq 'c') | (not (and (eq status 'a') (eq kind 'c')))
          not not (status eq 'a') | (not (not (eq status 'a')))
          not (status eq 'a') or not (kind eq 'c') | (or (not (eq status 'a')) (not (eq kind 'c')))
          ((status eq 'a')) | (eq status 'a')
          'a' eq status | (eq 'a' status)
          createdDateTime gt 2026-01-01T00:00:00Z and createdDateTime le 2026-02-01T00:00:00Z | (and (gt createdDateTime @2026-01-01T00:00:00Z) (le createdDateTime @2026-02-01T00:00:00Z))
          status ne 'a' and lastActionDateTime ge 2026-01-01T00:00:00Z or lastActionDateTime lt 2025-01-01T00:00:00Z | (or (and (ne status 'a') (ge lastActionDateTime @2026-01-01T00:00:00Z)) (lt lastActionDateTime @2025-01-01T00:00:00Z))
          """)
  void parsesWithTheSeedPrecedence(String filter, String expected) {
    assertThat(treeOf(filter)).isEqualTo(expected);
  }

  @Test
  void notBindsTighterThanEveryComparison() {
    for (String op : new String[] {"eq", "ne"}) {
      assertPosition("not status " + op + " 'running'", 0);
    }
    for (String op : new String[] {"gt", "ge", "lt", "le"}) {
      assertPosition("not createdDateTime " + op + " 2026-01-01T00:00:00Z", 0);
    }
    assertPosition("kind eq 'x' and not status eq 'running'", 16);
  }

  @Test
  void doubledQuotesEscapeAQuote() {
    assertThat(treeOf("experiment eq 'it''s'")).isEqualTo("(eq experiment 'it''s')");
    assertThat(stringLiteral("'it''s'")).isEqualTo("it's");
    assertThat(stringLiteral("''''")).isEqualTo("'");
    assertThat(stringLiteral("''")).isEqualTo("");
    assertThat(stringLiteral("'a b (or) c'")).isEqualTo("a b (or) c");
    // 'it' then an unterminated string starting at the second quote pair
    assertPosition("experiment eq 'it' 's", 19);
  }

  @Test
  void datetimeLiteralsAreRfc3339Instants() {
    assertThat(datetime("2026-11-20T10:00:00Z")).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
    assertThat(datetime("2026-11-20T10:00:00.123456Z"))
        .isEqualTo(Instant.parse("2026-11-20T10:00:00.123456Z"));
    assertThat(datetime("2026-11-20t10:00:00z")).isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
    assertThat(datetime("2026-11-20T12:00:00+02:00"))
        .isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
    assertThat(datetime("2026-11-20T05:00:00-05:00"))
        .isEqualTo(Instant.parse("2026-11-20T10:00:00Z"));
    assertPosition("createdDateTime gt 2026-11-20", 19);
    assertPosition("createdDateTime gt 2026-11-20T10:00:00", 19);
    assertPosition("createdDateTime gt 2026-02-30T10:00:00Z", 19);
    assertPosition("createdDateTime gt 12", 19);
    // a quoted time is a string, and strings do not compare with times
    assertPosition("createdDateTime gt '2026-11-20T10:00:00Z'", 16);
  }

  @Test
  void everyComparisonOperatorEvaluates() {
    Map<String, Object> op =
        Map.of(
            "status", "running",
            "kind", "test-run",
            "experiment", "b",
            "createdDateTime", Instant.parse("2026-11-20T10:00:00Z"),
            "lastActionDateTime", Instant.parse("2026-11-21T10:00:00Z"));
    String at = "2026-11-20T10:00:00Z";
    String before = "2026-11-20T09:59:59.999Z";
    String after = "2026-11-20T10:00:00.001Z";

    assertThat(matches("createdDateTime eq " + at, op)).isTrue();
    assertThat(matches("createdDateTime ne " + at, op)).isFalse();
    assertThat(matches("createdDateTime ne " + after, op)).isTrue();
    assertThat(matches("createdDateTime ge " + at, op)).isTrue();
    assertThat(matches("createdDateTime ge " + after, op)).isFalse();
    assertThat(matches("createdDateTime le " + at, op)).isTrue();
    assertThat(matches("createdDateTime le " + before, op)).isFalse();
    assertThat(matches("createdDateTime gt " + before, op)).isTrue();
    assertThat(matches("createdDateTime lt " + after, op)).isTrue();
    assertThat(matches("createdDateTime lt " + at, op)).isFalse();
    assertThat(matches("experiment gt 'a' and experiment lt 'c'", op)).isTrue();
    assertThat(matches("experiment ge 'b' and experiment le 'b'", op)).isTrue();
    assertThat(matches("experiment ne 'b'", op)).isFalse();
  }

  @Test
  void theSeedPrecedenceExampleEvaluates() {
    String filter = "not (status eq 'running') or status eq 'failed' and kind eq 'test-run'";
    assertThat(matches(filter, item("running", "test-run"))).isFalse();
    assertThat(matches(filter, item("failed", "test-run"))).isTrue();
    assertThat(matches(filter, item("succeeded", "test-run"))).isTrue();
    assertThat(matches(filter, item("failed", "other"))).isTrue();
    assertThat(matches(filter, item("running", "other"))).isFalse();
  }

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      ignoreLeadingAndTrailingWhitespace = false,
      textBlock =
          """
          |0
          "   "|3
          status eq 'a' and|17
          status eq 'a' or or kind eq 'b'|17
          status eq eq 'a'|10
          (status eq 'a'))|15
          ()|1
          status eq 'a' kind eq 'b'|14
          status eq 'a' AND kind eq 'b'|14
          Status eq 'a'|0
          status eq 'a' and 'b'|14
          status eq 'a' or createdDateTime|14
          status gt createdDateTime|7
          createdDateTime eq 'yesterday'|16
          status eq a|10
          status eq 'a' & kind eq 'b'|14
          not|3
          not (status)|0
          status eq 'a' eq 'b'|14
          """)
  void malformedFilterPointsAtTheOffendingPosition(String filter, int position) {
    assertPosition(filter == null ? "" : filter, position);
  }

  @Test
  void errorsNameTheOptionAndExplain() {
    assertThatThrownBy(() -> parse("colour eq 'red'"))
        .isInstanceOf(QueryOptionException.class)
        .hasMessage(
            "$filter: unknown field 'colour'; known: createdDateTime, experiment, kind,"
                + " lastActionDateTime, status (at position 0)")
        .satisfies(ex -> assertThat(((QueryOptionException) ex).option()).isEqualTo("$filter"));
    assertThatThrownBy(() -> parse("status eq and"))
        .hasMessageContaining("expected a field, a value or '(' but found 'and'");
  }

  @Test
  void nestingDeeperThanTheLimitIsRefusedNotAStackOverflow() {
    int max = Filter.MAX_DEPTH;
    assertThat(treeOf("(".repeat(max) + "status eq 'a'" + ")".repeat(max)))
        .isEqualTo("(eq status 'a')");
    assertPosition("(".repeat(max + 1) + "status eq 'a'" + ")".repeat(max + 1), max);
    assertPosition("not ".repeat(10_000) + "(status eq 'a')", 4 * max);
  }

  private static Map<String, Object> item(String status, String kind) {
    return Map.of("status", status, "kind", kind);
  }

  private static Object stringLiteral(String literal) {
    return ((Literal) ((Binary) parse("experiment eq " + literal)).right()).value();
  }

  private static Instant datetime(String literal) {
    return (Instant) ((Literal) ((Binary) parse("createdDateTime eq " + literal)).right()).value();
  }
}
