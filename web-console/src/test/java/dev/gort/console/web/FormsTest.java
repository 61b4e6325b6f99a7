package dev.gort.console.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FormsTest {

  @Test
  void skipIsAWholeNumberFromZero() {
    assertThat(Forms.skip(null)).isZero();
    assertThat(Forms.skip("")).isZero();
    assertThat(Forms.skip("50")).isEqualTo(50);
    assertThatThrownBy(() -> Forms.skip("-1")).isInstanceOf(PageInputException.class);
    assertThatThrownBy(() -> Forms.skip("ten")).isInstanceOf(PageInputException.class);
    assertThatThrownBy(() -> Forms.skip("99999999999")).isInstanceOf(PageInputException.class);
  }

  @Test
  void blankIsNotGiven() {
    assertThat(Forms.optional("  ")).isNull();
    assertThat(Forms.optional(" sim ")).isEqualTo("sim");
  }

  @Test
  void requestKeysDiffer() {
    assertThat(Forms.newRequestKey()).isNotEqualTo(Forms.newRequestKey());
  }

  @Test
  void pagerKeepsTheOtherParameters() {
    Pager pager = new Pager("/operations?filter=a%20eq%201", 25, 25, 50);
    assertThat(pager.previousHref()).isEqualTo("/operations?filter=a%20eq%201&skip=0");
    assertThat(pager.nextHref()).isEqualTo("/operations?filter=a%20eq%201&skip=50");
    Pager first = new Pager("/experiments", 0, 25, null);
    assertThat(first.hasPrevious()).isFalse();
    assertThat(first.hasNext()).isFalse();
  }
}
