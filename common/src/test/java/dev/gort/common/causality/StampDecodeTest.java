package dev.gort.common.causality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Decoding rejects anything but the one normal encoding of a stamp, and says where. */
class StampDecodeTest {

  static Stream<Arguments> malformed() {
    return Stream.of(
        Arguments.of("", 0, "ends where '(' was expected"),
        Arguments.of("1,0)", 0, "expected '('"),
        Arguments.of("(1,0", 4, "ends where ')' was expected"),
        Arguments.of("(1,0))", 5, "unexpected ')' after the stamp"),
        Arguments.of("(1,0)\n", 5, "after the stamp"),
        Arguments.of("(2,0)", 1, "expected an id"),
        Arguments.of("(1,)", 3, "expected a counter"),
        Arguments.of("(1, 0)", 3, "expected a counter or '(', found ' '"),
        Arguments.of("(1,-1)", 3, "expected a counter"),
        Arguments.of("(1,\u0663)", 3, "expected a counter"),
        Arguments.of("(1,01)", 3, "no leading zeros"),
        Arguments.of("((0,0),0)", 1, "id (0,0) is not normal"),
        Arguments.of("((1,1),0)", 1, "id (1,1) is not normal"),
        Arguments.of("(((1,1),0),0)", 2, "id (1,1) is not normal"),
        Arguments.of("(1,(0,0,0))", 3, "event tree (0,0,0) is not normal"),
        Arguments.of("(1,(0,2,2))", 3, "event tree (0,2,2) is not normal"),
        Arguments.of("(1,(0,1,(1,0,1)))", 3, "one half must have minimum 0"),
        Arguments.of("(1,(0,1))", 7, "expected ','"),
        Arguments.of("(1,(0,1,0,1))", 9, "expected ')'"),
        Arguments.of("(1,9007199254740992)", 3, "above the limit"),
        Arguments.of("(1,99999999999999999999999999)", 3, "above the limit"),
        Arguments.of("(1,(9007199254740991,0,1))", 23, "above the limit"),
        Arguments.of("(0,(1,1,0)", 10, "ends where ')' was expected"));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void malformedTextIsRejectedAtItsPosition(String text, int position, String message) {
    MalformedStampException e =
        catchThrowableOfType(() -> Stamp.decode(text), MalformedStampException.class);

    assertThat(e).as("decoding %s", text).isNotNull().isInstanceOf(IllegalArgumentException.class);
    assertThat(e.position()).isEqualTo(position);
    assertThat(e.getMessage()).contains(message).endsWith("at position " + position);
  }

  @Test
  void nullIsNoStamp() {
    assertThatThrownBy(() -> Stamp.decode(null))
        .isInstanceOf(MalformedStampException.class)
        .hasMessage("no stamp at position 0");
  }

  @Test
  void textUpToTheLengthLimitIsReadAndLongerTextIsNot() {
    // (0,1,(0,1,(...))) nests one level per 6 characters, normal at every level
    String events = "0";
    while (("(0," + "(0,1," + events + ")" + ")").length() <= Stamp.MAX_ENCODED_LENGTH) {
      events = "(0,1," + events + ")";
    }
    String longest = "(0," + events + ")";
    assertThat(longest.length()).isBetween(Stamp.MAX_ENCODED_LENGTH - 5, Stamp.MAX_ENCODED_LENGTH);

    Stamp deep = Stamp.decode(longest);

    assertThat(deep.encode()).isEqualTo(longest);
    assertThat(deep.leq(Stamp.seed().event())).isTrue();
    assertThat(deep.join(Stamp.seed().event()).encode()).isEqualTo("(1,1)");
    String tooLong = longest + " ".repeat(Stamp.MAX_ENCODED_LENGTH + 1 - longest.length());
    assertThatThrownBy(() -> Stamp.decode(tooLong))
        .isInstanceOf(MalformedStampException.class)
        .hasMessage("a stamp is at most 4096 characters, not 4097 at position 4096");
  }
}
