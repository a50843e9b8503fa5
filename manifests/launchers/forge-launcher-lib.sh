#!/usr/bin/env bash
# Shared by FORGE's built-in launchers. A launcher sources this file, then calls
# forge_launch (launcher half: check arguments, write the first status and log lines, start
# the worker in tmux, print one JSON object) or, inside tmux, its own run half.
#
# Protocol (README "Launcher protocol"): called as
#   <launcher> --model=M --workspace=DIR --session-name=ID [--bead-ref=BEAD] [--config=FILE]
# with FORGE_HOME, FORGE_WORKER_ID, FORGE_SESSION, FORGE_MODEL, FORGE_WORKSPACE, FORGE_BIN set.
# stdout carries exactly one JSON object; everything else goes to stderr.

set -u

FORGE_HOME=${FORGE_HOME:-$HOME/.forge}

forge_die() { # message [exit code]
  printf 'launcher: %s\n' "$1" >&2
  exit "${2:-1}"
}

forge_parse_args() {
  MODEL="" WORKSPACE="" SESSION="" BEAD="" CONFIG_FILE="" AGENT_ARGS=""
  local arg
  for arg in "$@"; do
    case "$arg" in
      --model=*) MODEL=${arg#--model=} ;;
      --workspace=*) WORKSPACE=${arg#--workspace=} ;;
      --session-name=*) SESSION=${arg#--session-name=} ;;
      --bead-ref=*) BEAD=${arg#--bead-ref=} ;;
      --config=*) CONFIG_FILE=${arg#--config=} ;;
      --help | -h)
        printf 'usage: %s --model=M --workspace=DIR --session-name=ID [--bead-ref=BEAD] [--config=FILE]\n' "$0" >&2
        exit 2 ;;
      *) AGENT_ARGS="$AGENT_ARGS $(printf '%q' "$arg")" ;; # spawn_args, passed on to the agent
    esac
  done
  [ -n "$MODEL" ] || forge_die "missing --model=<model>" 2
  [ -n "$WORKSPACE" ] || forge_die "missing --workspace=<dir>" 2
  [ -n "$SESSION" ] || forge_die "missing --session-name=<id>" 2
  [ -d "$WORKSPACE" ] || forge_die "workspace \"$WORKSPACE\" is not a directory" 1
  case "$SESSION" in
    *[!A-Za-z0-9_-]* | [!A-Za-z0-9]*) forge_die "session name \"$SESSION\" must be letters, digits, '-' or '_'" 2 ;;
  esac
  STATUS_FILE="$FORGE_HOME/status/$SESSION.json"
  LOG_FILE="$FORGE_HOME/logs/$SESSION.log"
  ERR_FILE="$FORGE_HOME/logs/$SESSION.err"
}

forge_json() { # string -> JSON string literal
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\n'/\\n}
  s=${s//$'\r'/\\r}
  s=${s//$'\t'/\\t}
  printf '"%s"' "$s"
}

forge_now() {
  if [ "${BASH_VERSINFO[0]}" -ge 5 ]; then
    TZ=UTC printf '%(%Y-%m-%dT%H:%M:%SZ)T' -1
  else
    date -u +%Y-%m-%dT%H:%M:%SZ
  fi
}

# forge_log LEVEL EVENT MESSAGE [EXTRA] — one JSONL line; EXTRA is ',"k":v…' already encoded.
forge_log() {
  printf '{"timestamp":"%s","level":"%s","worker_id":%s,"event":"%s","message":%s%s}\n' \
    "$(forge_now)" "$1" "$(forge_json "$SESSION")" "$2" "$(forge_json "$3")" "${4:-}" >>"$LOG_FILE"
}

# forge_status STATE — rewrites the status file atomically. Never overwrites a pause that FORGE
# wrote (nor when and why it was paused), except when the worker stops or fails.
forge_status() {
  # A signal trap that writes the status may fire while this shell holds the lock: it already
  # holds it, and waiting for it again would deadlock the worker.
  if [ -n "${FORGE_STATUS_HELD:-}" ] || ! command -v flock >/dev/null 2>&1; then
    forge_status_write "$@"
    return
  fi
  # FORGE takes the same lock (flock) for pause and resume, so neither write is lost. A holder
  # that hangs costs at most 10 s; the status is written then anyway.
  FORGE_STATUS_HELD=1
  { flock -x -w 10 9; forge_status_write "$@"; } 9>"$FORGE_HOME/status/.$SESSION.lock"
  FORGE_STATUS_HELD=
}

forge_status_write() {
  local state=$1 task="null" now tmp paused_at="" pause_reason=""
  if [ "$state" != "stopped" ] && [ "$state" != "failed" ] && forge_is_paused; then
    state=paused
    paused_at=$(sed -nE 's/^[[:space:]]*"paused_at":[[:space:]]*"([^"]*)".*/\1/p' "$STATUS_FILE" 2>/dev/null | head -n 1)
    pause_reason=$(sed -nE 's/^[[:space:]]*"pause_reason":[[:space:]]*("([^"\\]|\\.)*").*/\1/p' "$STATUS_FILE" 2>/dev/null | head -n 1)
  fi
  [ -n "${CURRENT_TASK:-}" ] && task=$(forge_json "$CURRENT_TASK")
  now=$(forge_now)
  tmp="$STATUS_FILE.$$.tmp"
  {
    printf '{\n  "worker_id": %s,\n  "status": "%s",\n' "$(forge_json "$SESSION")" "$state"
    printf '  "model": %s,\n  "workspace": %s,\n' "$(forge_json "$MODEL")" "$(forge_json "$WORKSPACE")"
    printf '  "pid": %s,\n  "started_at": "%s",\n  "last_activity": "%s",\n' "${WORKER_PID:-$$}" "${STARTED_AT:-$now}" "$now"
    printf '  "current_task": %s,\n  "tasks_completed": %s,\n' "$task" "${TASKS_COMPLETED:-0}"
    [ "$state" = "paused" ] && printf '  "paused_at": "%s",\n' "${paused_at:-$now}"
    [ -n "$pause_reason" ] && printf '  "pause_reason": %s,\n' "$pause_reason"
    [ "$state" = "stopped" ] && printf '  "stopped_at": "%s",\n' "$now"
    printf '  "launcher": %s,\n  "metadata": {"type": "%s"}\n}\n' "$(forge_json "${LAUNCHER_NAME:-launcher}")" "${WORKER_TYPE:-generic_worker}"
  } >"$tmp" && mv -f "$tmp" "$STATUS_FILE"
}

forge_is_paused() {
  [ -f "$STATUS_FILE" ] && grep -q '"status": *"paused"' "$STATUS_FILE" 2>/dev/null
}

# forge_launch RUN_ARGS… — the launcher half. Starts "$0 --forge-run" in a tmux session named
# after the worker, with this launcher's environment, then prints the protocol's JSON object.
forge_launch() {
  command -v tmux >/dev/null 2>&1 || forge_die "tmux is not installed (FORGE workers run in tmux sessions)"
  mkdir -p "$FORGE_HOME/status" "$FORGE_HOME/logs" "$FORGE_HOME/state/run" || forge_die "cannot create folders under $FORGE_HOME"
  STARTED_AT=$(forge_now)
  if [ -n "$BEAD" ] && [ -z "${FORGE_BIN:-}" ]; then
    forge_die "--bead-ref needs FORGE_BIN (how to call forge); run this launcher through forge"
  fi
  export MODEL WORKSPACE SESSION BEAD CONFIG_FILE STATUS_FILE LOG_FILE ERR_FILE STARTED_AT AGENT_ARGS
  forge_status starting
  forge_log info worker_started "worker $SESSION starting (model $MODEL)" ",\"model\":$(forge_json "$MODEL"),\"workspace\":$(forge_json "$WORKSPACE")"
  [ -n "$BEAD" ] && forge_log info bead_assigned "assigned bead $BEAD" ",\"bead_id\":$(forge_json "$BEAD")"
  # The worker's environment travels in a private file (secrets never appear in argv); the
  # worker deletes it as soon as it has read it. The pane's shell stays as the worker's parent
  # (no exec): tmux continues a pane process that gets stopped, so a worker that was the pane
  # process could never be hard-paused. Parent and worker share the pane's process group, so
  # closing the session still hangs both up.
  local runfile="$FORGE_HOME/state/run/$SESSION.env" self
  self=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
  (umask 077 && export -p >"$runfile") || forge_die "cannot write $runfile"
  tmux kill-session -t "=$SESSION" 2>/dev/null
  tmux new-session -d -s "$SESSION" -c "$WORKSPACE" \
    "exec bash -c '. \"\$1\"; rm -f \"\$1\"; bash \"\$2\" --forge-run; exit \$?' forge-run $(printf '%q' "$runfile") $(printf '%q' "$self")" \
    || forge_die "tmux could not start session \"$SESSION\""
  local pid
  pid=$(tmux list-panes -t "=$SESSION" -F '#{pane_pid}' 2>/dev/null | head -n 1)
  [ -n "$pid" ] || forge_die "tmux session \"$SESSION\" ended at once; see $ERR_FILE"
  local bead_field=""
  [ -n "$BEAD" ] && bead_field=",\"bead_id\":$(forge_json "$BEAD")"
  printf '{"worker_id":%s,"pid":%s,"status":"spawned","session":%s,"model":%s,"launcher":%s,"workspace":%s,"timestamp":"%s"%s}\n' \
    "$(forge_json "$SESSION")" "$pid" "$(forge_json "$SESSION")" "$(forge_json "$MODEL")" \
    "$(forge_json "${LAUNCHER_NAME:-launcher}")" "$(forge_json "$WORKSPACE")" "$(forge_now)" "$bead_field"
}

# forge_finish CODE [WHY] — records how the worker ended; closes the bead on success and puts it back
# on failure, through FORGE so any beads tool works.
forge_finish() {
  local code=$1
  if [ "$code" -eq 0 ]; then
    if [ -n "$BEAD" ]; then
      if "$FORGE_BIN" bead close "$BEAD" --workspace "$WORKSPACE" --reason "Completed by $SESSION" >>"$ERR_FILE" 2>&1; then
        forge_log info task_completed "bead $BEAD closed" ",\"bead_id\":$(forge_json "$BEAD")"
        TASKS_COMPLETED=$((${TASKS_COMPLETED:-0} + 1))
      else
        forge_log error task_failed "could not close bead $BEAD (see $ERR_FILE)" ",\"bead_id\":$(forge_json "$BEAD"),\"error\":\"close failed\""
        code=1
      fi
    fi
  else
    local why=${2:-exit $code}
    [ -n "$BEAD" ] && forge_log error task_failed "bead $BEAD failed: $why" ",\"bead_id\":$(forge_json "$BEAD"),\"error\":$(forge_json "$why")"
    [ -n "$BEAD" ] && "$FORGE_BIN" bead release "$BEAD" --workspace "$WORKSPACE" --reason "worker $SESSION failed (exit $code)" >>"$ERR_FILE" 2>&1
  fi
  CURRENT_TASK=""
  if [ "$code" -eq 0 ]; then forge_status stopped; else forge_status failed; fi
  forge_log info worker_stopped "worker $SESSION stopped (exit $code)" ",\"reason\":\"exit $code\""
  return "$code"
}

# forge_require_agent BIN HINT — fails the launch early when the agent CLI is missing.
forge_require_agent() {
  command -v "$1" >/dev/null 2>&1 || forge_die "agent CLI \"$1\" is not on PATH; $2"
}

# forge_run_agent — the worker half for agent CLIs. The launcher defines agent_headless PROMPT
# (one non-interactive run whose machine-readable output goes to the log) and agent_interactive.
forge_run_agent() {
  WORKER_PID=$$
  eval "set -- $AGENT_ARGS"
  if [ -z "$BEAD" ]; then
    forge_status idle
    agent_interactive "$@"
    local code=$?
    forge_status stopped
    forge_log info worker_stopped "worker $SESSION stopped (exit $code)" ",\"reason\":\"exit $code\""
    exit "$code"
  fi
  CURRENT_TASK=$BEAD
  forge_status active
  forge_log info task_started "working on $BEAD" ",\"bead_id\":$(forge_json "$BEAD")"
  local prompt
  if ! prompt=$("$FORGE_BIN" bead prompt "$BEAD" --workspace "$WORKSPACE" 2>>"$ERR_FILE"); then
    forge_finish 1 "cannot read bead $BEAD"
    exit 1
  fi
  agent_headless "$prompt" "$@" </dev/null >>"$LOG_FILE" 2>>"$ERR_FILE"
  local code=$?
  # Some agents say "usage limit" only through their exit code (Gemini CLI: 173, a 429); the
  # launcher lists those codes in AGENT_LIMIT_EXITS so FORGE parks the plan instead of retrying.
  local why=""
  case " ${AGENT_LIMIT_EXITS:-} " in
    *" $code "*)
      why="usage limit (exit $code)"
      forge_log warn rate_limited "$LAUNCHER_NAME stopped at a usage limit (exit $code)" ",\"bead_id\":$(forge_json "$BEAD")"
      ;;
  esac
  forge_finish "$code" "$why"
  exit $?
}
