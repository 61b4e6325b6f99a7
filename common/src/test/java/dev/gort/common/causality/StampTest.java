package dev.gort.common.causality;

import static dev.gort.common.causality.Causality.AFTER;
import static dev.gort.common.causality.Causality.BEFORE;
import static dev.gort.common.causality.Causality.CONCURRENT;
import static dev.gort.common.causality.Causality.EQUAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Worked examples of the ITC paper (Almeida, Baquero, Fonte 2008). Every expected encoding was
 * derived by hand from the paper's definitions (split, sum, norm, join, fill, grow), step by step
 * in the comments.
 */
class StampTest {

  @Test
  void thePapersRunOfForksEventsAndJoins() {
    // the run of the paper's figure: seed, fork, events on each side, fork, join, event
    Stamp seed = Stamp.seed();
    assertThat(seed.encode()).isEqualTo("(1,0)");

    // split(1) = ((1,0),(0,1)); both halves keep the events
    Stamp.Fork first = seed.fork();
    Stamp a = first.left();
    Stamp b = first.right();
    assertThat(a.encode()).isEqualTo("((1,0),0)");
    assertThat(b.encode()).isEqualTo("((0,1),0)");
    assertThat(a.compare(b)).isEqualTo(EQUAL);

    // fill changes nothing on a leaf; grow expands 0 to (0,0,0) and adds 1 under the 1 of the id
    a = a.event();
    b = b.event();
    assertThat(a.encode()).isEqualTo("((1,0),(0,1,0))");
    assertThat(b.encode()).isEqualTo("((0,1),(0,0,1))");
    assertThat(a.compare(b)).isEqualTo(CONCURRENT);
    assertThat(seed.compare(a)).isEqualTo(BEFORE);
    assertThat(a.compare(seed)).isEqualTo(AFTER);

    // split((1,0)) = (split(1) on the left, 0) = (((1,0),0), ((0,1),0))
    Stamp.Fork second = a.fork();
    Stamp a1 = second.left();
    Stamp a2 = second.right();
    assertThat(a1.encode()).isEqualTo("(((1,0),0),(0,1,0))");
    assertThat(a2.encode()).isEqualTo("(((0,1),0),(0,1,0))");
    assertThat(a1.compare(a2)).isEqualTo(EQUAL);

    // fill cannot raise the leaf 1 under ((1,0),0); grow expands it to (1,0,0) and adds 1 on its
    // left
    a1 = a1.event();
    assertThat(a1.encode()).isEqualTo("(((1,0),0),(0,(1,1,0),0))");
    assertThat(a1.compare(a2)).isEqualTo(AFTER);
    assertThat(a1.compare(b)).isEqualTo(CONCURRENT);

    // id (0,1) owns the right half: fill finds nothing to raise, grow adds 1 to the right leaf
    b = b.event();
    assertThat(b.encode()).isEqualTo("((0,1),(0,0,2))");

    // sum(((0,1),0), (0,1)) = ((0,1),1); join((0,1,0),(0,0,2)) = norm(0,1,2) = (1,0,1)
    Stamp c = a2.join(b);
    assertThat(c.encode()).isEqualTo("(((0,1),1),(1,0,1))");
    assertThat(c.compare(a2)).isEqualTo(AFTER);
    assertThat(c.compare(b)).isEqualTo(AFTER);
    assertThat(c.compare(a1)).isEqualTo(CONCURRENT);
    // fill changes nothing; grow could expand the left 0 under (0,1) or raise the right leaf under
    // 1: the expansion costs more, so the right leaf goes from 1 to 2
    assertThat(c.event().encode()).isEqualTo("(((0,1),1),(1,0,2))");

    // split(((0,1),1)) = (((0,1),0), (0,1)): each half of a two-sided id keeps one side
    Stamp.Fork third = c.fork();
    Stamp c1 = third.left();
    Stamp c2 = third.right();
    assertThat(c1.encode()).isEqualTo("(((0,1),0),(1,0,1))");
    assertThat(c2.encode()).isEqualTo("((0,1),(1,0,1))");

    // sum gives ((1,1),0) = (1,0); join((0,(1,1,0),0), (1,0,1))
    //   = norm(0, join((1,1,0), 1), join(0, 2)) = norm(0, (1,1,0), 2) = (1,(0,1,0),1)
    Stamp d = a1.join(c1);
    assertThat(d.encode()).isEqualTo("((1,0),(1,(0,1,0),1))");
    assertThat(d.compare(a1)).isEqualTo(AFTER);
    assertThat(d.compare(c2)).isEqualTo(AFTER);

    // the id owns the whole left half: fill raises it to its maximum 1, and (1,1,1) collapses to 2
    Stamp e = d.event();
    assertThat(e.encode()).isEqualTo("((1,0),2)");
    assertThat(e.compare(d)).isEqualTo(AFTER);

    // the other side goes on: fill((0,1),(1,0,1)) changes nothing, grow raises the right leaf
    c2 = c2.event();
    assertThat(c2.encode()).isEqualTo("((0,1),(1,0,2))");
    assertThat(c2.compare(e)).isEqualTo(CONCURRENT);

    // everything joins back into the whole interval; join(2,(1,0,2)) = norm(1,1,2) = (2,0,1)
    Stamp whole = e.join(c2);
    assertThat(whole.encode()).isEqualTo("(1,(2,0,1))");
    // with the whole interval, fill raises everything to the maximum: the seed again, 3 events on
    assertThat(whole.event().encode()).isEqualTo("(1,3)");
  }

  @Test
  void withTheSeedAloneEventIsACounter() {
    Stamp s = Stamp.seed().event().event().event();

    assertThat(s.encode()).isEqualTo("(1,3)");
    assertThat(Stamp.seed().happenedBefore(s)).isTrue();
  }

  @Test
  void peekIsAnonymousAndCarriesTheEvents() {
    Stamp a = Stamp.seed().fork().left().event();

    Stamp message = a.peek();

    assertThat(message.encode()).isEqualTo("(0,(0,1,0))");
    assertThat(message.isAnonymous()).isTrue();
    assertThat(message.compare(a)).isEqualTo(EQUAL);
    assertThatThrownBy(message::event)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("anonymous");
  }

  @Test
  void receivingAMessageJoinsItsEventsAndKeepsTheOwnId() {
    Stamp.Fork fork = Stamp.seed().fork();
    Stamp sender = fork.left().event();
    Stamp receiver = fork.right().event();

    // the paper's message passing: send = event and peek; receive = join (then event)
    Stamp received = receiver.join(sender.peek());
    Stamp replied = received.event();

    assertThat(received.encode()).isEqualTo("((0,1),1)");
    assertThat(received.id()).isEqualTo(receiver.id());
    assertThat(sender.happenedBefore(received)).isTrue();
    assertThat(replied.encode()).isEqualTo("((0,1),(1,0,1))");
    assertThat(sender.compare(replied)).isEqualTo(BEFORE);
    assertThat(replied.concurrentWith(sender.event())).isTrue();
  }

  @Test
  void stampsWithOverlappingIdsDoNotJoin() {
    Stamp a = Stamp.seed().fork().left();

    assertThatThrownBy(() -> a.join(a))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("overlap");
    assertThatThrownBy(() -> Stamp.seed().join(a)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void compareNamesEachCaseFromTheFirstStampsSide() {
    Stamp.Fork fork = Stamp.seed().fork();
    Stamp left = fork.left().event();
    Stamp right = fork.right().event();

    assertThat(Stamp.seed().compare(left)).isEqualTo(BEFORE);
    assertThat(left.compare(Stamp.seed())).isEqualTo(AFTER);
    assertThat(left.compare(left.peek())).isEqualTo(EQUAL);
    assertThat(left.compare(right)).isEqualTo(CONCURRENT);
    assertThat(Stamp.seed().happenedBefore(left)).isTrue();
    assertThat(left.happenedBefore(Stamp.seed())).isFalse();
    assertThat(left.happenedBefore(left)).isFalse();
    assertThat(left.concurrentWith(right)).isTrue();
    assertThat(left.concurrentWith(left)).isFalse();
  }

  @Test
  void encodingsReadBack() {
    for (String text :
        new String[] {
          "(1,0)",
          "(0,0)",
          "(0,(1,0,2))",
          "(((0,1),1),(1,0,1))",
          "((1,0),(1,(0,1,0),1))",
          "(1,9007199254740991)",
          "(0,(9007199254740990,1,0))"
        }) {
      assertThat(Stamp.decode(text).encode()).isEqualTo(text);
    }
  }
}
