package dev.gort.common.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gort.common.web.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PagingTest {

  @Test
  void topDefaultsTo50AndAllows1To1000() {
    assertThat(Paging.top(null)).isEqualTo(50);
    assertThat(Paging.top("1")).isEqualTo(1);
    assertThat(Paging.top("1000")).isEqualTo(1000);
    assertThat(Paging.top("007")).isEqualTo(7);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "1001", "abc", "", " 5", "+5", "5.0", "1e3", "99999999999"})
  void badTopIsRefused(String top) {
    assertThatThrownBy(() -> Paging.top(top))
        .isInstanceOf(QueryOptionException.class)
        .hasMessageContaining("$top: must be a whole number from 1 to 1000")
        .satisfies(ex -> assertThat(((QueryOptionException) ex).position()).isEqualTo(-1));
  }

  @Test
  void skipDefaultsTo0() {
    assertThat(Paging.skip(null)).isZero();
    assertThat(Paging.skip("0")).isZero();
    assertThat(Paging.skip("2147483647")).isEqualTo(Integer.MAX_VALUE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "abc", "", "2147483648", "1.5", "+1"})
  void badSkipIsRefused(String skip) {
    assertThatThrownBy(() -> Paging.skip(skip))
        .isInstanceOf(QueryOptionException.class)
        .hasMessageContaining("$skip: must be a whole number from 0");
  }

  @Test
  void unknownOptionsUnknownParametersAndRepeatedOnesAreRefused() {
    Set<String> supported = Set.of("$top", "$skip");
    Paging.checkParameters(
        Map.of("$top", List.of("5"), "experiment", List.of("a")), supported, List.of("experiment"));

    assertThatThrownBy(
            () ->
                Paging.checkParameters(
                    Map.of("$count", List.of("true")), supported, List.of("experiment")))
        .isInstanceOf(QueryOptionException.class)
        .hasMessage("$count: unknown query option; this list takes experiment, $skip, $top")
        .satisfies(ex -> assertThat(((QueryOptionException) ex).option()).isEqualTo("$count"));
    assertThatThrownBy(
            () -> Paging.checkParameters(Map.of("foo", List.of("x")), supported, List.of()))
        .hasMessage("foo: unknown query parameter; this list takes $skip, $top");
    assertThatThrownBy(
            () -> Paging.checkParameters(Map.of("$top", List.of("5", "6")), supported, List.of()))
        .hasMessage("$top: given more than once");
  }

  @Test
  void linkPercentEncodesValuesAndKeepsOrder() {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("$filter", "status eq 'it''s' and experiment eq 'a&b=c+d/é'");
    options.put("$orderby", null);
    options.put("$top", 5);
    options.put("$skip", 10);

    assertThat(Paging.link("/api/v1/operations", options))
        .isEqualTo(
            "/api/v1/operations?$filter=status%20eq%20%27it%27%27s%27%20and%20experiment%20eq"
                + "%20%27a%26b%3Dc%2Bd%2F%C3%A9%27&$top=5&$skip=10");
    assertThat(Paging.link("/x", Map.of())).isEqualTo("/x");
  }

  @Test
  void pageHasANextLinkOnlyWhenMoreWereFetchedThanItHolds() {
    Page<String> more = Page.of(List.of("a", "b", "c"), 2, () -> "/next");
    assertThat(more.value()).containsExactly("a", "b");
    assertThat(more.nextLink()).isEqualTo("/next");

    Page<String> last =
        Page.of(
            List.of("a", "b"),
            2,
            () -> {
              throw new AssertionError("no next page");
            });
    assertThat(last.value()).containsExactly("a", "b");
    assertThat(last.nextLink()).isNull();
  }

  @Test
  void anErrorIsA400ProblemWithParameterAndPosition() {
    Problem withPosition = new FilterException("unexpected ')'", 7).toProblem().toProblem();
    assertThat(withPosition.getStatus()).isEqualTo(400);
    assertThat(withPosition.getDetail()).isEqualTo("$filter: unexpected ')' (at position 7)");
    assertThat(withPosition.extensions())
        .containsExactlyInAnyOrderEntriesOf(Map.of("parameter", "$filter", "position", 7));

    Problem without = new QueryOptionException("$top", "too big", -1).toProblem().toProblem();
    assertThat(without.extensions())
        .containsExactlyInAnyOrderEntriesOf(Map.of("parameter", "$top"));
  }
}
