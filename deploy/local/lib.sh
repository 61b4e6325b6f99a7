# shellcheck shell=bash
# Shared by deploy/local/start and deploy/local/stop (sourced, not run): where the local stack
# keeps its state, and whether a process recorded there is still one of ours and alive.
#
# A component's pid is in $run/pids/<component>.pid. "Alive" means the process exists, is not a
# zombie, and is still the one start launched. Once start has returned, its processes belong to
# whatever adopted them (init or a subreaper); if that never reaps, a process that was killed
# (kill -9) or has exited lingers as a zombie, and kill -0 still succeeds on a zombie. A pid may
# also have been reused by an unrelated process.

run="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/.run"

running() { # pid -> 0 when the process exists and is neither a zombie (Z) nor dead (X)
  local stat state tasks
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  # The state is the field after the parenthesised command name; that name may itself hold
  # spaces and parentheses, so cut at the last ") ".
  state=${stat##*) }
  state=${state%% *}
  case "$state" in
    '') return 1 ;;
    Z | X)
      # The main thread of a JVM turns Z a few ms before its other threads have exited, and
      # until they have, the process still holds its ports: dead only when no thread is left.
      tasks=("/proc/$1/task/"*)
      (( ${#tasks[@]} > 1 )) ;;
    *) return 0 ;;
  esac
}

ours() { # pid component -> 0 when the process is the one start launched for that component
  local cmd
  cmd=$(tr '\0' ' ' < "/proc/$1/cmdline" 2>/dev/null) || return 1
  case "$2" in
    kafka) [[ "$cmd" == *dev.gort.kafka.KafkaBrokerMain* ]] ;;
    *) [[ "$cmd" == *"/$2/target/quarkus-app/quarkus-run.jar"* ]] ;;
  esac
}

pid_alive() { # pid component -> 0 when it is running and ours
  running "$1" && ours "$1" "$2"
}

recorded_pid() { # component -> prints its recorded pid; 1 when there is none
  local pidfile="$run/pids/$1.pid" pid
  [[ -f "$pidfile" ]] || return 1
  pid=$(< "$pidfile")
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  printf '%s\n' "$pid"
}

alive() { # component -> 0 when its recorded process is alive
  local pid
  pid=$(recorded_pid "$1") && pid_alive "$pid" "$1"
}
