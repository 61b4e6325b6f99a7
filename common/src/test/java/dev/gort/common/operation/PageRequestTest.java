package dev.gort.common.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gort.common.web.ProblemException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PageRequestTest {

  @Test
  void absentOptionsMeanTheFirstFiftyAndOneMoreIsRead() {
    PageRequest request = PageRequest.of(Map.of());

    assertThat(request).isEqualTo(new PageRequest(50, 0, Map.of()));
    assertThat(request.limit()).isEqualTo(51);
  }

  @Test
  void aFullPageLinksToTheNextAndTheLastPageDoesNot() {
    PageRequest request = PageRequest.of(Map.of("$top", List.of("2"), "$skip", List.of("4")));

    Page<String> full = request.page(List.of("a", "b", "c"), "/api/v1/things");
    Page<String> last = request.page(List.of("a", "b"), "/api/v1/things");

    assertThat(full.value()).containsExactly("a", "b");
    assertThat(full.nextLink()).isEqualTo("/api/v1/things?$top=2&$skip=6");
    assertThat(last.value()).containsExactly("a", "b");
    assertThat(last.nextLink()).isNull();
  }

  @Test
  void anyOtherParameterIsA400NamingIt() {
    assertThatThrownBy(() -> PageRequest.of(Map.of("state", List.of("IDLE"))))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).startsWith("state: unknown query parameter");
            });
    assertThatThrownBy(() -> PageRequest.of(Map.of("$top", List.of("0"))))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("$top");
  }

  @Test
  void namedFiltersAreKeptAndCarriedIntoTheNextLink() {
    PageRequest request =
        PageRequest.of(
            Map.of(
                "state", List.of("FINISHED"), "experiment", List.of("a b"), "$top", List.of("1")),
            List.of("experiment", "state", "outcome"));

    assertThat(request.filters())
        .containsOnly(Map.entry("experiment", "a b"), Map.entry("state", "FINISHED"));
    assertThat(request.page(List.of(1, 2), "/runs").nextLink())
        .isEqualTo("/runs?experiment=a%20b&state=FINISHED&$top=1&$skip=1");
    assertThatThrownBy(
            () ->
                PageRequest.of(
                    Map.of("state", List.of("A", "B")), List.of("experiment", "state", "outcome")))
        .hasMessageStartingWith("state: given more than once");
    assertThatThrownBy(() -> PageRequest.of(Map.of("sate", List.of("A")), List.of("state")))
        .hasMessageStartingWith(
            "sate: unknown query parameter; this list takes state, $skip, $top");
  }
}
