package dev.gort.console.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FilterMarkerTest {

  @Test
  void aFaultAtTheStartMarksTheFirstCharacter() {
    FilterMarker marker = FilterMarker.of("statu eq 'running'", 0);

    assertThat(marker.character()).isEqualTo(1);
    assertThat(marker.before()).isEmpty();
    assertThat(marker.at()).isEqualTo("s");
    assertThat(marker.after()).isEqualTo("tatu eq 'running'");
    assertThat(marker.caretLine()).isEqualTo("^");
    assertThat(marker.atEnd()).isFalse();
  }

  @Test
  void aFaultInTheMiddleHasTheCaretUnderIt() {
    String filter = "status eq 'running' annd kind eq 'test-run'";
    int position = filter.indexOf("annd");

    FilterMarker marker = FilterMarker.of(filter, position);

    assertThat(marker.character()).isEqualTo(position + 1);
    assertThat(marker.at()).isEqualTo("a");
    assertThat(marker.before() + marker.at() + marker.after()).isEqualTo(filter);
    assertThat(marker.caretLine()).hasSize(position + 1).endsWith("^").startsWith("  ");
    assertThat(marker.caretLine().indexOf('^')).isEqualTo(position);
  }

  @Test
  void theEndOfTheFilterIsMarkedJustAfterIt() {
    String filter = "status eq";

    FilterMarker marker = FilterMarker.of(filter, filter.length());

    assertThat(marker.atEnd()).isTrue();
    assertThat(marker.at()).isEmpty();
    assertThat(marker.before()).isEqualTo(filter);
    assertThat(marker.character()).isEqualTo(filter.length() + 1);
    assertThat(marker.caretLine().indexOf('^')).isEqualTo(filter.length());
  }

  @Test
  void aPositionPastTheEndOrBeforeTheStartIsKeptWithinTheFilter() {
    assertThat(FilterMarker.of("kind", 99).position()).isEqualTo(4);
    assertThat(FilterMarker.of("kind", 99).character()).isEqualTo(5);
    assertThat(FilterMarker.of("kind", -3).position()).isZero();
    assertThat(FilterMarker.of(null, 2).expression()).isEmpty();
  }

  @Test
  void multibyteCharactersCountAsOneCharacterEach() {
    // "é" is one UTF-16 unit, "😀" two: the service's position counts units, a person characters
    String filter = "experiment eq 'café😀' x";
    int position = filter.indexOf(" x") + 1;

    FilterMarker marker = FilterMarker.of(filter, position);

    assertThat(marker.at()).isEqualTo("x");
    int characters = filter.codePointCount(0, position);
    assertThat(marker.character()).isEqualTo(characters + 1).isEqualTo(position);
    assertThat(marker.caretLine()).isEqualTo(" ".repeat(characters) + "^");
  }

  @Test
  void aPositionInsideASurrogatePairMarksTheWholeCharacter() {
    String filter = "a😀b";

    FilterMarker marker = FilterMarker.of(filter, 2);

    assertThat(marker.position()).isEqualTo(1);
    assertThat(marker.at()).isEqualTo("😀");
    assertThat(marker.after()).isEqualTo("b");
    assertThat(marker.character()).isEqualTo(2);
  }

  @Test
  void controlCharactersAreShownAsSpacesSoTheCaretLinesUp() {
    FilterMarker marker = FilterMarker.of("kind\teq\n'x'", 5);

    assertThat(marker.expression()).isEqualTo("kind eq 'x'");
    assertThat(marker.at()).isEqualTo("e");
    assertThat(marker.caretLine()).isEqualTo("     ^");
  }
}
