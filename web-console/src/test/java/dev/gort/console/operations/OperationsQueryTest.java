package dev.gort.console.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gort.console.api.Paged;
import dev.gort.console.web.Pager;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperationsQueryTest {

  @Test
  void withoutFilterOrSortThePathIsThePage() {
    assertThat(new OperationsQuery(null, "").path()).isEqualTo("/operations");
    assertThat(new OperationsQuery("", null).path()).isEqualTo("/operations");
  }

  @Test
  void theFilterAndSortAreEncodedSoThatTheyComeBackAsTyped() {
    String filter = "experiment eq 'a&b=c+d #1%' or status eq 'café'";
    OperationsQuery query = new OperationsQuery(filter, "createdDateTime desc");

    String path = query.path();

    assertThat(path).startsWith("/operations?filter=").doesNotContain(" ", "#", "+", "'");
    assertThat(path).contains("&orderBy=createdDateTime%20desc");
    assertThat(decodedQuery(path))
        .containsEntry("filter", filter)
        .containsEntry("orderBy", "createdDateTime desc");
  }

  @Test
  void thePagerKeepsFilterAndSortInItsLinks() {
    OperationsQuery query = new OperationsQuery("kind eq 'test-run'", "lastActionDateTime asc");
    Paged<Operation> page = new Paged<>(List.of(), "/api/v1/operations?$filter=x&$top=25&$skip=50");

    Pager pager = Pager.of(query.path(), 25, 25, page);

    assertThat(pager.nextHref())
        .isEqualTo(
            "/operations?filter=kind%20eq%20%27test-run%27&orderBy=lastActionDateTime%20asc"
                + "&skip=50");
    assertThat(decodedQuery(pager.previousHref()))
        .containsEntry("filter", "kind eq 'test-run'")
        .containsEntry("orderBy", "lastActionDateTime asc")
        .containsEntry("skip", "0");
  }

  @Test
  void thePagerOfAnUnfilteredListStartsItsOwnQuery() {
    Pager pager =
        Pager.of(
            new OperationsQuery(null, "").path(),
            0,
            25,
            new Paged<>(List.of(), "/api/v1/operations?$top=25&$skip=25"));

    assertThat(pager.nextHref()).isEqualTo("/operations?skip=25");
    assertThat(pager.hasPrevious()).isFalse();
  }

  private static Map<String, String> decodedQuery(String path) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : URI.create(path).getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      values.put(
          pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return values;
  }
}
