package dev.gort.provisioner.environment;

import dev.gort.common.statemachine.StateMachine;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/** Whether one state of a watched machine can lead to another (polls may miss short states). */
final class Reachability {

  private Reachability() {}

  static <S extends Enum<S>, T extends Enum<T>> boolean reachable(
      StateMachine<S, T, Void> machine, T[] triggers, S from, S to) {
    Set<S> seen = new HashSet<>();
    Deque<S> todo = new ArrayDeque<>();
    todo.add(from);
    while (!todo.isEmpty()) {
      S state = todo.poll();
      if (state == to) {
        return true;
      }
      if (!seen.add(state)) {
        continue;
      }
      for (T trigger : triggers) {
        machine.tryNext(state, trigger, null).ifPresent(todo::add);
      }
    }
    return false;
  }
}
