package dev.gort.common.statemachine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A table of guarded transitions over enum states and triggers. It holds no current state: callers
 * keep the state in their entity and ask the machine where a trigger leads, so the same definition
 * serves every run, step or environment.
 *
 * @param <S> states
 * @param <T> triggers
 * @param <C> what guards look at (the entity, or {@code Void})
 */
public final class StateMachine<S extends Enum<S>, T extends Enum<T>, C> {

  private record Transition<S, T, C>(
      S from, T trigger, S to, Predicate<C> guard, String guardName) {}

  private final List<Transition<S, T, C>> transitions;
  private final Set<S> finalStates;

  private StateMachine(List<Transition<S, T, C>> transitions, Set<S> finalStates) {
    this.transitions = List.copyOf(transitions);
    this.finalStates = finalStates;
  }

  public static <S extends Enum<S>, T extends Enum<T>, C> Builder<S, T, C> builder(
      Class<S> states) {
    return new Builder<>(states);
  }

  /**
   * The state {@code trigger} leads to from {@code from}.
   *
   * @throws IllegalTransitionException when no transition matches, or its guard refuses
   */
  public S next(S from, T trigger, C context) {
    List<Transition<S, T, C>> candidates =
        transitions.stream().filter(t -> t.from == from && t.trigger == trigger).toList();
    if (candidates.isEmpty()) {
      throw new IllegalTransitionException(from, trigger, "no such transition");
    }
    for (Transition<S, T, C> t : candidates) {
      if (t.guard.test(context)) {
        return t.to;
      }
    }
    throw new IllegalTransitionException(
        from,
        trigger,
        "refused by guard "
            + String.join(" / ", candidates.stream().map(Transition::guardName).toList()));
  }

  /**
   * Whether {@code trigger} is allowed from {@code from} (a transition exists and a guard holds).
   */
  public boolean permits(S from, T trigger, C context) {
    return tryNext(from, trigger, context).isPresent();
  }

  public Optional<S> tryNext(S from, T trigger, C context) {
    try {
      return Optional.of(next(from, trigger, context));
    } catch (IllegalTransitionException e) {
      return Optional.empty();
    }
  }

  public boolean isFinal(S state) {
    return finalStates.contains(state);
  }

  public static final class Builder<S extends Enum<S>, T extends Enum<T>, C> {
    private final Class<S> states;
    private final List<Transition<S, T, C>> transitions = new ArrayList<>();
    private final Set<S> finalStates;

    private Builder(Class<S> states) {
      this.states = states;
      this.finalStates = EnumSet.noneOf(states);
    }

    public Builder<S, T, C> permit(S from, T trigger, S to) {
      return permitIf(from, trigger, to, "always", c -> true);
    }

    /** Guards of the same {@code from}/{@code trigger} are tried in the order they were added. */
    public Builder<S, T, C> permitIf(
        S from, T trigger, S to, String guardName, Predicate<C> guard) {
      transitions.add(new Transition<>(from, trigger, to, guard, guardName));
      return this;
    }

    /** {@code trigger} leads to {@code to} from every state not marked final. */
    public Builder<S, T, C> permitFromAnyNonFinal(T trigger, S to) {
      Collection<S> all = EnumSet.allOf(states);
      for (S s : all) {
        if (!finalStates.contains(s)) {
          permit(s, trigger, to);
        }
      }
      return this;
    }

    /** Marks end states; call before {@link #permitFromAnyNonFinal}. */
    public Builder<S, T, C> finalStates(S first, S... more) {
      finalStates.add(first);
      finalStates.addAll(List.of(more));
      return this;
    }

    public StateMachine<S, T, C> build() {
      for (Transition<S, T, C> t : transitions) {
        if (finalStates.contains(t.from)) {
          throw new IllegalStateException("transition out of final state " + t.from);
        }
      }
      return new StateMachine<>(transitions, EnumSet.copyOf(finalStates));
    }
  }
}
