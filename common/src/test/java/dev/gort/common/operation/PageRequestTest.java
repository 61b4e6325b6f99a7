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

    assertThat(request).isEqualTo(new PageRequest(50, 0));
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
}
